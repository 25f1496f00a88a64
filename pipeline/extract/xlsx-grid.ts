/**
 * Reads an .xlsx file into grids, one per worksheet, with merged cells resolved the way people
 * see them: every cell covered by a merge shows the master's text.
 */
import type ExcelJSNamespace from 'exceljs';
import { cellContent } from './cell-value.js';
import type { Grid, GridCell } from './grid.js';

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
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheets = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  const truncated: string[] = [];
  const grids = sheets.map((sheet): Grid => {
    const rowCount = Math.min(sheet.rowCount, maxRows);
    const columnCount = Math.min(sheet.columnCount, maxColumns);
    if (sheet.rowCount > maxRows || sheet.columnCount > maxColumns) truncated.push(sheet.name);
    const rows: GridCell[][] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: GridCell[] = [];
      for (let c = 1; c <= columnCount; c++) {
        const cell = row.getCell(c);
        const content = cellContent(cell.value);
        const master = cell.isMerged ? cell.master : cell;
        cells.push({ ...content, address: cell.address, ...(master.address !== cell.address ? { mergedCopy: true } : {}) });
      }
      rows.push(cells);
    }
    return { label: sheets.length > 1 ? `工作表「${sheet.name}」` : '', rows };
  });
  return { grids, truncated };
}
