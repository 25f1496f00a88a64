/**
 * An exceljs workbook → the bytes of its .xlsx, deflated once by Node's zlib. exceljs renders
 * the parts into a zip without compressing them (its JavaScript deflate, pako, took longer than
 * building the workbook); the parts are then deflated natively at level 1 (a workbook of
 * thousands of rows compresses nearly as well as at level 6, several times faster). The parts
 * are exceljs's own, byte for byte: only the zip around them differs.
 */
import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { zipPackage } from '../package/zip-package.js';

/** Changes the parts exceljs cannot be told to write (by name), before they are deflated. */
export type PartsEdit = (parts: Record<string, Uint8Array>) => void;

/**
 * `mtime`: the time written on every zip entry (a fixed one gives the same bytes for the same
 * workbook). `edit` changes parts in between, so the package is still zipped only once.
 */
export async function xlsxBuffer(workbook: ExcelJS.Workbook, mtime: Date, edit?: PartsEdit): Promise<Buffer> {
  const stored = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as object);
  const files = unzipSync(new Uint8Array(stored as ArrayBuffer));
  edit?.(files);
  const parts = Object.entries(files).map(([name, data]) => ({ name, data }));
  return zipPackage(parts, mtime, 1);
}
