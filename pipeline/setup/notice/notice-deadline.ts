/**
 * The deadline a notice sets for units' materials: "请各单位于6月20日前将…报送…", "8月18日前，各单位
 * 要认真填报…", "12月10日17:30前", "截止时间为6月20日下午5点". The date is read from the text; a year
 * the text leaves out comes from the 成文日期 or the 文号; an hour it leaves out is proposed as the
 * end of that working day (18:00) and marked for the clerk to confirm. Among several dates, the
 * one in a sentence about sending materials wins. Pure.
 */
import { type Derived, guess, likely, sure } from '../derived.js';
import { CN_NUMBER, CN_YEAR, isoDate, smallNumber, validDate, weekday, yearValue } from './notice-dates.js';
import type { NoticeParagraph } from './notice-text.js';

/** The end of a working day, proposed when the notice names only the day. */
export const END_OF_WORKING_DAY = '18:00';

const DATE = `(?:(${CN_YEAR})年)?(${CN_NUMBER})月(${CN_NUMBER})[日号](?:[(（](?:星期|周)[一二三四五六日天][)）])?`;
const TIME = `(?:(上午|下午|中午|晚上|傍晚)?(\\d{1,2}|[一二三四五六七八九十]{1,3})(?:[:：](\\d{2})|[时点](?:(\\d{1,2})分|(半))?))?`;
const BEFORE = new RegExp(`${DATE}${TIME}(下班)?(?:前|之前|以前|为止|止)`, 'gu');
const CUTOFF = new RegExp(`截[止至](?:时间|日期)?(?:为|是|[:：])?${DATE}${TIME}(下班)?`, 'gu');

const SENDING = /(报送|上报|报至|报区|报市|报县|发送|发至|送至|送交|提交|报给|报|交)/u;
const MATERIALS = /(表|报告|材料|总结|台账|清单|名单|电子版)/u;

interface Candidate {
  paragraph: NoticeParagraph;
  sentence: string;
  match: RegExpExecArray;
  score: number;
}

function sentenceAround(text: string, index: number, length: number): string {
  const start = Math.max(text.lastIndexOf('。', index) + 1, text.lastIndexOf('；', index) + 1);
  const endStop = text.indexOf('。', index + length);
  return text.slice(start, endStop < 0 ? text.length : endStop + 1);
}

function candidates(paragraphs: readonly NoticeParagraph[]): Candidate[] {
  const found: Candidate[] = [];
  for (const paragraph of paragraphs) {
    for (const pattern of [BEFORE, CUTOFF]) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(paragraph.text); match; match = pattern.exec(paragraph.text)) {
        const sentence = sentenceAround(paragraph.text, match.index, match[0].length);
        const score = (SENDING.test(sentence) ? 2 : 0) + (MATERIALS.test(sentence) ? 1 : 0) + (pattern === CUTOFF ? 1 : 0);
        found.push({ paragraph, sentence, match, score });
      }
    }
  }
  return found;
}

interface Clock {
  hour: number;
  minute: number;
  said: boolean;
}

function clockOf(match: RegExpExecArray): Clock | null {
  const [half, hourText, minuteText, minuteWord, halfWord, offWork] = [match[4], match[5], match[6], match[7], match[8], match[9]];
  if (hourText === undefined) {
    if (offWork) return { hour: 18, minute: 0, said: false };
    return null;
  }
  let hour = smallNumber(hourText);
  if (hour === null || hour > 24) return null;
  if ((half === '下午' || half === '晚上' || half === '傍晚') && hour < 12) hour += 12;
  const minute = halfWord ? 30 : Number(minuteText ?? minuteWord ?? 0);
  return minute < 60 ? { hour, minute, said: true } : null;
}

export interface DeadlineContext {
  /** The 成文日期 ("2026-05-20"), if found. */
  noticeDate: string | null;
  /** The year in the 文号. */
  numberYear: number | null;
  /** The year to assume when neither says (the clock at the edge). */
  currentYear: number;
}

function yearFor(month: number, day: number, context: DeadlineContext): { year: number; why: string; confidence: 'likely' | 'guess' } {
  if (context.noticeDate) {
    const [year, noticeMonth, noticeDay] = context.noticeDate.split('-').map(Number) as [number, number, number];
    // A deadline earlier in the calendar than the notice is in the next year (a December notice, a January deadline).
    const next = month < noticeMonth || (month === noticeMonth && day < noticeDay);
    return { year: next ? year + 1 : year, why: `年份按成文日期${next ? '的下一年' : ''}（${year}年）`, confidence: 'likely' };
  }
  if (context.numberYear !== null)
    return { year: context.numberYear, why: `年份按文号中的 ${context.numberYear} 年`, confidence: 'likely' };
  return { year: context.currentYear, why: `通知中没有年份，按今年（${context.currentYear}年）`, confidence: 'guess' };
}

export interface DeadlineFound {
  deadline: Derived<string>;
  /** Other dates the notice names with 前 (a date to finish the self-inspection by…): shown to the clerk. */
  others: string[];
}

const pad = (value: number) => String(value).padStart(2, '0');

export function noticeDeadline(paragraphs: readonly NoticeParagraph[], context: DeadlineContext): DeadlineFound | null {
  const all = candidates(paragraphs);
  const dated = all
    .map((candidate) => {
      const { match } = candidate;
      const month = smallNumber(match[2]!);
      const day = smallNumber(match[3]!);
      const explicitYear = match[1] ? yearValue(match[1]) : null;
      const year =
        explicitYear !== null
          ? { year: explicitYear, why: '', confidence: 'sure' as const }
          : month && day
            ? yearFor(month, day, context)
            : null;
      const date = year ? validDate(year.year, month, day) : null;
      return date && year ? { ...candidate, date, year } : null;
    })
    .filter((candidate) => candidate !== null);
  if (dated.length === 0) return null;
  const best = [...dated].sort((a, b) => b.score - a.score || isoDate(b.date).localeCompare(isoDate(a.date)))[0]!;
  const clock = clockOf(best.match);
  const time = clock ? `${pad(clock.hour)}:${pad(clock.minute)}` : END_OF_WORKING_DAY;
  const value = `${isoDate(best.date)}T${time}:00+08:00`;
  const said = `通知写“${best.match[0]}”`;
  const notes = [said];
  if (best.year.why) notes.push(best.year.why);
  if (!clock?.said)
    notes.push(clock ? '“下班前”按 18:00 计' : `没有写几点，暂按当日下班时间 ${END_OF_WORKING_DAY} 计（此后收到的材料算逾期）`);
  const day = weekday(best.date);
  if (day === '星期六' || day === '星期日') notes.push(`该日是${day}`);
  const note = notes.join('；');
  const deadline =
    !clock?.said || best.year.confidence === 'guess'
      ? guess(value, best.paragraph.from, note)
      : best.year.confidence === 'likely'
        ? likely(value, best.paragraph.from, note)
        : sure(value, best.paragraph.from, note);
  const others = [
    ...new Set(dated.filter((candidate) => candidate.sentence !== best.sentence).map((candidate) => `“${candidate.sentence.trim()}”`)),
  ];
  return { deadline, others };
}
