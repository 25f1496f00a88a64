/**
 * Rows of a sheet written as XML straight into the package instead of through exceljs's cell
 * model: for a list table of tens of thousands of rows, exceljs's per-cell objects, addresses
 * and XML stream were most of the time (and the memory) of writing the workbook. The rest of the
 * sheet (title, header, 合计, note, widths, print setup) is still exceljs's; these rows fill the
 * gap left for them, in the markup exceljs writes for such rows (`<row r ht customHeight spans>`,
 * `<c r s t><v>`), with their styles and strings registered in exceljs's own style and
 * shared-string tables while it writes, so styles.xml and sharedStrings.xml hold them as if
 * exceljs had written the cells. A cell is a number, a text, a date or empty, with a shared
 * style object (sheet-styles.ts).
 */
import type ExcelJSNamespace from 'exceljs';
import type { Workbook, Worksheet } from 'exceljs';

type Style = Partial<ExcelJSNamespace.Style>;

export interface DeferredCell {
  value: number | string | Date | null;
  style: Style;
}

export interface DeferredRows {
  sheet: Worksheet;
  /** The row number of the first row; the sheet has no row of its own from here to first + count - 1. */
  first: number;
  count: number;
  /** Row `index` (from 0): its cells from column 1 and its height in points. */
  row(index: number): { cells: readonly DeferredCell[]; height: number };
}

/** exceljs's ValueType numbers, which its style table takes (a test holds them to exceljs's). */
export const VALUE_TYPE = { Null: 0, Number: 2, String: 3, Date: 4 } as const;

/** What exceljs's writer holds while it writes (xlsx.js prepareModel): the tables cells register in. */
export interface WriterTables {
  styles: { addStyleModel(style: Style, type: number): number };
  sharedStrings: { add(value: string): number };
}

const deferred = new WeakMap<Workbook, DeferredRows[]>();

export function deferRows(workbook: Workbook, rows: DeferredRows): void {
  const list = deferred.get(workbook) ?? [];
  list.push(rows);
  deferred.set(workbook, list);
}

export function deferredRowsOf(workbook: Workbook): readonly DeferredRows[] {
  return deferred.get(workbook) ?? [];
}

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const typeOf = (value: DeferredCell['value']): number =>
  value === null
    ? VALUE_TYPE.Null
    : typeof value === 'number'
      ? VALUE_TYPE.Number
      : typeof value === 'string'
        ? VALUE_TYPE.String
        : VALUE_TYPE.Date;

/** exceljs's serial of a date (utils.dateToExcel, 1900 system). */
const excelDate = (date: Date): number => 25569 + date.getTime() / (24 * 3600 * 1000);

/** One cell's markup; a string goes into the shared strings as exceljs puts it. */
function cellXml(address: string, cell: DeferredCell, tables: WriterTables): string {
  const type = typeOf(cell.value);
  const styleId = tables.styles.addStyleModel(cell.style, type);
  const s = styleId ? ` s="${styleId}"` : '';
  switch (type) {
    case VALUE_TYPE.Null:
      return styleId ? `<c r="${address}"${s}/>` : '';
    case VALUE_TYPE.Number:
      return `<c r="${address}"${s}><v>${String(cell.value)}</v></c>`;
    case VALUE_TYPE.String:
      return `<c r="${address}"${s} t="s"><v>${tables.sharedStrings.add(cell.value as string)}</v></c>`;
    default:
      return `<c r="${address}"${s}><v>${excelDate(cell.value as Date)}</v></c>`;
  }
}

/** The rows' markup, registering their styles and strings in the writer's tables. ASCII only: texts are in the shared strings. */
export function renderRows(rows: DeferredRows, tables: WriterTables): string {
  const parts: string[] = [];
  const letters: string[] = [];
  for (let index = 0; index < rows.count; index++) {
    const number = rows.first + index;
    const { cells, height } = rows.row(index);
    let xml = '';
    for (let c = 0; c < cells.length; c++) {
      letters[c] ??= columnLetter(c + 1);
      xml += cellXml(`${letters[c]}${number}`, cells[c]!, tables);
    }
    const spans = cells.length > 0 ? ` spans="1:${cells.length}"` : '';
    parts.push(`<row r="${number}" ht="${height}" customHeight="1"${spans} x14ac:dyDescent="0.25">${xml}</row>`);
  }
  return parts.join('');
}

/**
 * The sheet's XML with the rows put in their place: before the first row after them (the 合计
 * row), or at the end of sheetData when nothing follows.
 */
export function spliceRows(sheetXml: Uint8Array, rows: DeferredRows, rowsXml: string): Buffer<ArrayBuffer> {
  const text = Buffer.from(sheetXml.buffer, sheetXml.byteOffset, sheetXml.byteLength).toString('utf8');
  const next = text.indexOf(`<row r="${rows.first + rows.count}"`);
  const at = next >= 0 ? next : text.indexOf('</sheetData>');
  if (at < 0) throw new Error(`sheet ${rows.sheet.name}: no place for the deferred rows`);
  return Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), Buffer.from(rowsXml, 'latin1'), Buffer.from(text.slice(at), 'utf8')]);
}
