/**
 * A sheet that is a plain list: one header row, one row per item, the header frozen, filtered
 * and repeated on every printed page, each row as high as its wrapped text needs.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { type DeferredCell, listSheetRowsOf, putRows } from './deferred-rows.js';
import { landscapePageSetup, pageNumberFooter } from './print-setup.js';
import { looksLikeFormula, STYLES, styleHeader, text } from './sheet-styles.js';
import { textWidth } from './text-width.js';

export interface ColumnSpec {
  header: string;
  width: number;
}

export type ListValue = string | number | Date | null;

/** Points per line of 10 pt 宋体 in a wrapped cell, and the cell's padding. */
const LINE_HEIGHT = 13.5;

/**
 * The height a row needs for its wrapped text. Excel grows rows by itself when it opens a file;
 * LibreOffice and WPS print the default height and cut the text, so the height is written.
 */
export function rowHeight(values: readonly unknown[], widths: readonly number[]): number {
  let lines = 1;
  values.forEach((value, index) => {
    if (typeof value !== 'string' || value === '') return;
    const usable = Math.max(1, (widths[index] ?? 10) - 1);
    // No character is wider than two: a short text fits one line without measuring it.
    if (value.length * 2 <= usable && !value.includes('\n')) return;
    const needed = value.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(textWidth(part) / usable)), 0);
    lines = Math.max(lines, needed);
  });
  return Math.min(409, lines * LINE_HEIGHT + 3);
}

/** A row's cells: dates as Beijing date-times, numbers centred, text left, formula-like text kept as text. */
function listCells(values: readonly ListValue[]): DeferredCell[] {
  return values.map((value) => {
    if (value instanceof Date) return { value, style: STYLES.time };
    if (typeof value === 'string') return { value: text(value), style: looksLikeFormula(value) ? STYLES.literal : STYLES.body.left };
    return { value, style: typeof value === 'number' ? STYLES.body.center : STYLES.body.left };
  });
}

export function listSheet(
  workbook: Workbook,
  name: string,
  columns: readonly ColumnSpec[],
  rows: readonly (readonly ListValue[])[],
): Worksheet {
  const sheet = workbook.addWorksheet(name, { pageSetup: landscapePageSetup(), headerFooter: pageNumberFooter(name) });
  const widths = columns.map((spec) => spec.width);
  columns.forEach((spec, index) => {
    const cell = sheet.getCell(1, index + 1);
    cell.value = spec.header;
    styleHeader(cell);
    sheet.getColumn(index + 1).width = spec.width;
  });
  const row = (index: number) => ({ cells: listCells(rows[index]!), height: rowHeight(rows[index]!, widths) });
  putRows(workbook, sheet, { first: 2, count: rows.length, row }, `sheet:${name}`, listSheetRowsOf(workbook));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // The header row on every printed page.
  sheet.pageSetup.printTitlesRow = '1:1';
  if (rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  return sheet;
}
