/**
 * Where things stand in a blank template: the header rows (one, or two under merged group
 * headers), the columns they cover, a row of column numbers under them, 填报说明 rows, and the
 * blank rows left for units to fill (one for a 统计表, many for a 台账). Pure.
 */
import { cleanLabel, isBlankText, isColumnNumber, isNoteText } from '../labels.js';
import type { TemplateCell, TemplateSheet } from './template-sheet.js';

export interface HeaderLayout {
  /** Index of the first header row. */
  top: number;
  /** Header rows: 1, or 2 and more under group headers. */
  depth: number;
  /** Columns the header covers (indexes, inclusive). */
  first: number;
  last: number;
  /** A row of column numbers (1 2 3 / 甲 乙) under the header, if any. */
  numberRow?: number;
  /** 填报说明 / 注 rows inside or right below the table: their text. */
  notes: { row: number; text: string; address: string }[];
  /** The first row left for units' values (the template's data row). */
  dataRow: number | null;
  /** Blank rows ready to fill (bordered, or any row of a Word table), counted from dataRow. */
  blankRows: number;
}

const master = (cell: TemplateCell | undefined): boolean => cell !== undefined && !cell.mergedCopy;

/** A field line (填报单位：…): a label and a colon, not a header. */
function isFieldText(text: string): boolean {
  return /[:：]/u.test(text) && /(单位|日期|时间|区域|填报人|联系人|电话|审核|负责人|制表)/u.test(text);
}

/** A cell that may be a column header: text, short, not a number, not a field line, not a note. */
function headerLike(cell: TemplateCell): boolean {
  const text = cleanLabel(cell.text);
  if (text === '' || isBlankText(text) || text.length > 40) return false;
  if (/^[-+]?\d+(\.\d+)?%?$/u.test(text) || isColumnNumber(text)) return false;
  return !isFieldText(text) && !isNoteText(text);
}

/** Distinct header-like cells of a row (a merge counts once). */
function headerCells(row: readonly TemplateCell[]): number[] {
  return row.flatMap((cell, c) => (master(cell) && headerLike(cell) ? [c] : []));
}

function singleText(row: readonly TemplateCell[]): TemplateCell | null {
  const texts = row.filter((cell) => master(cell) && cell.text.trim() !== '');
  return texts.length === 1 ? texts[0]! : null;
}

function isNumberRow(row: readonly TemplateCell[], first: number, last: number): boolean {
  const texts = row.slice(first, last + 1).filter((cell) => master(cell) && cell.text.trim() !== '');
  return texts.length >= 2 && texts.every((cell) => isColumnNumber(cell.text));
}

/** How deep the header goes: its top row's tallest merge, or a second row of sub-headers under a spanning cell. */
function headerDepth(rows: readonly TemplateCell[][], top: number, first: number, last: number): number {
  const cells = rows[top]!.slice(first, last + 1);
  const tallest = Math.max(1, ...cells.map((cell) => cell.span?.rows ?? 1));
  if (tallest > 1) return Math.min(tallest, 3);
  const below = rows[top + 1];
  if (!below) return 1;
  // Unmerged groups: a spanning or lone top cell with sub-headers under it, written as text.
  const subs = headerCells(below).filter((c) => c >= first && c <= last);
  const wide = cells.some((cell) => (cell.span?.columns ?? 1) > 1);
  const topText = (c: number) => rows[top]![c]?.text.trim() ?? '';
  // Under a group: a blank top (typed once, unmerged) or one repeating its neighbour's text (typed over each).
  const grouped = (c: number) => topText(c) === '' || topText(c) === topText(c - 1) || topText(c) === topText(c + 1);
  return subs.length >= 2 && (wide || subs.some(grouped)) ? 2 : 1;
}

/**
 * The last column of the header that starts at `first`: the header runs on while a column has a
 * header cell (or a merge covers it, or a sub-header stands under an unmerged group) and ends at
 * the first column with none — cells further right (a dropdown's list of values) are not the table.
 */
function headerEnd(rows: readonly TemplateCell[][], top: number, first: number): number {
  const below = rows[top + 1];
  const subRow = below !== undefined && headerCells(below).length >= 2;
  const hasHeader = (c: number) => {
    const cell = rows[top]![c];
    if (!cell) return false;
    if (cell.mergedCopy || cell.text.trim() !== '') return true;
    return subRow && below![c] !== undefined && headerLike(below![c]!);
  };
  let last = first;
  while (hasHeader(last + 1)) last++;
  return last;
}

/** A row still left for units: nothing typed in the header's columns except a running number. */
function isBlankDataRow(row: readonly TemplateCell[], first: number, last: number, word: boolean, serial: number | null): boolean {
  const cells = row.slice(first, last + 1);
  const typed = cells.some((cell, index) => {
    if (first + index === serial && (cell.number !== undefined || /^\d{1,4}$/u.test(cell.text.trim()))) return false;
    return cell.text.trim() !== '' && cell.formula === undefined;
  });
  if (typed) return false;
  return (
    word || cells.some((cell) => cell.bordered || cell.numFmt !== undefined || cell.validation !== undefined || cell.formula !== undefined)
  );
}

export function findHeaderLayout(sheet: TemplateSheet, serialColumn: (label: string) => boolean): HeaderLayout | null {
  const rows = sheet.rows;
  const top = rows.findIndex((row) => headerCells(row).length >= 2);
  if (top < 0) return null;
  const first = headerCells(rows[top]!)[0]!;
  const last = headerEnd(rows, top, first);
  const depth = headerDepth(rows, top, first, last);
  const serialIndex = rows[top]!.findIndex((cell, c) => c >= first && c <= last && master(cell) && serialColumn(cleanLabel(cell.text)));
  const serial = serialIndex >= 0 ? serialIndex : null;
  const notes: HeaderLayout['notes'] = [];
  let numberRow: number | undefined;
  let r = top + depth;
  for (; r < rows.length; r++) {
    const row = rows[r]!;
    if (numberRow === undefined && notes.length === 0 && isNumberRow(row, first, last)) {
      numberRow = r;
      continue;
    }
    const single = singleText(row);
    if (single && isNoteText(single.text)) {
      notes.push({ row: r, text: single.text.trim(), address: single.address });
      continue;
    }
    break;
  }
  const dataRow = r < rows.length ? r : null;
  let blankRows = 0;
  while (
    dataRow !== null &&
    dataRow + blankRows < rows.length &&
    isBlankDataRow(rows[dataRow + blankRows]!, first, last, sheet.word, serial)
  )
    blankRows++;
  // Notes below the blank rows (填报说明 at the foot of the table).
  for (let below = (dataRow ?? r) + blankRows; below < Math.min(rows.length, (dataRow ?? r) + blankRows + 4); below++) {
    const single = singleText(rows[below]!);
    if (single && isNoteText(single.text)) notes.push({ row: below, text: single.text.trim(), address: single.address });
  }
  return {
    top,
    depth,
    first,
    last,
    ...(numberRow !== undefined ? { numberRow } : {}),
    notes,
    dataRow: blankRows > 0 ? dataRow : null,
    blankRows,
  };
}
