/**
 * What the mail itself says about the material, beyond its attachments:
 *
 * - the HTML body as a file named 正文 when it holds a <table> (a table pasted from Excel into
 *   163/QQ webmail or Foxmail is often the only copy); it is read like a Word table;
 * - the 超大附件 the body announces: one error per file naming the file, its link and expiry, so
 *   the clerk downloads it before it expires (the table is not in the mail at all);
 * - a table sent as a picture: when no attachment holds a table and there are pictures, an error
 *   that asks for the spreadsheet.
 *
 * Pure: parsed mail and attachment facts in, files and problems out.
 */
import { createHash } from 'node:crypto';
import { error, type Problem } from '../../intake/kernel/problems.js';
import type { ParsedMessage } from '../../intake/mail/parse-mail.js';
import type { ExpandedFile } from '../extract/archive/expand.js';
import type { AttachmentFacts } from './facts.js';

/** The file name the clerk sees for a table read from the mail body. */
export const BODY_FILE_NAME = '正文';

/** The HTML body as a file to read, when it may hold a table. */
export function bodyFile(parsed: Pick<ParsedMessage, 'html'>): ExpandedFile | null {
  if (parsed.html === null || !/<table[\s>]/i.test(parsed.html)) return null;
  const content = Buffer.from(parsed.html, 'utf8');
  return {
    name: BODY_FILE_NAME,
    content,
    size: content.byteLength,
    sha256: createHash('sha256').update(content).digest('hex'),
    kind: 'html',
    problems: [],
  };
}

export function largeAttachmentProblems(parsed: Pick<ParsedMessage, 'largeAttachments'>): Problem[] {
  return parsed.largeAttachments.map((file) => {
    const size = file.size ? `（${file.size}）` : '';
    const expires = file.expires ? `，链接有效期：${file.expires}` : '';
    const name = file.name ?? '（正文未写文件名）';
    return error(
      'mail.large_attachment',
      `「${name}」${size}是超大附件，文件不在邮件中，只有下载链接 ${file.url}${expires}；请在到期前下载查看，或请单位把文件直接作为附件（或压缩后）重新报送`,
      { file: name, found: file.url, expected: '作为附件报送的文件' },
    );
  });
}

const PICTURE_NAME = /\.(png|jpe?g|gif|bmp|tiff?|webp|heic)$/i;

export function isPicture(file: Pick<AttachmentFacts, 'kind' | 'name'>): boolean {
  return file.kind === 'image' || (file.kind === 'other' && PICTURE_NAME.test(file.name));
}

/** The pictures as mail.picture_only names them (its `found`). */
export function picturesNamed(names: readonly string[]): string {
  // Each name in 《》 like every file name the clerk reads: a name may hold spaces, commas, anything.
  return names.map((name) => `《${name}》`).join('、');
}

/**
 * Pictures where the table should be: attached images (or body pictures) and no table in any
 * file of the message.
 */
export function pictureOnlyProblems(parsed: Pick<ParsedMessage, 'inlineImages'>, attachments: readonly AttachmentFacts[]): Problem[] {
  if (attachments.some((file) => file.tables.length > 0)) return [];
  const pictures = [...attachments.filter(isPicture).map((file) => file.name), ...parsed.inlineImages];
  if (pictures.length === 0) return [];
  const named = picturesNamed(pictures);
  return [
    error('mail.picture_only', `来信中的统计表是图片（${named}），无法读取其中的数字；请报送 Excel 或 Word 格式的统计表`, {
      file: pictures[0]!,
      found: named,
      expected: 'Excel（.xlsx/.xls）或 Word 格式的统计表',
    }),
  ];
}
