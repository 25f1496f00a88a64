/**
 * The tables in an HTML mail body → grids, read like the tables of a Word document. Units paste
 * the statistics table from Excel into 163/QQ webmail or Foxmail: the result is an HTML <table>
 * with rowspan/colspan (the two-row 涉密/非涉密 header), often the only copy of the table. The
 * body's text outside the tables becomes each grid's preamble, where the 填报区域或单位 line sits.
 *
 * Webmail wraps everything in layout tables: every <table> becomes a grid, a cell's text leaves
 * out the tables nested in it, and the table finder keeps only the grids that hold the header.
 */
import { type HtmlNode as Node, parseHtml } from '../../intake/mail/html-node.js';
import type { Grid, GridCell } from './grid.js';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'tr',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'blockquote',
  'pre',
  'section',
  'article',
]);
const SKIP = new Set(['script', 'style', 'head', 'title', 'xml']);
/** A span larger than this is a page-layout trick, not a table cell (and would cost memory). */
const MAX_SPAN = 50;

const isTag = (node: Node, ...names: string[]) =>
  (node.type === 'tag' || node.type === 'script' || node.type === 'style') && names.includes(node.name ?? '');

function span(value: string | undefined): number {
  const number = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(number) && number >= 1 ? Math.min(number, MAX_SPAN) : 1;
}

/** Text of a node as a reader sees it: block elements end lines, nested tables left out. */
function textOf(node: Node, out: string[] = []): string[] {
  if (node.type === 'text') out.push(node.data ?? '');
  else if (node.type === 'tag' || node.type === 'root') {
    if (SKIP.has(node.name ?? '') || node.name === 'table') return out;
    if (node.name === 'br') out.push('\n');
    for (const child of node.children ?? []) textOf(child, out);
    if (BLOCK.has(node.name ?? '')) out.push('\n');
  }
  return out;
}

/** Cell text: whitespace runs folded (HTML ignores them), line breaks kept as spaces. */
function cellText(node: Node): string {
  return textOf(node)
    .join('')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The rows of a table, not those of the tables nested in it. */
function rowsOf(table: Node): Node[] {
  const rows: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.children ?? []) {
      if (isTag(child, 'tr')) rows.push(child);
      else if (isTag(child, 'thead', 'tbody', 'tfoot')) visit(child);
    }
  };
  visit(table);
  return rows;
}

function gridOf(table: Node, index: number, preamble: Grid['preamble']): Grid {
  const rows: GridCell[][] = [];
  const label = `正文第${index + 1}个表格`;
  rowsOf(table).forEach((tr, r) => {
    rows[r] ??= [];
    let c = 0;
    for (const td of (tr.children ?? []).filter((child) => isTag(child, 'td', 'th'))) {
      while (rows[r]![c] !== undefined) c++;
      const text = cellText(td);
      const rowSpan = span(td.attribs?.rowspan);
      const colSpan = span(td.attribs?.colspan);
      for (let dr = 0; dr < rowSpan; dr++) {
        rows[r + dr] ??= [];
        const row = rows[r + dr]!;
        for (let dc = 0; dc < colSpan; dc++) {
          const cell: GridCell = { text, address: `${label}第${r + 1}行第${c + 1}列` };
          if (dr > 0 || dc > 0) cell.mergedCopy = true;
          row[c + dc] = cell;
        }
      }
      c += colSpan;
    }
  });
  // Rows are ragged where cells are missing: fill the holes so the grid is rectangular.
  const width = Math.max(0, ...rows.map((row) => row.length));
  const filled = Array.from({ length: rows.length }, (_, r) =>
    Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? { text: '', address: `${label}第${r + 1}行第${c + 1}列` }),
  );
  return { label, rows: filled, ...(preamble && preamble.length > 0 ? { preamble } : {}) };
}

export interface HtmlBody {
  grids: Grid[];
  /** The body's text outside tables, one entry per line, in order. */
  lines: string[];
}

/** Every table of an HTML body as a grid, each with the text lines that stand above it. */
export function readHtmlTables(html: string): HtmlBody {
  const document = parseHtml(html);
  const grids: Grid[] = [];
  const lines: string[] = [];
  let pending: string[] = [];
  const flush = () => {
    for (const line of pending.join('').split('\n')) {
      const text = line
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (text !== '') lines.push(text);
    }
    pending = [];
  };
  const walk = (node: Node) => {
    if (node.type === 'text') {
      pending.push(node.data ?? '');
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    if (SKIP.has(node.name ?? '')) return;
    if (node.name === 'table') {
      flush();
      const preamble = lines.map((text, at) => ({ text, location: `正文第${at + 1}行` }));
      grids.push(gridOf(node, grids.length, preamble.slice(-10)));
      // Nested tables (the real one inside a layout table) become grids of their own.
      const inner = (n: Node) => {
        for (const child of n.children ?? []) {
          if (isTag(child, 'table')) walk(child);
          else inner(child);
        }
      };
      inner(node);
      return;
    }
    if (node.name === 'br') pending.push('\n');
    for (const child of node.children ?? []) walk(child);
    if (BLOCK.has(node.name ?? '')) pending.push('\n');
  };
  walk(document);
  flush();
  return { grids, lines };
}
