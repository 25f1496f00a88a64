/**
 * Which template is which 附件 of the notice: by the label above the table (附件2), else by name
 * (自查情况统计表 in the list and above the table, a year or 附件 prefix aside), else by the file's
 * name. A matched table takes the notice's name and label; a notice's 附件 that is a table without
 * a template file takes the table printed in the notice itself, when there is one. Pure.
 */
import { compact } from '../../intake/kernel/text/normalize.js';
import { type Derived, guess, sure } from './derived.js';
import type { NoticeAttachment } from './notice/notice-attachments.js';
import type { DraftTable } from './table/derive-table.js';

/** A 附件 that is a table by its name. */
export const TABLE_TITLE = /(表|台账|清单|名单|名册|登记表|一览表)$/u;

/** A name as compared: no spaces, no year in front (2026年度), no 附件 label, no brackets. */
function nameKey(text: string): string {
  return compact(text)
    .replace(/^附件\d{0,2}[:：、.]?/u, '')
    .replace(/^\d{4}年(度|上半年|下半年|第.季度)?/u, '')
    .replace(/[《》()（）「」"“”]/gu, '');
}

function sameName(a: string, b: string): boolean {
  const [x, y] = [nameKey(a), nameKey(b)];
  return x !== '' && y !== '' && (x === y || (Math.min(x.length, y.length) >= 4 && (x.includes(y) || y.includes(x))));
}

function attachmentFor(table: DraftTable, attachments: readonly NoticeAttachment[]): { attachment: NoticeAttachment; how: string } | null {
  const label = table.attachmentLabel?.value;
  const byLabel = label ? attachments.find((attachment) => attachment.label === label) : undefined;
  if (byLabel && (sameName(byLabel.title, table.name.value) || TABLE_TITLE.test(byLabel.title)))
    return { attachment: byLabel, how: `模板上方写“${label}”` };
  const byName = attachments.find((attachment) => sameName(attachment.title, table.name.value));
  if (byName) return { attachment: byName, how: `模板的标题“${table.name.value}”` };
  const byFile = attachments.find((attachment) => sameName(attachment.title, table.file.replace(/\.[A-Za-z0-9]{2,5}$/u, '')));
  if (byFile) return { attachment: byFile, how: `文件名“${table.file}”` };
  return null;
}

export interface MatchedTables {
  tables: DraftTable[];
  /** Templates the notice's 附件 list does not name. */
  unlisted: DraftTable[];
  /** 附件 that are tables with no template: their labels and titles. */
  missing: NoticeAttachment[];
}

function named(table: DraftTable, attachment: NoticeAttachment, how: string): DraftTable {
  const differs = compact(table.name.value) !== compact(attachment.title) ? `（模板上的标题是“${table.name.value}”）` : '';
  const note = `通知的附件列表；按${how}对应到 ${table.source}${differs}`;
  // A year or a 附件 prefix aside, the two names should agree; when they do not, one of them may be misread.
  const name: Derived<string> =
    nameKey(table.name.value) === nameKey(attachment.title)
      ? sure(attachment.title, attachment.from, note)
      : guess(attachment.title, attachment.from, `${note}；两者不一致，请确认表格的名称`);
  return { ...table, name, attachmentLabel: sure(attachment.label, attachment.from, '通知的附件列表') };
}

/**
 * `files`: tables from the template files, in the order given. `inNotice`: tables printed in the
 * notice itself, used only for a listed table no file gives.
 */
export function matchTables(
  files: readonly DraftTable[],
  inNotice: readonly DraftTable[],
  attachments: readonly NoticeAttachment[],
): MatchedTables {
  const taken = new Set<NoticeAttachment>();
  const tables: DraftTable[] = [];
  const unlisted: DraftTable[] = [];
  for (const table of files) {
    const match = attachmentFor(
      table,
      attachments.filter((attachment) => !taken.has(attachment)),
    );
    if (match) {
      taken.add(match.attachment);
      tables.push(named(table, match.attachment, match.how));
    } else {
      unlisted.push(table);
      const note = [table.name.note, '通知的附件列表中没有对应的表格，请核对'].filter(Boolean).join('；');
      tables.push(attachments.length > 0 ? { ...table, name: { ...table.name, note } } : table);
    }
  }
  for (const table of inNotice) {
    const match = attachmentFor(
      table,
      attachments.filter((attachment) => !taken.has(attachment)),
    );
    if (!match) continue;
    taken.add(match.attachment);
    tables.push(named(table, match.attachment, `通知中印出的${match.attachment.label}`));
  }
  const missing = attachments.filter((attachment) => !taken.has(attachment) && TABLE_TITLE.test(attachment.title));
  // The notice's order (附件1 before 附件2), whatever order the files came in.
  const order = (table: DraftTable) => {
    const at = attachments.findIndex((attachment) => attachment.label === table.attachmentLabel?.value);
    return at < 0 ? attachments.length : at;
  };
  return { tables: [...tables].sort((a, b) => order(a) - order(b)), unlisted, missing };
}
