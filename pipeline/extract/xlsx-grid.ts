/**
 * Reads an .xlsx file into grids, one per worksheet, with merged cells resolved the way people
 * see them: every cell covered by a merge shows the master's text.
 */
import type ExcelJSNamespace from 'exceljs';
import { cellContent, isResultlessFormula } from './cell-value.js';
import { FormulaEvaluator, type SourceCell, type SourceWorkbook } from './formula-values.js';
import { columnLetters, emptyCell, type Grid, type GridCell } from './grid.js';

export interface XlsxGridOptions {
  /** Rows read per sheet; the statistics table sits near the top. Default 2000. */
  maxRows?: number;
  /** Columns read per sheet. Default 100. */
  maxColumns?: number;
}

export interface XlsxGrids {
  grids: Grid[];
  /** Sheets cut at maxRows/maxColumns, by name. */
  truncated: string[];
}

/**
 * Worksheet parts the table finder never looks at (only cell values and merges matter): not
 * parsing them makes reading a sheet about a fifth cheaper.
 */
const IGNORED_SHEET_PARTS = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'rowBreaks',
  'colBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'legacyDrawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

let excel: typeof ExcelJSNamespace | undefined;

/** exceljs costs ~150 ms to import: loaded on first use only, so `status` stays fast. */
export async function loadExcelJs(): Promise<typeof ExcelJSNamespace> {
  excel ??= (await import('exceljs')).default;
  return excel;
}

export async function readXlsxGrids(content: Buffer, options: XlsxGridOptions = {}): Promise<XlsxGrids> {
  const maxRows = options.maxRows ?? 2000;
  const maxColumns = options.maxColumns ?? 100;
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer, { ignoreNodes: IGNORED_SHEET_PARTS } as object);
  const sheets = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  const truncated: string[] = [];
  const resultless: { sheet: string; address: string; formula: string; cell: GridCell }[] = [];
  const grids = sheets.map((sheet): Grid => {
    const rowCount = Math.min(sheet.rowCount, maxRows);
    const columnCount = Math.min(sheet.columnCount, maxColumns);
    if (sheet.rowCount > maxRows || sheet.columnCount > maxColumns) truncated.push(sheet.name);
    // Only cells that exist are visited (getCell would create every empty one); the gaps are
    // filled with empty cells so the grid stays rectangular.
    const letters = Array.from({ length: columnCount }, (_, c) => columnLetters(c));
    const rows: GridCell[][] = Array.from({ length: rowCount }, (_, r) => letters.map((letter) => emptyCell(`${letter}${r + 1}`)));
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      if (r > rowCount) return;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (c > columnCount) return;
        const content = cellContent(cell.value);
        const address = `${letters[c - 1]}${r}`;
        const gridCell: GridCell =
          cell.isMerged && cell.master !== cell ? { ...content, address, mergedCopy: true } : { ...content, address };
        rows[r - 1]![c - 1] = gridCell;
        if (!gridCell.mergedCopy && isResultlessFormula(cell.value))
          resultless.push({ sheet: sheet.name, address, formula: cell.formula ?? '', cell: gridCell });
      });
    });
    return { label: sheets.length > 1 ? `工作表「${sheet.name}」` : '', rows };
  });
  if (resultless.length > 0) computeFormulas(workbook, resultless);
  return { grids, truncated };
}

/**
 * Gives each result-less formula cell its computed value, or the reason it has none. The
 * evaluator sees every sheet, hidden ones too (a 计算明细 sheet is often hidden).
 */
function computeFormulas(
  workbook: ExcelJSNamespace.Workbook,
  cells: readonly { sheet: string; address: string; formula: string; cell: GridCell }[],
): void {
  const source = new Map<string, { cells: Map<string, SourceCell>; rows: number; columns: number }>();
  for (const sheet of workbook.worksheets) {
    const sheetCells = new Map<string, SourceCell>();
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (isResultlessFormula(cell.value)) sheetCells.set(cell.address, { formula: cell.formula ?? '' });
        else {
          const content = cellContent(cell.value);
          sheetCells.set(cell.address, {
            value: content.error !== undefined ? null : (content.number ?? (content.text === '' ? null : content.text)),
          });
        }
      });
    });
    source.set(sheet.name, { cells: sheetCells, rows: sheet.rowCount, columns: sheet.columnCount });
  }
  const evaluator = new FormulaEvaluator(source as SourceWorkbook);
  for (const { sheet, address, formula, cell } of cells) {
    const text = `=${formula.replace(/^=/, '')}`;
    const result = evaluator.value(sheet, address);
    if (!result.ok) {
      cell.formula = { text, computed: false, reason: result.reason };
      continue;
    }
    const value = result.value;
    cell.formula = { text, computed: true };
    if (typeof value === 'number' && Number.isFinite(value)) {
      cell.text = String(value);
      cell.number = value;
    } else {
      cell.text = value === null ? '' : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
    }
  }
}
