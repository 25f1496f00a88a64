/**
 * The lines above a template's header: its 附件 label (附件2), its title (自查情况统计表), and the
 * 填报单位 / 填报日期 lines whose labels the units' files repeat and the finder reads. Pure.
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
  dateField: Derived<string>;
}

const FIELD_LABEL =
  /(填报(?:区域或|地区或)?单位(?:名称)?|报送单位(?:名称)?|单位名称|填报部门|填报区域|填报日期|填表日期|报送日期|填报时间|统计日期|统计时间)\s*([(（][^()（）]{1,6}[)）])?\s*[:：]?/gu;

function fieldsIn(line: AboveLine): { unit?: Derived<string>; date?: Derived<string> } {
  const found: { unit?: Derived<string>; date?: Derived<string> } = {};
  for (const match of line.text.normalize('NFKC').replace(/\s+/gu, '').matchAll(FIELD_LABEL)) {
    const label = match[1]!;
    const aside = match[2] ? `；「${match[2]}」是填写说明，不算栏目名称` : '';
    const value = sure(label, line.from, `表格上方的「${label}${match[2] ?? ''}」${aside}`);
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

/** Reads the lines above the header, nearest last. */
export function tableFields(lines: readonly AboveLine[]): TableFieldsFound {
  let attachmentLabel: Derived<string> | null = null;
  let title: Derived<string> | null = null;
  let unit: Derived<string> | undefined;
  let date: Derived<string> | undefined;
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
  return {
    attachmentLabel,
    title,
    unitField: unit ?? byDefault('填报单位', '模板中没有“填报单位”一栏，按“填报单位”读取单位填写的名称'),
    dateField: date ?? byDefault('填报日期', '模板中没有“填报日期”一栏，按“填报日期”读取'),
  };
}
