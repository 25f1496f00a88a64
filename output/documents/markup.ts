/**
 * The filled-in template (markup text) → the document model. Pure. Every line starts with a
 * marker (markers.ts); data values arrive wrapped (protected-text.ts) and stay literal text.
 * Mistakes are returned with their line and column, never thrown.
 */
import { displayWidth } from '../../intake/kernel/text/display-width.js';
import type { Block, HeadingLevel, TableCell, TableModel } from './document-model.js';
import type { MarkerName } from './markers.js';
import { type LineItem, readLine, splitCells, textOf } from './markup-line.js';
import { segmentsOf, unprotect } from './protected-text.js';

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

const HEADING_LEVEL: Partial<Record<MarkerName, HeadingLevel>> = { 一级: 1, 二级: 2, 三级: 3, 四级: 4 };

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (headings never go further). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  return String(n);
}

export function headingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`;
    case 2:
      return `（${chineseNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/** A heading the clerk numbered by hand keeps its number. */
const HAND_NUMBERED: Record<HeadingLevel, RegExp> = {
  1: /^[一二三四五六七八九十]+、/u,
  2: /^[（(][一二三四五六七八九十]+[）)]/u,
  3: /^\d+[.．、]/u,
  4: /^[（(]\d+[）)]/u,
};

const NUMERIC = /^[\d.,，%％\-—–+]+$/u;

function cellAlign(text: string, header: boolean): TableCell['align'] {
  if (header || NUMERIC.test(text) || displayWidth(text) <= 24) return 'center';
  return 'left';
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

interface Line {
  number: number;
  item: LineItem;
  text: string;
}

export function parseMarkup(source: string, options: ParseOptions): ParseResult {
  const issues: MarkupIssue[] = [];
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const reading = readLine(segmentsOf(raw));
    for (const issue of reading.issues) issues.push({ line: index + 1, column: issue.column + 1, message: issue.message });
    for (const item of reading.items) lines.push({ number: index + 1, item, text: unprotect(textOf(item.content)) });
  });

  const blocks: Block[] = [];
  const counters = [0, 0, 0, 0];
  let table: { header: TableCell[][]; body: TableCell[][] } | null = null;
  const closeTable = () => {
    if (table === null) return;
    const rows = [...table.header, ...table.body];
    const columns = Math.max(...rows.map((row) => row.length));
    const pad = (row: TableCell[]) => [...row, ...Array.from({ length: columns - row.length }, () => ({ text: '' }))];
    const model: TableModel = { header: table.header.map(pad), body: table.body.map(pad), columnWeights: weightsFor(rows, columns) };
    blocks.push({ kind: 'table', table: model });
    table = null;
  };

  for (const { number, item, text } of lines) {
    const { marker } = item;
    if (marker !== '表头' && marker !== '表行') closeTable();
    // A line whose data came out empty ("【抄送】{{…}}" with nothing to send to) is left out.
    if (text === '' && marker !== '空行' && marker !== '分页') continue;
    const previous = blocks.at(-1);
    const level = HEADING_LEVEL[marker];
    if (level !== undefined) {
      counters[level - 1]!++;
      for (let deeper = level; deeper < 4; deeper++) counters[deeper] = 0;
      const numbered = HAND_NUMBERED[level].test(text) ? text : `${headingNumber(level, counters[level - 1]!)}${text}`;
      blocks.push({ kind: 'heading', level, text: numbered });
      continue;
    }
    switch (marker) {
      case '发文机关标志':
        blocks.push({ kind: 'issuer', text });
        break;
      case '文号':
        blocks.push({ kind: 'documentNumber', text });
        break;
      case '签发人': {
        // “签发人：” is printed by the builder; a clerk who writes it keeps one.
        const names = text.replace(/^签发人[：:]?/u, '').trim();
        if (previous?.kind === 'documentNumber') previous.signers = [...(previous.signers ?? []), names];
        else
          issues.push({
            line: number,
            column: item.column + 1,
            message: '【签发人】应写在【文号】的下一行（上行文的发文字号和签发人排在同一行）',
          });
        break;
      }
      case '标题':
        if (previous?.kind === 'title') previous.lines.push(text);
        else blocks.push({ kind: 'title', lines: [text] });
        break;
      case '主送':
        blocks.push({ kind: 'recipient', text });
        break;
      case '正文':
        blocks.push({ kind: 'paragraph', text });
        break;
      case '表格': {
        const named = options.tables[text];
        if (named) blocks.push({ kind: 'table', table: named });
        else
          issues.push({
            line: number,
            column: (item.content[0]?.column ?? item.column) + 1,
            message: `没有名为「${text}」的表格，可用的表格：${Object.keys(options.tables).join('、')}`,
          });
        break;
      }
      case '表头':
      case '表行': {
        const cells = splitCells(item.content).map((cell) => unprotect(textOf(cell)));
        const header = marker === '表头';
        if (table !== null && header && table.body.length > 0) closeTable();
        table ??= { header: [], body: [] };
        (header ? table.header : table.body).push(cells.map((cellText) => ({ text: cellText, align: cellAlign(cellText, header) })));
        break;
      }
      case '附件':
        if (previous?.kind === 'attachments') previous.items.push(text);
        else blocks.push({ kind: 'attachments', items: [text] });
        break;
      case '落款':
        blocks.push({ kind: 'signature', office: text, date: null });
        break;
      case '日期':
        if (previous?.kind === 'signature' && previous.date === null) previous.date = text;
        else blocks.push({ kind: 'signature', office: null, date: text });
        break;
      case '附注':
        blocks.push({ kind: 'note', text });
        break;
      case '空行':
        blocks.push({ kind: 'blank' });
        break;
      case '分页':
        blocks.push({ kind: 'pageBreak' });
        break;
      case '附件页':
      case '横向附件页':
        counters.fill(0);
        blocks.push({ kind: 'attachmentPage', label: text, landscape: marker === '横向附件页' });
        break;
      case '抄送':
      case '印发': {
        const colophon = previous?.kind === 'colophon' ? previous : null;
        const target = colophon ?? { kind: 'colophon' as const, copyTo: null, issuedBy: null, issuedOn: null };
        if (marker === '抄送') {
          target.copyTo = target.copyTo === null ? text : `${target.copyTo}，${text}`;
        } else {
          const [office, ...rest] = splitCells(item.content).map((cell) => unprotect(textOf(cell)));
          target.issuedBy = office ?? '';
          target.issuedOn = rest.length > 0 ? rest.join(' ') : null;
        }
        if (!colophon) blocks.push(target);
        break;
      }
    }
  }
  closeTable();
  return { blocks, issues };
}
