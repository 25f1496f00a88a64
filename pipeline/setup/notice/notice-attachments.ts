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

const ITEM = /^[(（]?(\d{1,2})[)）]?\s*[.．、:：]?\s*(.+)$/u;

function cleanTitle(text: string): string {
  return text
    .replace(/^[《“"]|[》”"]$/gu, '')
    .replace(/[。；;，,]$/u, '')
    .trim();
}

/** "1.检查目录 2.自查情况统计表" typed on one line: one item each. */
function splitItems(text: string, from: string): { text: string; from: string }[] {
  return (
    text
      // Before the next "2." (not inside a number such as 1.5万元); tidying removed the space before it.
      .split(/(?<=[^\d(（])\s*(?=[(（]?\d{1,2}[)）]?\s*[.．、](?!\d))/u)
      .filter((part) => part.trim() !== '')
      .map((part) => ({ text: part.trim(), from }))
  );
}

/** The list after "附件：", or lines of their own ("附件1：…统计表", "附件2：…台账"). */
function listedItems(body: readonly NoticeParagraph[]): { text: string; from: string }[] {
  const start = body.findIndex((paragraph) => /^附\s*件\s*[:：]/u.test(paragraph.text));
  if (start < 0)
    return body.flatMap((paragraph) => {
      const match = /^附\s*件\s*(\d{1,2})\s*[:：]\s*(.+)$/u.exec(paragraph.text);
      return match ? [{ text: `${match[1]}.${match[2]}`, from: paragraph.from }] : [];
    });
  const items = splitItems(body[start]!.text.replace(/^附\s*件\s*[:：]\s*/u, ''), body[start]!.from);
  for (const paragraph of body.slice(start + 1)) {
    if (!ITEM.test(paragraph.text) || /^\d{4}/u.test(paragraph.text)) break;
    items.push(...splitItems(paragraph.text, paragraph.from));
  }
  return items;
}

export function noticeAttachments(notice: NoticeText): NoticeAttachment[] {
  const listed: NoticeAttachment[] = [];
  for (const item of listedItems(notice.body)) {
    const match = ITEM.exec(item.text);
    if (match && /^\d/u.test(item.text.replace(/^[(（]/u, '')))
      listed.push({ label: `附件${match[1]}`, title: cleanTitle(match[2]!), from: item.from });
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
