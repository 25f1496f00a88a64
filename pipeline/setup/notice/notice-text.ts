/**
 * A notice's text as paragraphs, whatever it came from: a Word document gives paragraphs; a PDF
 * gives lines cut at the page's width, with spaces pdftotext puts between ideographs and digits
 * ("8 月 18 日前"); a page break can cut a Word paragraph in two ("…秘书" / "科（401室）…"). The
 * lines are tidied and joined back into paragraphs; the body is told from the 附件 pages after it.
 * Pure.
 */
import type { DocumentLine } from '../read-setup-files.js';

export interface NoticeParagraph {
  text: string;
  /** Where the clerk finds it: "通知.docx 第12段". */
  from: string;
}

export interface NoticeText {
  file: string;
  /** The notice itself: from its head to its date, before the 附件 pages. */
  body: NoticeParagraph[];
  /** Each 附件 page printed after the notice: its label ("附件1") and its paragraphs (the title first). */
  pages: { label: string; from: string; paragraphs: NoticeParagraph[] }[];
}

const IDEOGRAPH_OR_MARK = '[\\u2e80-\\u9fff\\u3000-\\u303f\\uff00-\\uffef〔〕“”‘’《》、]';
const SPACE_BESIDE = new RegExp(`(?<=${IDEOGRAPH_OR_MARK})\\s+|\\s+(?=${IDEOGRAPH_OR_MARK})`, 'gu');

/** Spaces beside an ideograph or Chinese mark are typesetting, not text: "8 月 18 日" → "8月18日". */
export function tidy(text: string): string {
  return text
    .replace(/[\u00a0\u200b\ufeff]/gu, ' ')
    .replace(SPACE_BESIDE, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Numbered headings and list items start a paragraph of their own. */
const STARTS_ITEM =
  /^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.．、]|附\s*件|联系人|联系电话|电话|邮箱|关于|主送|抄送)/u;
const ENDS_SENTENCE = /[。；;：:！!？?）)」》]$/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\uffef]/u.test(char) ? 2 : 1;
  return width;
}

/** A line as full as the page allows, not ended by a stop: the paragraph goes on in the next line. */
function joinLines(lines: readonly NoticeParagraph[]): NoticeParagraph[] {
  const full = Math.max(0, ...lines.map((line) => displayWidth(line.text)));
  const joined: NoticeParagraph[] = [];
  for (const line of lines) {
    const last = joined.at(-1);
    const continues =
      last !== undefined &&
      displayWidth(last.text) >= full * 0.8 &&
      !ENDS_SENTENCE.test(last.text) &&
      !STARTS_ITEM.test(line.text) &&
      // A paragraph ends before a line that is only a date (成文日期) or a 附件 label.
      !/^(\d{4}|[〇零一二三四五六七八九]{4})年/u.test(line.text);
    if (continues) joined[joined.length - 1] = { text: last.text + line.text, from: last.from };
    else joined.push({ ...line });
  }
  return joined;
}

/** "附件1" / "附件 2" alone on a line: a 附件 page starts (not the 附件：list of the notice). */
function pageLabel(text: string): string | null {
  const match = /^附\s*件\s*(\d{1,2})?$/u.exec(text.normalize('NFKC'));
  return match ? `附件${match[1] ?? ''}` : null;
}

export function noticeText(file: string, lines: readonly DocumentLine[]): NoticeText {
  const tidied = lines.map((line) => ({ text: tidy(line.text), from: `${file} ${line.location}` })).filter((line) => line.text !== '');
  const paragraphs = joinLines(tidied);
  const firstPage = paragraphs.findIndex((paragraph) => pageLabel(paragraph.text) !== null);
  const body = firstPage < 0 ? paragraphs : paragraphs.slice(0, firstPage);
  const pages: NoticeText['pages'] = [];
  for (const paragraph of firstPage < 0 ? [] : paragraphs.slice(firstPage)) {
    const label = pageLabel(paragraph.text);
    if (label !== null) pages.push({ label, from: paragraph.from, paragraphs: [] });
    else pages.at(-1)?.paragraphs.push(paragraph);
  }
  return { file, body, pages };
}
