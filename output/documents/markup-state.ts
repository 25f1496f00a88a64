/**
 * The markup parser's state and the pieces its marker readers share: the document built so far,
 * the mistakes found, the heading counters and a table being written row by row.
 */
import { displayWidth } from '../../intake/kernel/text/display-width.js';
import type { Block, TableCell, TableModel } from './document-model.js';
import type { LineItem } from './markup-line.js';

export interface MarkupIssue {
  /** 1-based line and column of the text the parser read. */
  line: number;
  column: number;
  message: string;
}

export interface ParseOptions {
  /** Tables the program makes from the data, by the name a 【表格】 line gives. */
  tables: Readonly<Record<string, TableModel>>;
}

export interface ParseResult {
  blocks: Block[];
  issues: MarkupIssue[];
}

/**
 * How wide text prints, in half-ideographs. Digits and Latin letters count more than half an
 * ideograph: where Times New Roman is missing they print in wider fonts.
 */
function printWidth(text: string): number {
  let width = 0;
  for (const char of text) width += displayWidth(char) === 2 ? 2 : 1.3;
  return width;
}

/**
 * Column weights from what the cells hold (the widest text of each column, plus one for the
 * cell margins), so a 序号 column stays narrow and a time column gets room for one line.
 */
export function weightsFor(rows: readonly (readonly TableCell[])[], columns: number): number[] {
  const weights = Array.from({ length: columns }, () => 5);
  for (const row of rows) {
    row.forEach((cell, index) => {
      if ((cell.colSpan ?? 1) === 1) weights[index] = Math.max(weights[index]!, Math.min(printWidth(cell.text) + 1, 40));
    });
  }
  return weights;
}

/** What the parser has built so far, and where it stands. */
export interface ParseState {
  blocks: Block[];
  issues: MarkupIssue[];
  /** The running number of each heading level. */
  counters: number[];
  /** A table being written row by row (【表头】, 【表行】). */
  table: { header: TableCell[][]; body: TableCell[][] } | null;
  options: ParseOptions;
}

/** One line of the markup: its number in the source, its marker and content, its text. */
export interface MarkupLine {
  number: number;
  item: LineItem;
  text: string;
}

/** Ends the table being written, if any, padding short rows and weighting the columns. */
export function closeTable(state: ParseState): void {
  const table = state.table;
  if (table === null) return;
  const rows = [...table.header, ...table.body];
  const columns = Math.max(...rows.map((row) => row.length));
  const pad = (row: TableCell[]) => [...row, ...Array.from({ length: columns - row.length }, () => ({ text: '' }))];
  const model: TableModel = { header: table.header.map(pad), body: table.body.map(pad), columnWeights: weightsFor(rows, columns) };
  state.blocks.push({ kind: 'table', table: model });
  state.table = null;
}
