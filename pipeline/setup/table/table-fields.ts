/**
 * The lines above a template's header: its 附件 label (附件2), its title (自查情况统计表), and the
 * 填报单位 / 填报日期 lines whose labels the units' files repeat and the finder reads (a 填报日期
 * line is also typed below the table, beside 填表人). Pure.
 */
import { byDefault, type Derived, likely, sure } from '../derived.js';
import { attachmentLabelOf, cleanLabel, isNoteText } from '../labels.js';

export interface AboveLine {
  text: string;
  /** Where: "附件1.xlsx A3", "第2段". */
  from: string;
}

export interface TableFieldsFound {
  attachmentLabel: Derived<string> | null;
  title: Derived<string> | null;
  unitField: Derived<string>;
  /**
   * The label of the 填报日期 line beside the table (campaign.yaml's dateField), or null where the
   * template has none: then nothing is written and the note says why (no such line at all, or the
   * date is a column of the table itself).
   */
  dateField: Derived<string | null>;
}

/** A header cell of the table, to tell a 填报日期 column from a 填报日期 line. */
export interface HeaderLabel {
  label: string;
  from: string;
}

const DATE_LABELS = '填报日期|填表日期|报送日期|填报时间|统计日期|统计时间';
const FIELD_LABEL = new RegExp(
  `(填报(?:区域或|地区或)?单位(?:名称)?|报送单位(?:名称)?|单位名称|填报部门|填报区域|${DATE_LABELS})\\s*([(（][^()（）]{1,6}[)）])?\\s*[:：]?`,
  'gu',
);
const DATE_COLUMN = new RegExp(`^(${DATE_LABELS})$`, 'u');

function fieldsIn(line: AboveLine, side: '上方' | '下方' = '上方'): { unit?: Derived<string>; date?: Derived<string> } {
  const found: { unit?: Derived<string>; date?: Derived<string> } = {};
  for (const match of line.text.normalize('NFKC').replace(/\s+/gu, '').matchAll(FIELD_LABEL)) {
    const label = match[1]!;
    const aside = match[2] ? `；「${match[2]}」是填写说明，不算栏目名称` : '';
    const value = sure(label, line.from, `表格${side}的「${label}${match[2] ?? ''}」${aside}`);
    if (/日期|时间/u.test(label)) found.date ??= value;
    else found.unit ??= value;
  }
  return found;
}

/** A title: one short line naming the table, not a field line and not a note. */
function isTitle(text: string): boolean {
  const label = cleanLabel(text);
  return label.length >= 3 && label.length <= 40 && !/[:：。；;]/u.test(label) && !isNoteText(label) && attachmentLabelOf(label) === null;
}

/** 附件1：汛期安全隐患排查情况统计表 on one line: both at once. */
function labelAndTitle(text: string): { label: string; title: string } | null {
  const match = /^附\s*件\s*(\d{1,2})\s*[:：、.．]?\s*(.+)$/u.exec(text.normalize('NFKC').trim());
  return match ? { label: `附件${match[1]}`, title: cleanLabel(match[2]!) } : null;
}

/** Where else the 填报日期 may stand, and the header's labels (a 填报日期 column tells why there is no line). */
export interface AroundTable {
  /** "附件1.xlsx": the template, named where it holds no 填报日期. */
  source: string;
  below?: readonly AboveLine[];
  columns?: readonly HeaderLabel[];
}

/** Reads the lines above the header (nearest last), and for the 填报日期 the lines below the table. */
export function tableFields(lines: readonly AboveLine[], around: AroundTable = { source: '' }): TableFieldsFound {
  let attachmentLabel: Derived<string> | null = null;
  let title: Derived<string> | null = null;
  let unit: Derived<string> | undefined;
  let date: Derived<string | null> | undefined;
  // The nearest label above the header belongs to this table (a notice's earlier 附件 lie above it too).
  for (const line of [...lines].reverse()) {
    const fields = fieldsIn(line);
    unit ??= fields.unit;
    date ??= fields.date;
    if (fields.unit || fields.date) continue;
    const both = labelAndTitle(line.text);
    const label = attachmentLabelOf(line.text) ?? both?.label ?? null;
    if (label !== null) {
      attachmentLabel ??= sure(label, line.from, '表格上方的附件编号');
      if (both && !title) title = likely(both.title, line.from, '表格上方的标题');
      break;
    }
    if (!title && isTitle(line.text)) title = likely(cleanLabel(line.text), line.from, '表格上方的标题');
  }
  for (const line of around.below ?? []) date ??= fieldsIn(line, '下方').date;
  return {
    attachmentLabel,
    title,
    unitField: unit ?? byDefault('填报单位', '模板中没有“填报单位”一栏，按“填报单位”读取单位填写的名称'),
    dateField: date ?? noDateField(around),
  };
}

/** No 填报日期 line: the template has none, or has the date as a column its units fill in the table. */
function noDateField({ source, columns = [] }: AroundTable): Derived<string | null> {
  const column = columns.find((item) => DATE_COLUMN.test(cleanLabel(item.label)));
  if (column)
    return likely(
      null,
      column.from,
      `「${column.label}」是表格中的一栏（${column.from}），各单位在表中填写；表格上下方没有另写“${column.label}：”`,
    );
  return likely(null, source, '模板中没有“填报日期”一栏');
}

/** The 填报日期 as the clerk reads it in the set-up's summary: 填报日期一栏「填报日期」, or why there is none. */
export function dateFieldWords(dateField: Derived<string | null>): string {
  return dateField.value === null ? (dateField.note ?? '模板中没有“填报日期”一栏') : `填报日期一栏「${dateField.value}」`;
}
