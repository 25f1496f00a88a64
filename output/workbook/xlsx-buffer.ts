/**
 * An exceljs workbook → the bytes of its .xlsx, deflated once by Node's zlib. exceljs renders
 * the parts into a zip without compressing them (its JavaScript deflate, pako, took longer than
 * building the workbook); the parts are then deflated natively at level 1 (a workbook of
 * thousands of rows compresses nearly as well as at level 6, several times faster). The parts
 * are exceljs's own, byte for byte: only the zip around them differs — except where rows were
 * deferred (deferred-rows.ts): their markup is rendered while exceljs writes, their styles
 * registered in its style table, and put into their sheet before the parts are deflated.
 */
import type ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { zipPackage } from '../package/zip-package.js';
import { type DeferredRows, deferredRowsOf, renderRows, spliceRows, type WriterTables } from './deferred-rows.js';

/** Changes the parts exceljs cannot be told to write (by name), before they are deflated. */
export type PartsEdit = (parts: Record<string, Uint8Array>) => void;

/**
 * The step of exceljs's writer (xlsx.js, exceljs 4.4) that makes its style and shared-string
 * tables (model.sharedStrings, then model.styles) before any cell registers in them.
 */
interface Writer {
  prepareModel(model: Partial<WriterTables>, options: object): void;
}

/**
 * The deferred rows register their styles the moment exceljs makes its tables, first
 * of all: so they get the same numbers in every workbook and one rendering serves both the
 * working workbook and the one to send up (deferred-rows.ts renders again when they do not).
 */
function registerFirst(model: Partial<WriterTables>, deferred: readonly DeferredRows[], rendered: Buffer[]): void {
  let styles: WriterTables['styles'] | undefined;
  Object.defineProperty(model, 'styles', {
    configurable: true,
    enumerable: true,
    get: () => styles,
    set(value: WriterTables['styles']) {
      styles = value;
      Object.defineProperty(model, 'styles', { value, writable: true, enumerable: true, configurable: true });
      for (const item of deferred) rendered.push(renderRows(item.content, { styles: value }));
    },
  });
}

/** exceljs's stored zip and, for each deferred list, its rows' markup. */
async function storedPackage(
  workbook: ExcelJS.Workbook,
  deferred: readonly DeferredRows[],
): Promise<{ stored: ArrayBuffer; rows: Buffer[] }> {
  const options = { zip: { compression: 'STORE' } } as object;
  const rows: Buffer[] = [];
  if (deferred.length === 0) return { stored: (await workbook.xlsx.writeBuffer(options)) as ArrayBuffer, rows };
  const writer = workbook.xlsx as unknown as Writer;
  const own = Object.getOwnPropertyDescriptor(writer, 'prepareModel');
  const prepareModel = writer.prepareModel;
  writer.prepareModel = function (this: Writer, model, prepareOptions) {
    registerFirst(model, deferred, rows);
    prepareModel.call(this, model, prepareOptions);
  };
  try {
    const stored = (await workbook.xlsx.writeBuffer(options)) as ArrayBuffer;
    if (rows.length !== deferred.length) throw new Error('exceljs wrote the workbook without making its style tables where expected');
    return { stored, rows };
  } finally {
    if (own) Object.defineProperty(writer, 'prepareModel', own);
    else delete (writer as Partial<Writer>).prepareModel;
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
