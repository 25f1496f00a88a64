/** Reading the generated district workbook back, as a clerk's Excel would. */
import ExcelJS from 'exceljs';

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** Every cell value of every sheet, as plain JSON, for equality checks. */
export function cellValues(workbook: ExcelJS.Workbook): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const sheet of workbook.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push(JSON.parse(JSON.stringify(row.values))));
    out[sheet.name] = rows;
  }
  return out;
}

/** The row of a sheet whose column `column` equals `text`. */
export function rowWhere(sheet: ExcelJS.Worksheet, column: number, text: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(column).value === text) return sheet.getRow(r);
  throw new Error(`no row with ${text} in column ${column} of ${sheet.name}`);
}

/** Every cell as exceljs reads it back (value, type, style), every row's height, the widths and merges of each sheet. */
export async function readBackSheets(buffer: Buffer): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push([cell.address, cell.value, cell.type, cell.style]);
      });
      rows.push([number, row.height, cells]);
    });
    const widths = Array.from({ length: sheet.columnCount }, (_, index) => sheet.getColumn(index + 1).width);
    return { name: sheet.name, rows, widths, merges: sheet.model.merges, views: sheet.views };
  });
}
