/**
 * The head and foot of a notice: 文号 (伊滨办〔2013〕62号), the issuing office (发文机关标志, the
 * line before the title, or the signature), the title (关于…的通知, over one to three lines), the
 * 主送 line (各镇党委、人民政府，区直各相关单位：) and the 成文日期 above or below the signature. Pure.
 */
import { byDefault, type Derived, guess, likely, sure } from '../derived.js';
import { isoDate, lineDate } from './notice-dates.js';
import type { NoticeParagraph } from './notice-text.js';

export interface NoticeHead {
  documentNumber: Derived<string> | null;
  /** The year in 文号 (〔2013〕). */
  numberYear: number | null;
  issuingOffice: Derived<string> | null;
  noticeTitle: Derived<string> | null;
  /** Index of the paragraph after the title (the body starts there). */
  afterTitle: number;
  recipients: Derived<string> | null;
  noticeDate: Derived<string> | null;
}

const NUMBER = /([\u4e00-\u9fa5A-Za-z]{1,12})\s*[〔［[(（【]\s*((?:19|20)\d{2})\s*[〕］\])）】]\s*(\d{1,4})\s*号/u;
const ORGANISATION = /(办公室|委员会|人民政府|政府|管委会|指挥部|领导小组|局|厅|部|委|办|中心|院|会)$/u;
const TITLE_END = /(通知|通报|决定|意见|方案|函|办法|安排|要求)$/u;
const TITLE_START = /关于|转发|印发/u;

function documentNumber(paragraphs: readonly NoticeParagraph[]): { value: Derived<string>; year: number } | null {
  for (const paragraph of paragraphs.slice(0, 12)) {
    const match = NUMBER.exec(paragraph.text);
    if (match) return { value: sure(`${match[1]}〔${match[2]}〕${match[3]}号`, paragraph.from), year: Number(match[2]) };
  }
  return null;
}

/** The title: from 关于 to …通知, over up to three paragraphs; what stands before 关于 on its line is the office. */
function title(paragraphs: readonly NoticeParagraph[]): { text: string; from: string; office: string; at: number; next: number } | null {
  for (let at = 0; at < Math.min(paragraphs.length, 12); at++) {
    const paragraph = paragraphs[at]!;
    const start = paragraph.text.search(TITLE_START);
    if (start < 0 || paragraph.text.length > 80 || /[。；]/u.test(paragraph.text)) continue;
    let text = paragraph.text.slice(start);
    let next = at + 1;
    while (!TITLE_END.test(text) && next < Math.min(paragraphs.length, at + 3) && !/[：:]$/u.test(paragraphs[next]!.text)) {
      text += paragraphs[next]!.text;
      next++;
    }
    if (!TITLE_END.test(text)) continue;
    return { text, from: paragraph.from, office: paragraph.text.slice(0, start), at, next };
  }
  return null;
}

function issuingOffice(paragraphs: readonly NoticeParagraph[], found: ReturnType<typeof title>): Derived<string> | null {
  if (found && found.office !== '' && ORGANISATION.test(found.office)) return sure(found.office, found.from, '标题中“关于”之前的发文机关');
  const before = found ? paragraphs[found.at - 1] : undefined;
  if (before && ORGANISATION.test(before.text) && before.text.length <= 30 && !NUMBER.test(before.text))
    return likely(before.text, before.from, '标题上一行的发文机关');
  const mark = paragraphs.slice(0, 5).find((paragraph) => /文件$/u.test(paragraph.text) && paragraph.text.length <= 30);
  if (mark) return likely(mark.text.replace(/文件$/u, ''), mark.from, '发文机关标志（“…文件”）');
  return null;
}

function recipients(paragraphs: readonly NoticeParagraph[], from: number): Derived<string> | null {
  for (const paragraph of paragraphs.slice(from, from + 4)) {
    const match = /^(.{2,80}?)[：:]$/u.exec(paragraph.text);
    if (match && /(各|单位|政府|部门|党委|局|委|办|镇|乡|街道)/u.test(match[1]!)) return sure(match[1]!, paragraph.from, '主送机关');
  }
  return null;
}

/** The 成文日期: a date alone on a line, the last one of the body (under the signature). */
function noticeDate(paragraphs: readonly NoticeParagraph[]): { value: Derived<string>; signature: NoticeParagraph | undefined } | null {
  for (let at = paragraphs.length - 1; at >= Math.max(0, paragraphs.length - 10); at--) {
    const date = lineDate(paragraphs[at]!.text);
    if (date) return { value: sure(isoDate(date), paragraphs[at]!.from, '成文日期'), signature: paragraphs[at - 1] };
  }
  return null;
}

export function noticeHead(body: readonly NoticeParagraph[]): NoticeHead {
  const number = documentNumber(body);
  const found = title(body);
  const dated = noticeDate(body);
  let office = issuingOffice(body, found);
  const signature = dated?.signature;
  if (!office && signature && ORGANISATION.test(signature.text) && signature.text.length <= 30)
    office = likely(signature.text, signature.from, '落款的发文机关');
  return {
    documentNumber: number?.value ?? null,
    numberYear: number?.year ?? null,
    issuingOffice: office,
    noticeTitle: found ? sure(found.text, found.from, '通知标题') : null,
    afterTitle: found?.next ?? 0,
    recipients: recipients(body, found?.next ?? 0),
    noticeDate: dated?.value ?? null,
  };
}

const TITLE_WORDS: readonly RegExp[] = [
  /^关于/u,
  /(的)?(通知|通报|决定|意见|方案|函|办法|安排|要求)$/u,
  /^(在全区范围内|在全县范围内|在全市范围内|在全区|在全县|在全市|全区|全县|全市)/u,
  /^(认真|切实|进一步)?(组织开展|集中开展|深入开展|开展|做好|进行|报送|上报|印发|转发|填报|组织)/u,
];

/** The campaign's name from the notice's title: 关于在全区范围内组织开展X的通知 → X. */
export function campaignTitle(noticeTitle: Derived<string> | null, fallback: string): Derived<string> {
  if (!noticeTitle) return byDefault(fallback, '通知中没有找到标题，请填写活动名称');
  let text = noticeTitle.value;
  for (const word of TITLE_WORDS) text = text.replace(word, '');
  if (text.length < 4) return guess(noticeTitle.value, noticeTitle.from, '按通知标题命名活动，请改成简短的名称');
  return likely(text, noticeTitle.from, `由通知标题《${noticeTitle.value}》去掉“关于”“开展”“的通知”等得出，用于汇总表和公文的名称`);
}
