/**
 * Reads an .xlsx file into grids, one per worksheet, with merged cells resolved the way people
 * see them: every cell covered by a merge shows the master's text.
 */
import type ExcelJSNamespace from 'exceljs';
import { cellContent } from './cell-value.js';
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
        rows[r - 1]![c - 1] = cell.isMerged && cell.master !== cell ? { ...content, address, mergedCopy: true } : { ...content, address };
      });
    });
    return { label: sheets.length > 1 ? `工作表「${sheet.name}」` : '', rows };
  });
  return { grids, truncated };
}
