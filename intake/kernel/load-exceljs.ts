/**
 * exceljs, loaded on first use: importing it costs ~150 ms, which `status` and a `merge` with
 * nothing new never pay. The table reader (pipeline/extract) and the workbook writer (output)
 * both load it from here, the floor they stand on.
 */
import type ExcelJSNamespace from 'exceljs';
import { requirePackage } from './require-package.js';

let excel: typeof ExcelJSNamespace | undefined;

/** Required, not imported: an import of a CommonJS package first scans it and what it re-exports (~30 ms here, require-package.ts). */
export async function loadExcelJs(): Promise<typeof ExcelJSNamespace> {
  excel ??= requirePackage('exceljs') as typeof ExcelJSNamespace;
  return excel;
}
