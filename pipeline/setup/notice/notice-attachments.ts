/**
 * The notice's list of 附件 ("附件：1. 检查目录" / "2. 自查情况统计表", or "附件：汛期…统计表" alone):
 * each with its label and title, and the page printed after the notice for it, if any. Pure.
 */
import type { NoticeParagraph, NoticeText } from './notice-text.js';

export interface NoticeAttachment {
  /** 附件1 (附件 when the notice has only one). */
  label: string;
  title: string;
  from: string;
  /** The page printed after the notice for this 附件 (its paragraphs after the title), if any. */
  page?: NoticeParagraph[];
}

/**
 * An item's number before its title: "1." "1、" "1：" "(1)" "（1）", or "1 " before a title that
 * starts with digits ("1 2026年度…台账"). Never a number that belongs to the title: "2026年度…"
 * and "12月份…" have no number; "1.2026年度…" is item 1 (a year may follow the stop).
 */
const NUMBERED = /^(?:[(（](\d{1,2})[)）]|(\d{1,2})(?:\s*[.．、:：](?!\d)|\s*[.．、:：]\s*(?=\d{4}年)|\s+(?=\d)))\s*(.+)$/u;
/** Where a list typed on one line goes on with its next item ("…目录 2.自查…"): not inside 1.5万元. */
const NEXT_ITEM = /(?<=[^\d(（])\s*(?=[(（]?\d{1,2}[)）]?\s*[.．、](?:(?!\d)|\s*\d{4}年))/u;
/**
 * "附件1：…", "附件1 …", "附件1…" as lines of their own: the number right after 附件 is the label,
 * unless more digits or 年/月 follow it (附件2026年度…台账 is the one 附件, unnumbered).
 */
const LABELLED = /^附\s*件\s*(\d{1,2})(?![\d年月日号])\s*[.．、:：]?\s*(.+)$/u;
/** "附件2026年度…台账", "附件《…》" without a colon: the one 附件, unnumbered. */
const UNLABELLED = /^附\s*件\s*((?:\d{4}年|[《“"]).+)$/u;

interface Item {
  text: string;
  from: string;
  /** The label the line itself gave ("附件1：…"), when it did. */
  number?: string;
}

function numbered(text: string): { number: string; title: string } | null {
  const match = NUMBERED.exec(text);
  return match ? { number: (match[1] ?? match[2])!, title: match[3]! } : null;
}

function cleanTitle(text: string): string {
  return text
    .replace(/^[《“"]|[》”"]$/gu, '')
    .replace(/[。；;，,]$/u, '')
    .trim();
}

/** "1.检查目录 2.自查情况统计表" typed on one line: one item each. */
function splitItems(text: string, from: string): Item[] {
  return (
    text
      // Tidying removed the space before the next "2.".
      .split(NEXT_ITEM)
      .filter((part) => part.trim() !== '')
      .map((part) => ({ text: part.trim(), from }))
  );
}

/** The list after "附件：", or lines of their own ("附件1：…统计表", "附件2：…台账"). */
function listedItems(body: readonly NoticeParagraph[]): Item[] {
  const start = body.findIndex((paragraph) => /^附\s*件\s*[:：]/u.test(paragraph.text));
  if (start < 0) {
    const labelled = body.flatMap((paragraph): Item[] => {
      const match = LABELLED.exec(paragraph.text);
      return match ? [{ text: match[2]!, from: paragraph.from, number: match[1]! }] : [];
    });
    if (labelled.length > 0) return labelled;
    const single = body.map((paragraph) => ({ match: UNLABELLED.exec(paragraph.text), from: paragraph.from })).find((line) => line.match);
    return single?.match ? [{ text: single.match[1]!, from: single.from }] : [];
  }
  const items = splitItems(body[start]!.text.replace(/^附\s*件\s*[:：]\s*/u, ''), body[start]!.from);
  for (const paragraph of body.slice(start + 1)) {
    if (!numbered(paragraph.text)) break;
    items.push(...splitItems(paragraph.text, paragraph.from));
  }
  return items;
}

export function noticeAttachments(notice: NoticeText): NoticeAttachment[] {
  const listed: NoticeAttachment[] = [];
  for (const item of listedItems(notice.body)) {
    const match = item.number ? { number: item.number, title: item.text } : numbered(item.text);
    if (match) listed.push({ label: `附件${match.number}`, title: cleanTitle(match.title), from: item.from });
    else if (listed.length === 0 && item.text !== '') listed.push({ label: '附件', title: cleanTitle(item.text), from: item.from });
  }
  // The pages after the notice: matched to the list by label, or added when the list missed them.
  for (const page of notice.pages) {
    const [titleParagraph, ...rest] = page.paragraphs;
    const known = listed.find((attachment) => attachment.label === page.label || (page.label === '附件' && listed.length === 1));
    if (known) known.page = rest;
    else if (titleParagraph) listed.push({ label: page.label, title: cleanTitle(titleParagraph.text), from: page.from, page: rest });
  }
  return listed;
}
