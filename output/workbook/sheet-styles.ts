/**
 * The cell styles of the district workbook and the small helpers every sheet uses to apply them.
 * Cell styles are shared objects, never built per cell: exceljs recognises a style object it has
 * seen (a WeakMap) and skips re-deriving it, which for tens of thousands of cells is most of the
 * cost of writing the workbook. So a style is chosen here, never mutated on a cell.
 */
import type ExcelJSNamespace from 'exceljs';
import type { Borders, Cell, Worksheet } from 'exceljs';
import { cellText } from './cell-text.js';

export const FONT = '宋体';

const THIN: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;

export type Align = 'left' | 'center' | 'right';

type Style = Partial<ExcelJSNamespace.Style>;

const body = (horizontal: Align, font: Partial<ExcelJSNamespace.Font> = {}): Style => ({
  font: { name: FONT, size: 10, ...font },
  alignment: { horizontal, vertical: 'middle', wrapText: true },
  border: THIN,
});

export const STYLES = {
  header: {
    font: { name: FONT, size: 10, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: THIN,
    fill: HEADER_FILL,
  } as Style,
  body: { left: body('left'), center: body('center'), right: body('right') } as Record<Align, Style>,
  bold: body('center', { bold: true }),
  alert: body('center', { color: { argb: 'FFC00000' } }),
  /** Values of a table with errors: shown, greyed, not in the totals. */
  excluded: body('center', { italic: true, color: { argb: 'FF7F7F7F' } }),
  /** Text from mail that a spreadsheet could take for a formula: kept as text (quotePrefix, see write-workbook.ts). */
  literal: { ...body('left'), numFmt: '@' } as Style,
  time: { ...body('center'), numFmt: 'yyyy-mm-dd hh:mm' } as Style,
};

export function styleHeader(cell: Cell): void {
  cell.style = STYLES.header;
}

export function styleBody(cell: Cell, align: Align = 'center'): void {
  cell.style = STYLES.body[align];
}

/** Every cell of a merged range gets the border, or Excel draws it only round the master. */
export function mergeWithBorder(
  sheet: Worksheet,
  top: number,
  left: number,
  bottom: number,
  right: number,
  style: (cell: Cell) => void,
): void {
  if (bottom > top || right > left) sheet.mergeCells(top, left, bottom, right);
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) style(sheet.getCell(r, c));
}

/** Text from mail or the campaign, safe as cell text. */
export const text = (value: string | null | undefined): string => cellText(value ?? '');

/** Text a spreadsheet program would read as a formula when the cell is edited or exported. */
export const looksLikeFormula = (value: string) => /^[=+\-@]/.test(value.trimStart());
