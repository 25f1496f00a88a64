/**
 * The filled-in template (markup text) → the document model. Pure. Every line starts with a
 * marker (markers.ts); data values arrive wrapped (protected-text.ts) and stay literal text.
 * Mistakes are returned with their line and column, never thrown.
 */
import type { Block, HeadingLevel } from './document-model.js';
import type { MarkerName } from './markers.js';
import { readLine, textOf } from './markup-line.js';
import { MARKER_READERS } from './markup-markers.js';
import { closeTable, type MarkupIssue, type MarkupLine, type ParseOptions, type ParseResult, type ParseState } from './markup-state.js';
import { segmentsOf, unprotect } from './protected-text.js';

export type { MarkupIssue, ParseOptions, ParseResult } from './markup-state.js';

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

function headingBlock(level: HeadingLevel, text: string, counters: number[]): Block {
  counters[level - 1]!++;
  for (let deeper = level; deeper < 4; deeper++) counters[deeper] = 0;
  return { kind: 'heading', level, text: HAND_NUMBERED[level].test(text) ? text : `${headingNumber(level, counters[level - 1]!)}${text}` };
}

function readLines(source: string, issues: MarkupIssue[]): MarkupLine[] {
  const lines: MarkupLine[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const reading = readLine(segmentsOf(raw));
    for (const issue of reading.issues) issues.push({ line: index + 1, column: issue.column + 1, message: issue.message });
    for (const item of reading.items) lines.push({ number: index + 1, item, text: unprotect(textOf(item.content)) });
  });
  return lines;
}

export function parseMarkup(source: string, options: ParseOptions): ParseResult {
  const state: ParseState = { blocks: [], issues: [], counters: [0, 0, 0, 0], table: null, options };
  for (const line of readLines(source, state.issues)) {
    const { marker } = line.item;
    if (marker !== '表头' && marker !== '表行') closeTable(state);
    // A line whose data came out empty ("【抄送】{{…}}" with nothing to send to) is left out.
    if (line.text === '' && marker !== '空行' && marker !== '分页') continue;
    const level = HEADING_LEVEL[marker];
    if (level !== undefined) state.blocks.push(headingBlock(level, line.text, state.counters));
    else MARKER_READERS[marker as Exclude<MarkerName, '一级' | '二级' | '三级' | '四级'>](line, state);
  }
  closeTable(state);
  return { blocks: state.blocks, issues: state.issues };
}
