/**
 * A worksheet part's rows and cells, parsed with saxes in one pass, each cell left as exceljs
 * 4.4's cell parser leaves it before the workbook is put together (lib/xlsx/xform/sheet/
 * cell-xform.js, parseOpen/parseText/parseClose): the same texts, the same type guesses, the
 * same quirks (a `t="str"` value decoded twice, a phonetic run never reached). Only the sheet's
 * <sheetData> is read, as exceljs reads nothing else of it with the parts xlsx-grid.ts ignores.
 *
 * Where exceljs's parser would lose its place (an element inside a row or cell it does not know
 * closes the row or the whole sheet early), the package is odd: exceljs reads it instead.
 */
import type * as Saxes from 'saxes';
import { requirePackage } from '../../../intake/kernel/require-package.js';
import { odd } from './odd-package.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const { SaxesParser } = requirePackage('saxes') as typeof Saxes;

/** A rich text run: only its text is read (fonts are looked at by no one). */
export interface RichRun {
  text?: string;
}

export type RawValue = string | { richText: RichRun[] };

export type CellType = 'null' | 'merge' | 'string' | 'number' | 'boolean' | 'error' | 'formula';

/** One <c> as exceljs's cell parser closes it. */
export interface ParsedCell {
  /** The `r` attribute: where the cell says it is. */
  address: string;
  col: number;
  type: CellType;
  /** The `s` attribute when it is not empty (0 included: exceljs then treats it as no style). */
  styleId?: number;
  /** number / string (a shared-string index is a number until resolved) / boolean / { error } / rich text. */
  value?: unknown;
  formula?: string;
  result?: unknown;
  shareType?: string;
  si?: string;
  ref?: string;
}

export interface ParsedRow {
  number: number;
  styleId?: number;
  /** `hidden="1"`: the unit hid the row (exceljs reads it as row.hidden). */
  hidden?: true;
  cells: ParsedCell[];
}

/** exceljs's xmlDecode (utils.js): entities decoded a second time, after the XML parser's. */
export function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (entity) => {
    switch (entity) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return entity;
    }
  });
}

/** exceljs's TextXform model: its texts joined, _xHHHH_ escapes (upper-case hex only) decoded. */
export function textModel(parts: readonly string[]): string {
  return parts.join('').replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const ADDRESS = /^([A-Z]{1,3})([1-9]\d*)$/;

function columnOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** A run being read (exceljs's RichTextXform): its text parts while inside <t>, inside <rPr> or not. */
interface RunState {
  run: RichRun;
  text: string[] | null;
  inFont: boolean;
}

interface CellState {
  cell: ParsedCell;
  t: string | undefined;
  current: 'f' | 'v' | 't' | undefined;
  raw: RawValue | undefined;
  run: RunState | null;
}

function openCell(node: Saxes.SaxesTagPlain, rowNumber: number): CellState {
  const r = node.attributes.r;
  // exceljs would guess a missing address from the previous cell, or refuse an odd one.
  const match = r === undefined ? null : ADDRESS.exec(r);
  if (!match) odd(`单元格地址「${r ?? ''}」`);
  if (Number(match[2]) !== rowNumber) odd(`单元格 ${r} 不在第 ${rowNumber} 行`);
  const col = columnOf(match[1]!);
  if (col > 16384) odd(`单元格地址「${r}」`);
  const cell: ParsedCell = { address: r!, col, type: 'merge' };
  const s = node.attributes.s;
  if (s) cell.styleId = Number.parseInt(s, 10);
  return { cell, t: node.attributes.t, current: undefined, raw: undefined, run: null };
}

function openInRun(state: RunState, node: Saxes.SaxesTagPlain): void {
  if (state.inFont) return;
  if (state.text) {
    // TextXform.parseOpen: a nested <t> starts its text again.
    if (node.name === 't') state.text = [];
    return;
  }
  if (node.name === 'r') state.run = {};
  else if (node.name === 't') state.text = [];
  else if (node.name === 'rPr') state.inFont = true;
}

function closeInRun(state: RunState, name: string): void {
  if (name === 't') {
    if (state.inFont) odd('字体属性中的 <t>');
    state.run.text = state.text ? textModel(state.text) : undefined;
    state.text = null;
  } else if (name === 'rPr') state.inFont = false;
}

function openInCell(state: CellState, node: Saxes.SaxesTagPlain): void {
  if (state.run) {
    openInRun(state.run, node);
    return;
  }
  const cell = state.cell;
  switch (node.name) {
    case 'f':
      state.current = 'f';
      cell.si = node.attributes.si;
      cell.shareType = node.attributes.t;
      cell.ref = node.attributes.ref;
      return;
    case 'v':
    case 't':
      state.current = node.name;
      return;
    case 'r':
      state.run = { run: {}, text: null, inFont: false };
      return;
    case 'is':
      return;
    default:
      odd(`单元格中的 <${node.name}>`);
  }
}

function textInCell(state: CellState, text: string): void {
  if (state.run) {
    if (state.run.text && !state.run.inFont) state.run.text.push(text);
    return;
  }
  const cell = state.cell;
  if (state.current === 'f') cell.formula = cell.formula ? cell.formula + text : text;
  else if (state.current === 'v' || state.current === 't') {
    // After rich runs exceljs appends such text to a property of the run list nobody reads.
    if (typeof state.raw === 'object') return;
    state.raw = state.raw ? state.raw + text : text;
  }
}

/** False when the cell is complete (</c>). */
function closeInCell(state: CellState, name: string): boolean {
  switch (name) {
    case 'c':
      finishCell(state);
      return false;
    case 'f':
    case 'v':
    case 'is':
      state.current = undefined;
      return true;
    case 't':
      if (state.run) closeInRun(state.run, name);
      else state.current = undefined;
      return true;
    case 'r': {
      if (!state.run) odd('单元格中多余的 </r>');
      if (typeof state.raw === 'string') odd('单元格的值之后又有格式文字');
      state.raw ??= { richText: [] };
      state.raw.richText.push(state.run.run);
      state.run = null;
      state.current = undefined;
      return true;
    }
    default:
      if (!state.run) odd(`单元格中的 </${name}>`);
      closeInRun(state.run, name);
      return true;
  }
}

function decodedText(raw: RawValue): string {
  if (typeof raw !== 'string') odd('格式文字作为文本值');
  return xmlDecode(raw);
}

/** exceljs's first guess of the cell's type (cell-xform.js parseClose 'c'). */
function finishCell(state: CellState): void {
  const { cell, t, raw } = state;
  if (cell.formula || cell.shareType) {
    cell.type = 'formula';
    if (raw) {
      if (t === 'str') cell.result = decodedText(raw);
      else if (t === 'b') cell.result = Number.parseInt(raw as string, 10) !== 0;
      else if (t === 'e') cell.result = { error: raw };
      else cell.result = Number.parseFloat(raw as string);
    }
    return;
  }
  if (raw !== undefined) {
    switch (t) {
      case 's':
        cell.type = 'string';
        cell.value = Number.parseInt(raw as string, 10);
        return;
      case 'str':
        cell.type = 'string';
        cell.value = decodedText(raw);
        return;
      case 'inlineStr':
        cell.type = 'string';
        cell.value = raw;
        return;
      case 'b':
        cell.type = 'boolean';
        cell.value = Number.parseInt(raw as string, 10) !== 0;
        return;
      case 'e':
        cell.type = 'error';
        cell.value = { error: raw };
        return;
      default:
        cell.type = 'number';
        cell.value = Number.parseFloat(raw as string);
        return;
    }
  }
  cell.type = cell.styleId ? 'null' : 'merge';
}

function openRow(node: Saxes.SaxesTagPlain): ParsedRow {
  const r = node.attributes.r;
  if (r === undefined || !/^[1-9]\d*$/.test(r)) odd(`行号「${r ?? ''}」`);
  const row: ParsedRow = { number: Number(r), cells: [] };
  if (node.attributes.s) row.styleId = Number.parseInt(node.attributes.s, 10);
  const hidden = node.attributes.hidden;
  if (hidden === '1' || hidden === 'true') row.hidden = true;
  return row;
}

/**
 * The sheet's rows in document order; throws OddPackage (see above) or the XML parser's error. In
 * a sheet with a filter (`<autoFilter>`) no row counts as hidden: the rows a filter hides are
 * stored as hidden rows, and they are data the unit sent, not rows it dropped.
 */
export function parseSheetXml(xml: string): ParsedRow[] {
  const parser = new SaxesParser({ position: false });
  let rows: ParsedRow[] = [];
  let filtered = false;
  let inSheetData = false;
  let row: ParsedRow | null = null;
  let cell: CellState | null = null;
  let closed = false;
  let failure: Error | null = null;
  parser.on('error', (cause) => {
    failure ??= cause;
  });
  parser.on('opentag', (tag) => {
    const node = tag as Saxes.SaxesTagPlain;
    if (closed) return;
    if (cell) return openInCell(cell, node);
    if (row) {
      if (node.name !== 'c') odd(`行中的 <${node.name}>`);
      cell = openCell(node, row.number);
      return;
    }
    if (inSheetData) {
      if (node.name !== 'row') odd(`sheetData 中的 <${node.name}>`);
      row = openRow(node);
      return;
    }
    if (node.name === 'sheetData') {
      inSheetData = true;
      rows = [];
    } else if (node.name === 'autoFilter') filtered = true;
  });
  parser.on('text', (text) => {
    if (cell && !closed) textInCell(cell, text);
  });
  parser.on('closetag', (node) => {
    if (closed) return;
    if (cell) {
      if (!closeInCell(cell, node.name)) {
        row!.cells.push(cell.cell);
        cell = null;
      }
    } else if (row) {
      rows.push(row);
      row = null;
    } else if (inSheetData) inSheetData = false;
    else if (node.name === 'worksheet') closed = true;
  });
  parser.write(xml);
  if (failure) throw failure;
  // exceljs takes a sheet without its closing </worksheet> for no sheet at all, and fails.
  if (!closed) odd('工作表没有结束标记');
  if (filtered) for (const parsed of rows) delete parsed.hidden;
  return rows;
}
