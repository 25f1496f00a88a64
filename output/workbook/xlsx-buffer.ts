/**
 * An exceljs workbook → the bytes of its .xlsx, deflated once by Node's zlib. exceljs renders
 * the parts into a zip without compressing them (its JavaScript deflate, pako, took longer than
 * building the workbook); the parts are then deflated natively at level 1 (a workbook of
 * thousands of rows compresses nearly as well as at level 6, several times faster). The parts
 * are exceljs's own, byte for byte: only the zip around them differs — except where rows were
 * deferred (deferred-rows.ts): their markup is rendered while exceljs writes, registering their
 * styles and strings in its tables, and put into their sheet before the parts are deflated.
 */
import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { zipPackage } from '../package/zip-package.js';
import { type DeferredRows, deferredRowsOf, renderRows, spliceRows, type WriterTables } from './deferred-rows.js';

/** Changes the parts exceljs cannot be told to write (by name), before they are deflated. */
export type PartsEdit = (parts: Record<string, Uint8Array>) => void;

/** The one step of exceljs's writer (xlsx.js, exceljs 4.4) that runs after every cell has registered its style and string, before styles.xml and sharedStrings.xml are rendered. */
interface WriterSteps {
  addWorksheets(zip: unknown, model: WriterTables): Promise<void>;
}

/** exceljs's stored zip, with the deferred rows' markup rendered at the right moment of its writing. */
async function storedPackage(
  workbook: ExcelJS.Workbook,
  deferred: readonly DeferredRows[],
): Promise<{ stored: ArrayBuffer; rows: string[] }> {
  const options = { zip: { compression: 'STORE' } } as object;
  if (deferred.length === 0) return { stored: (await workbook.xlsx.writeBuffer(options)) as ArrayBuffer, rows: [] };
  const writer = workbook.xlsx as unknown as WriterSteps;
  const own = Object.getOwnPropertyDescriptor(writer, 'addWorksheets');
  const addWorksheets = writer.addWorksheets;
  const rows: string[] = [];
  writer.addWorksheets = async function (this: WriterSteps, zip, model) {
    for (const item of deferred) rows.push(renderRows(item, model));
    return addWorksheets.call(this, zip, model);
  };
  try {
    return { stored: (await workbook.xlsx.writeBuffer(options)) as ArrayBuffer, rows };
  } finally {
    if (own) Object.defineProperty(writer, 'addWorksheets', own);
    else delete (writer as Partial<WriterSteps>).addWorksheets;
  }
}

/**
 * `mtime`: the time written on every zip entry (a fixed one gives the same bytes for the same
 * workbook). `edit` changes parts in between, so the package is still zipped only once.
 */
export async function xlsxBuffer(workbook: ExcelJS.Workbook, mtime: Date, edit?: PartsEdit): Promise<Buffer> {
  const deferred = deferredRowsOf(workbook);
  const { stored, rows } = await storedPackage(workbook, deferred);
  const files = unzipSync(new Uint8Array(stored));
  deferred.forEach((item, index) => {
    const name = `xl/worksheets/sheet${item.sheet.id}.xml`;
    files[name] = spliceRows(files[name]!, item, rows[index]!);
  });
  edit?.(files);
  const parts = Object.entries(files).map(([name, data]) => ({ name, data }));
  return zipPackage(parts, mtime, 1);
}
