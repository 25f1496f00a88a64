/**
 * Rows of a sheet written as XML straight into the package instead of through exceljs's cell
 * model: for a list table of tens of thousands of rows, exceljs's per-cell objects, addresses
 * and XML stream were most of the time (and the memory) of writing the workbook. The rest of the
 * sheet (title, header, 合计, note, widths, print setup) is still exceljs's; these rows fill the
 * gap left for them, in the markup exceljs writes for such rows (`<row r ht customHeight spans>`,
 * `<c r s><v>`), with their styles registered in exceljs's own style table while it writes, so
 * styles.xml holds them as if exceljs had written the cells. Texts are inline strings
 * (`<c t="inlineStr"><is><t>`, as Apache POI's streaming writer writes them; exceljs and LibreOffice
 * checked to read the same text):
 * the shared-string table exceljs then makes and checksums holds its own few cells instead of
 * every list text (~0.15 s less for 1,000 units' 50-row lists), and a row's markup depends on
 * nothing but its cells and the style numbers. A cell is a number, a text, a date or empty, with
 * a shared style object (sheet-styles.ts).
 */
import type ExcelJSNamespace from 'exceljs';
import type { Workbook, Worksheet } from 'exceljs';

type Style = Partial<ExcelJSNamespace.Style>;

export interface DeferredCell {
  value: number | string | Date | null;
  style: Style;
}

/** What the rows hold, the same for every workbook they go into (the working one and the one to send up). */
export interface RowsContent {
  /** The row number of the first row; the sheet has no row of its own from here to first + count - 1. */
  first: number;
  count: number;
  /** Row `index` (from 0): its cells from column 1 and its height in points. */
  row(index: number): { cells: readonly DeferredCell[]; height: number };
  /** The markup as last rendered, reused when the next workbook gives its styles the same numbers. */
  rendered?: Rendered;
}

/** The lists' rows by table key, shared by the workbooks written from one merge result. */
export type SharedRows = Map<string, RowsContent>;

export interface DeferredRows {
  sheet: Worksheet;
  content: RowsContent;
}

interface Rendered {
  /** Each style the rows use, in order of first use, with the value type it was first registered for, and its number. */
  styles: { style: Style; type: number; id: number }[];
  xml: Buffer;
}

/** exceljs's ValueType numbers, which its style table takes (a test holds them to exceljs's). */
export const VALUE_TYPE = { Null: 0, Number: 2, String: 3, Date: 4 } as const;

/** What exceljs's writer holds while it writes (xlsx.js prepareModel): the style table cells register in. */
export interface WriterTables {
  styles: { addStyleModel(style: Style, type: number): number };
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

/** The rows a workbook's plain list sheets (list-sheet.ts: 报送情况, 问题清单, 来信记录, 报告分析) defer into. */
const listSheetRows = new WeakMap<Workbook, SharedRows>();

export function deferListSheetRows(workbook: Workbook, shared: SharedRows): void {
  listSheetRows.set(workbook, shared);
}

export function listSheetRowsOf(workbook: Workbook): SharedRows | undefined {
  return listSheetRows.get(workbook);
}

/**
 * A sheet's data rows put in: as XML into the package when `shared` is given (the content the
 * other workbook of the same result holds under `key` taken instead, so it is rendered once),
 * else as exceljs cells.
 */
export function putRows(workbook: Workbook, sheet: Worksheet, content: RowsContent, key: string, shared?: SharedRows): void {
  if (shared) {
    const kept = shared.get(key) ?? content;
    shared.set(key, kept);
    deferRows(workbook, { sheet, content: kept });
    return;
  }
  for (let index = 0; index < content.count; index++) {
    const { cells, height } = content.row(index);
    const target = sheet.getRow(content.first + index);
    cells.forEach((cell, column) => {
      const written = target.getCell(column + 1);
      written.value = cell.value === '' ? null : cell.value;
      written.style = cell.style;
    });
    target.height = height;
  }
}

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** An empty text is an empty cell (an inline string holding nothing reads back as no value at all). */
const typeOf = (value: DeferredCell['value']): number =>
  value === null || value === ''
    ? VALUE_TYPE.Null
    : typeof value === 'number'
      ? VALUE_TYPE.Number
      : typeof value === 'string'
        ? VALUE_TYPE.String
        : VALUE_TYPE.Date;

/** exceljs's serial of a date (utils.dateToExcel, 1900 system). */
const excelDate = (date: Date): number => 25569 + date.getTime() / (24 * 3600 * 1000);

/** Registers the rows' styles as their cells would, numbering them as exceljs does. */
class Registry {
  readonly styles: Rendered['styles'] = [];
  private readonly styleIds = new Map<Style, number>();
  constructor(private readonly tables: WriterTables) {}

  /** exceljs keeps a style object's first number whatever the value type (its WeakMap). */
  style(style: Style, type: number): number {
    let id = this.styleIds.get(style);
    if (id === undefined) {
      id = this.tables.styles.addStyleModel(style, type);
      this.styleIds.set(style, id);
      this.styles.push({ style, type, id });
    }
    return id;
  }
}

/** Characters XML 1.0 does not allow (exceljs drops them too), and the three that must be escaped in text. */
const XML_SPECIAL = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const XML_SPECIAL_ALL = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A text as an inline string's content: `<t>`, with xml:space="preserve" where exceljs puts it (leading, trailing space, a line break). */
function inlineText(text: string): string {
  const escaped = XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (char) => ESCAPED[char] ?? '') : text;
  return /^\s|\n|\s$/.test(text) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

/** One cell's markup, as exceljs writes it. */
function cellXml(address: string, cell: DeferredCell, registry: Registry): string {
  const type = typeOf(cell.value);
  const styleId = registry.style(cell.style, type);
  const s = styleId ? ` s="${styleId}"` : '';
  switch (type) {
    case VALUE_TYPE.Null:
      return styleId ? `<c r="${address}"${s}/>` : '';
    case VALUE_TYPE.Number:
      return `<c r="${address}"${s}><v>${String(cell.value)}</v></c>`;
    case VALUE_TYPE.String:
      return `<c r="${address}"${s} t="inlineStr"><is>${inlineText(cell.value as string)}</is></c>`;
    default:
      return `<c r="${address}"${s}><v>${excelDate(cell.value as Date)}</v></c>`;
  }
}

function render(content: RowsContent, tables: WriterTables): Rendered {
  const registry = new Registry(tables);
  const chunks: Buffer[] = [];
  const letters: string[] = [];
  let chunk = '';
  for (let index = 0; index < content.count; index++) {
    const number = content.first + index;
    const { cells, height } = content.row(index);
    let xml = '';
    for (let c = 0; c < cells.length; c++) {
      letters[c] ??= columnLetter(c + 1);
      xml += cellXml(`${letters[c]}${number}`, cells[c]!, registry);
    }
    const spans = cells.length > 0 ? ` spans="1:${cells.length}"` : '';
    chunk += `<row r="${number}" ht="${height}" customHeight="1"${spans} x14ac:dyDescent="0.25">${xml}</row>`;
    // In chunks rather than one huge string.
    if (chunk.length > 1 << 16) {
      chunks.push(Buffer.from(chunk, 'utf8'));
      chunk = '';
    }
  }
  chunks.push(Buffer.from(chunk, 'utf8'));
  return { styles: registry.styles, xml: Buffer.concat(chunks) };
}

/** Registers what an earlier rendering used; true when every style got the same number again. */
function registerAgain(rendered: Rendered, tables: WriterTables): boolean {
  let same = true;
  for (const { style, type, id } of rendered.styles) same = tables.styles.addStyleModel(style, type) === id && same;
  return same;
}

/**
 * The rows' markup, registering their styles in the writer's style table. Rendered once
 * for the working workbook and reused for the one to send up when both number them alike (the
 * rows register first in each, see xlsx-buffer.ts, so they do); else rendered again.
 */
export function renderRows(content: RowsContent, tables: WriterTables): Buffer {
  const earlier = content.rendered;
  if (earlier && registerAgain(earlier, tables)) return earlier.xml;
  content.rendered = render(content, tables);
  return content.rendered.xml;
}

/**
 * The sheet's XML with the rows put in their place: before the first row after them (the 合计
 * row), or at the end of sheetData when nothing follows.
 */
export function spliceRows(sheetXml: Uint8Array, rows: DeferredRows, rowsXml: Buffer): Buffer<ArrayBuffer> {
  const text = Buffer.from(sheetXml.buffer, sheetXml.byteOffset, sheetXml.byteLength).toString('utf8');
  const next = text.indexOf(`<row r="${rows.content.first + rows.content.count}"`);
  const at = next >= 0 ? next : text.indexOf('</sheetData>');
  if (at < 0) throw new Error(`sheet ${rows.sheet.name}: no place for the deferred rows`);
  return Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), rowsXml, Buffer.from(text.slice(at), 'utf8')]);
}
