/**
 * A workbook that is honestly heavy to read (2,000 rows × 100 columns of distinct texts: ~1.7 MB,
 * some hundreds of MB of exceljs objects): the file for the memory and time budgets' tests, which
 * run it under budgets far below what it needs.
 */
import ExcelJS from 'exceljs';

export async function heavyWorkbook(rows = 2000, columns = 100): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('说明');
  for (let r = 1; r <= rows; r++) sheet.addRow(Array.from({ length: columns }, (_, c) => `第${r}行第${c + 1}列的说明文字${r * (c + 1)}`));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
