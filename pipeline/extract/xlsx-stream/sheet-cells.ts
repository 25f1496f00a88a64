/**
 * A parsed worksheet put together the way exceljs 4.4 puts it together (worksheet-xform.js and
 * cell-xform.js reconcile, then doc/worksheet.js, row.js and cell.js): shared strings resolved,
 * numbers in a date format turned into dates, shared formulas tied to their master cell, a later
 * row or cell with the same address replacing the earlier one, and exceljs's `cell.value` for
 * each cell (a formula's falsy parts — a cached 0 — dropped, as its FormulaValue copy does).
 */
import type { CellStyles } from './book-xml.js';
import { odd } from './odd-package.js';
import type { SharedString } from './shared-strings-xml.js';
import type { SheetSource, SourceCellView } from './sheet-source.js';
import type { ParsedCell, ParsedRow } from './sheet-xml.js';

export interface SheetContext {
  styles: CellStyles | undefined;
  sharedStrings: SharedString[] | undefined;
  date1904: boolean;
  slideFormula: () => (formula: string, from: string, to: string) => string;
  /** Set when a cell takes its formula from a shared one (its text may be needed: loadSlideFormula). */
  sharedFormulas?: boolean;
}

/** exceljs's utils.isDateFmt. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs's utils.excelToDate (its arithmetic, coercions included). */
function excelToDate(value: unknown, date1904: boolean): Date {
  return new Date(Math.round(((value as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

interface BuiltCell {
  parsed: ParsedCell;
  value: unknown;
  numFmt: string | undefined;
  sharedFormula?: string;
  translated?: string;
}

function styleOf(cell: ParsedCell, context: SheetContext): { numFmt?: string } | undefined {
  return cell.styleId && context.styles ? context.styles.numFmt(cell.styleId) : undefined;
}

function stringValue(value: unknown, context: SheetContext): unknown {
  const resolved = typeof value === 'number' && context.sharedStrings ? context.sharedStrings[value] : value;
  // exceljs reads `value.richText` next: a missing shared string makes it fail.
  if (resolved === undefined || resolved === null) odd('共享字符串编号超出范围');
  return resolved;
}

/** exceljs's FormulaValue#value: formula, result, ref, shareType, sharedFormula, each only if truthy. */
function formulaValue(fields: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name of ['formula', 'result', 'ref', 'shareType', 'sharedFormula']) if (fields[name]) copy[name] = fields[name];
  return copy;
}

function reconcileCell(cell: ParsedCell, context: SheetContext, formulae: Map<string, string>): BuiltCell {
  const style = styleOf(cell, context);
  const dated = (value: unknown) => (style && isDateFormat(style.numFmt) ? excelToDate(value, context.date1904) : value);
  const built: BuiltCell = { parsed: cell, value: null, numFmt: style?.numFmt };
  switch (cell.type) {
    case 'string':
      built.value = stringValue(cell.value, context);
      break;
    case 'number':
      built.value = dated(cell.value);
      break;
    case 'boolean':
    case 'error':
      built.value = cell.value;
      break;
    case 'formula': {
      const result = cell.result !== undefined ? dated(cell.result) : undefined;
      let shareType = cell.shareType;
      if (shareType === 'shared') {
        if (cell.ref) formulae.set(String(cell.si), cell.address);
        else {
          built.sharedFormula = formulae.get(String(cell.si));
          if (built.sharedFormula) context.sharedFormulas = true;
          shareType = undefined;
        }
      }
      built.value = formulaValue({ formula: cell.formula, result, ref: cell.ref, shareType, sharedFormula: built.sharedFormula });
      break;
    }
  }
  return built;
}

const ADDRESS = /^([A-Z]+)(\d+)$/;

/** The sheet's cells by row and column, as exceljs's worksheet holds them. */
export function buildSheet(name: string, state: string, parsedRows: readonly ParsedRow[], context: SheetContext): SheetSource {
  const rows = new Map<number, Map<number, BuiltCell>>();
  const formulae = new Map<string, string>();
  const hiddenRows = new Set<number>();
  for (const row of parsedRows) {
    // A later row of the same number replaces the earlier one, its hidden flag too.
    if (row.hidden) hiddenRows.add(row.number);
    else hiddenRows.delete(row.number);
    // exceljs looks the row's style up with no check that the workbook has styles.
    if (row.styleId) {
      if (!context.styles) odd('行样式但没有样式表');
      context.styles.numFmt(row.styleId);
    }
    const cells = new Map<number, BuiltCell>();
    for (const cell of row.cells) {
      if (cell.type === 'merge') continue;
      cells.set(cell.col, reconcileCell(cell, context, formulae));
    }
    rows.set(row.number, cells);
  }
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  let rowCount = 0;
  let columnCount = 0;
  // Row by row, column by column, without the styled empty cells (exceljs's eachRow/eachCell).
  const ordered: { row: number; col: number; cell: BuiltCell }[] = [];
  for (const number of numbers) {
    rowCount = number;
    const cells = rows.get(number)!;
    const columns = [...cells.keys()].sort((a, b) => a - b);
    let held = false;
    for (const col of columns) {
      const cell = cells.get(col)!;
      if (cell.parsed.type === 'null') continue;
      held = true;
      ordered.push({ row: number, col, cell });
    }
    // A row holding a value counts to its last cell, a styled empty one included (row.cellCount).
    if (held) columnCount = Math.max(columnCount, columns[columns.length - 1]!);
  }
  const formulaOf = (cell: BuiltCell): string | undefined => {
    if (cell.parsed.type !== 'formula') return undefined;
    if (cell.parsed.formula) return cell.parsed.formula;
    if (cell.translated === undefined && cell.sharedFormula) {
      const at = ADDRESS.exec(cell.sharedFormula)!;
      const master = rows.get(Number(at[2]))?.get(columnOfLetters(at[1]!));
      if (master) cell.translated = context.slideFormula()(formulaOf(master) as string, master.parsed.address, cell.parsed.address);
    }
    return cell.translated;
  };
  return {
    name,
    state,
    rowCount,
    columnCount,
    hiddenRows,
    cells(): SourceCellView[] {
      return ordered.map(({ row, col, cell }) => ({
        row,
        col,
        address: cell.parsed.address,
        value: cell.value,
        numFmt: cell.numFmt,
        formula: () => formulaOf(cell) ?? '',
      }));
    },
  };
}

function columnOfLetters(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}
