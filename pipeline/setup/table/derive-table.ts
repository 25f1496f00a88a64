/**
 * One blank table template → the table campaign.yaml describes: its title and 附件 label, the
 * 填报单位 / 填报日期 labels above it, whether units fill one row (统计表) or many (台账), and its
 * columns (groups kept) each with its kind of value, read from the template's formats,
 * validations, formulas and header text. Every value says where it was read and how sure it is.
 * Pure: a TemplateSheet in, a DraftTable out.
 */
import type { TableKind } from '../../../intake/kernel/campaign/tables.js';
import { type Derived, guess, likely } from '../derived.js';
import { isSerialLabel } from '../labels.js';
import { type DraftColumn, typeColumn } from './column-type.js';
import { type FormulaExpr, readFormula, scaledToPercent } from './formula-rules.js';
import { headerColumns } from './header-columns.js';
import { findHeaderLayout, type HeaderLayout } from './header-layout.js';
import { type AboveLine, tableFields } from './table-fields.js';
import { cellPlace, sheetPlace, type TemplateSheet } from './template-sheet.js';

export type DraftEntry =
  | { kind: 'column'; column: DraftColumn }
  | { kind: 'group'; label: string; header: string; columns: DraftColumn[]; note?: string };

/** A formula of the template, over the table's columns (by their position in `columns()`). */
export interface DraftFormula {
  target: number;
  expr: FormulaExpr;
  /** Where: "附件1.xlsx D7". */
  from: string;
  note?: string;
}

export interface DraftTable {
  /** "附件1.xlsx 工作表「排查统计」". */
  source: string;
  file: string;
  /** The title above the table; the notice's name for it replaces it when the two are matched. */
  name: Derived<string>;
  attachmentLabel: Derived<string> | null;
  kind: Derived<TableKind>;
  unitField: Derived<string>;
  /** The 填报日期 line's label, or null (with why) where the template has none. */
  dateField: Derived<string | null>;
  entries: DraftEntry[];
  formulas: DraftFormula[];
  /** Formulas not made into rules, with why. */
  unreadFormulas: { from: string; formula: string; reason: string }[];
  /** 填报说明 lines of the template, shown to the clerk. */
  notes: string[];
  /** Columns not taken (序号, blank headers), with why. */
  skipped: { label: string; from: string; why: string }[];
}

/** Every column of a table in sheet order (a group's sub-columns one by one). */
export function draftColumns(entries: readonly DraftEntry[]): DraftColumn[] {
  return entries.flatMap((entry) => (entry.kind === 'group' ? entry.columns : [entry.column]));
}

const LIST_NAME = /(台账|清单|明细|名册|花名册|名单|登记表|一览表)/u;

function tableKind(layout: HeaderLayout, hasSerial: boolean, name: string, from: string): Derived<TableKind> {
  const rows = layout.blankRows;
  if (LIST_NAME.test(name))
    return likely<TableKind>('list', from, `表名含「${name.match(LIST_NAME)![0]}」${rows > 1 ? `，留有 ${rows} 行待填` : ''}`);
  if (rows >= 3 && (hasSerial || rows >= 5))
    return likely<TableKind>('list', from, `${hasSerial ? '有“序号”列，' : ''}留有 ${rows} 行空白行待填：每个单位可填若干行`);
  if (rows <= 1) return likely<TableKind>('row', from, rows === 1 ? '表头下只留了一行待填：每个单位填一行' : '表头下没有留空白行');
  return guess<TableKind>('row', from, `表头下留了 ${rows} 行空白行，但没有“序号”列，按每个单位一行处理，请确认`);
}

/** The lines above the header: the sheet's own rows, then (for a Word table) the paragraphs before it. */
function linesAbove(sheet: TemplateSheet, top: number): AboveLine[] {
  const lines: AboveLine[] = sheet.above.map((line) => ({ text: line.text, from: [sheet.file, line.location].join(' ') }));
  for (const row of sheet.rows.slice(0, top))
    for (const cell of row)
      if (!cell.mergedCopy && cell.text.trim() !== '') lines.push({ text: cell.text, from: cellPlace(sheet, cell.address) });
  return lines;
}

/** The lines below the table (填表人、填报日期): the sheet's rows under its blank rows, then (for a Word table) the paragraphs after it. */
function linesBelow(sheet: TemplateSheet, layout: HeaderLayout): AboveLine[] {
  const end = layout.dataRow !== null ? layout.dataRow + layout.blankRows : layout.top + layout.depth;
  const lines: AboveLine[] = [];
  // As far down as the finder looks for the unit's 填报日期 in its file.
  for (const row of sheet.rows.slice(end, end + 5))
    for (const cell of row)
      if (!cell.mergedCopy && cell.text.trim() !== '') lines.push({ text: cell.text, from: cellPlace(sheet, cell.address) });
  lines.push(...sheet.below.map((line) => ({ text: line.text, from: [sheet.file, line.location].join(' ') })));
  return lines;
}

function fileStem(file: string): string {
  return file
    .replace(/\.[A-Za-z0-9]{2,5}$/u, '')
    .replace(/^附\s*件\s*\d{0,2}\s*[-_:：、.．\s]*/u, '')
    .trim();
}

function formulasOf(columns: readonly DraftColumn[], sheetColumns: readonly number[]) {
  const formulas: DraftFormula[] = [];
  const unread: DraftTable['unreadFormulas'] = [];
  columns.forEach((column, index) => {
    if (!column.formula) return;
    const row = Number(/(\d+)$/u.exec(column.formula.address)?.[1]);
    const reading = readFormula(column.formula.text, row);
    if (!reading.ok) {
      unread.push({ from: column.formula.address, formula: `=${column.formula.text}`, reason: reading.reason });
      return;
    }
    const positions = new Map(sheetColumns.map((sheetColumn, position) => [sheetColumn, position]));
    const remap = (expr: FormulaExpr): FormulaExpr | null => {
      switch (expr.kind) {
        case 'column': {
          const position = positions.get(expr.column);
          return position === undefined ? null : { kind: 'column', column: position };
        }
        case 'number':
          return expr;
        case 'negate': {
          const operand = remap(expr.operand);
          return operand && { kind: 'negate', operand };
        }
        case 'op': {
          const [left, right] = [remap(expr.left), remap(expr.right)];
          return left && right && { ...expr, left, right };
        }
      }
    };
    let expr = remap(reading.expr);
    if (!expr) {
      unread.push({ from: column.formula.address, formula: `=${column.formula.text}`, reason: '公式引用了表格以外的单元格' });
      return;
    }
    if (column.type.value === 'percent' && !scaledToPercent(expr))
      expr = { kind: 'op', op: '*', left: expr, right: { kind: 'number', value: 100 } };
    formulas.push({ target: index, expr, from: column.formula.address, ...(reading.note ? { note: reading.note } : {}) });
  });
  return { formulas, unread };
}

/** The table a template sheet holds, or null when no header is found in it. */
export function deriveTable(sheet: TemplateSheet): DraftTable | null {
  const layout = findHeaderLayout(sheet, isSerialLabel);
  if (!layout) return null;
  const { entries: headerEntries, skipped } = headerColumns(sheet, layout);
  if (headerEntries.length === 0) return null;
  const source = sheetPlace(sheet);
  const fields = tableFields(linesAbove(sheet, layout.top), {
    source,
    below: linesBelow(sheet, layout),
    columns: headerEntries
      .flatMap((entry) => (entry.kind === 'leaf' ? [entry.leaf] : entry.leaves))
      .map((leaf) => ({ label: leaf.label, from: cellPlace(sheet, leaf.address) })),
  });
  // A workbook holding several 附件 names each sheet after its 附件 (工作表「附件2」).
  const sheetLabel = /附件\s*(\d{1,2})/u.exec(sheet.place)?.[1];
  if (!fields.attachmentLabel && sheetLabel) fields.attachmentLabel = likely(`附件${sheetLabel}`, source, '工作表的名称');
  const name = fields.title ?? guess(fileStem(sheet.file) || '表格', sheet.file, '表格上方没有标题，暂以文件名作为表名，请核对');
  const hasSerial = skipped.some((column) => isSerialLabel(column.label));
  const kind = tableKind(layout, hasSerial, name.value, source);
  const list = kind.value === 'list';
  const sheetColumns: number[] = [];
  const entries: DraftEntry[] = headerEntries.map((entry) => {
    if (entry.kind === 'leaf') {
      sheetColumns.push(entry.leaf.column);
      return { kind: 'column', column: typeColumn(sheet, entry.leaf, undefined, list) };
    }
    const columns = entry.leaves.map((leaf) => {
      sheetColumns.push(leaf.column);
      return typeColumn(sheet, leaf, entry.label, list);
    });
    return {
      kind: 'group',
      label: entry.label,
      header: cellPlace(sheet, entry.address),
      columns,
      ...(entry.note ? { note: entry.note } : {}),
    };
  });
  const { formulas, unread } = formulasOf(draftColumns(entries), sheetColumns);
  return {
    source,
    file: sheet.file,
    name,
    attachmentLabel: fields.attachmentLabel,
    kind,
    unitField: fields.unitField,
    dateField: fields.dateField,
    entries,
    formulas,
    unreadFormulas: unread,
    notes: [
      ...layout.notes.map((note) => note.text),
      ...sheet.below.map((line) => line.text).filter((text) => /^(注|说明|填报说明)/u.test(text)),
    ],
    skipped: skipped.map((column) => ({ label: column.label, from: cellPlace(sheet, column.address), why: column.why })),
  };
}
