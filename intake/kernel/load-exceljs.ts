/**
 * exceljs, loaded on first use: importing it costs ~150 ms, which `status` and a `merge` with
 * nothing new never pay. The table reader (pipeline/extract) and the workbook writer (output)
 * both load it from here, the floor they stand on.
 */
import type ExcelJSNamespace from 'exceljs';

let excel: typeof ExcelJSNamespace | undefined;

export async function loadExcelJs(): Promise<typeof ExcelJSNamespace> {
  excel ??= (await import('exceljs')).default;
  return excel;
}
