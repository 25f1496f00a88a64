/**
 * 日期, as units type them: a real date cell; 2026-05-18, 2026/5/18, 2026.5.18, 2026年5月18日
 * (号 too); 20260518 (with a warning); 5月18日, with the year of the campaign and a warning;
 * Chinese numerals (二〇二六年五月十八日); a time after the day is dropped. A day written without
 * its year in an order that cannot be told (5/6, 18/5, 6/5/2026) is ambiguous: a refusal of its
 * own (value.date_ambiguous), never a guess. The value is "YYYY-MM-DD".
 */
import { compact } from '../../../intake/kernel/text/normalize.js';
import { parseChineseNumeral } from './chinese-numeral.js';
import type { FieldCell, FieldContext, FieldReading } from './field-reading.js';

const YEAR_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  '○': '0',
  O: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const CHINESE_YEAR = /^([〇零○O一二三四五六七八九]{4})年/u;
const CHINESE_PART = /([〇零一二三四五六七八九十两]+)(月|日|号)/gu;

/** 二〇二六年五月十八日 → 2026年5月18日; digits left as they are. */
function arabic(text: string): string {
  const year = text.replace(CHINESE_YEAR, (_, digits: string) => `${[...digits].map((char) => YEAR_DIGITS[char]).join('')}年`);
  return year.replace(CHINESE_PART, (whole, numeral: string, mark: string) => {
    const value = parseChineseNumeral(numeral);
    return value === null ? whole : `${value}${mark}`;
  });
}

const pad = (value: number) => String(value).padStart(2, '0');

/** "YYYY-MM-DD" when the three parts are a day of the calendar, else null. */
export function calendarDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2200 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const FULL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/u;
const PACKED = /^(\d{4})(\d{2})(\d{2})$/u;
const MONTH_DAY = /^(\d{1,2})月(\d{1,2})[日号]?$/u;
const NO_YEAR = /^\d{1,2}[-/.]\d{1,2}$/u;
const YEAR_LAST = /^\d{1,2}[-/.]\d{1,2}[-/.](\d{2}|\d{4})$/u;
const SHORT_YEAR = /^\d{2}[-/.]\d{1,2}[-/.]\d{1,2}$/u;
const TIME = /[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/u;

/** The day of year, month and day as written, with a note saying how it was read (%s: the day). */
const day = (parts: readonly (string | number)[], note?: string): FieldReading => {
  const value = calendarDay(Number(parts[0]), Number(parts[1]), Number(parts[2]));
  if (value === null) return { ok: false, reason: '不是日历上的日期' };
  return { ok: true, value, ...(note ? { note: note.replace('%s', value) } : {}) };
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/u;

function readText(original: string, context: FieldContext): FieldReading {
  // The form most dates arrive in, read without the folding the others need.
  const iso = ISO.exec(original);
  if (iso) return day(iso.slice(1));
  const text = arabic(compact(original.replace(TIME, '')));
  const full = FULL.exec(text);
  if (full) return day(full.slice(1));
  const packed = PACKED.exec(text);
  if (packed) return day(packed.slice(1), `填写为「${original}」，按 %s 计`);
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay)
    return day([context.year, ...monthDay.slice(1)], `填写为「${original}」，没有写年份，按活动所在的 ${context.year} 年读作 %s`);
  if (NO_YEAR.test(text) || YEAR_LAST.test(text) || SHORT_YEAR.test(text)) {
    const year = NO_YEAR.test(text) ? '，也没有写年份' : '';
    return {
      ok: false,
      code: 'value.date_ambiguous',
      reason: `无法确定是哪一天（年、月、日的先后不明${year}）`,
    };
  }
  return { ok: false, reason: '不是日期' };
}

export function readDate(cell: FieldCell, context: FieldContext): FieldReading {
  if (cell.error !== undefined) return { ok: false, reason: `单元格是错误值 ${cell.error}` };
  if (cell.date !== undefined) return { ok: true, value: cell.date };
  if (cell.number !== undefined) {
    const packed = PACKED.exec(String(cell.number));
    if (packed) return day(packed.slice(1), `填写为「${cell.number}」，按 %s 计`);
    return { ok: false, reason: '是数字，不是日期（请填写日期，或把单元格设为日期格式）' };
  }
  return readText(cell.text.trim(), context);
}
