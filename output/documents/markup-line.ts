/**
 * Reads one line of markup: which markers it holds and the text after each. Shared by the
 * parser (on the filled-in text) and by `huizong check` (on the template itself, where each
 * `{{…}}` stands for a value). Only markup text can hold a marker or a cell separator; text
 * that came from data never does.
 */

import { MARKER_LIST, MARKERS, type MarkerName, markerNamed } from './markers.js';
import type { Segment } from './protected-text.js';

export interface LineItem {
  marker: MarkerName;
  /** 0-based column of the marker's opening bracket. */
  column: number;
  /** The text after the marker up to the next marker, as segments (whitespace at both ends trimmed). */
  content: Segment[];
}

export interface LineIssue {
  /** 0-based column. */
  column: number;
  message: string;
}

export interface LineReading {
  items: LineItem[];
  issues: LineIssue[];
}

const BRACKETED = /【([^【】\r\n]{0,12})】|\[([^[\]\r\n]{1,12})\]/gu;
const SPACE = /^[\s\u3000]*/u;

interface Found {
  segment: number;
  index: number;
  length: number;
  marker: MarkerName | null;
  name: string;
  column: number;
}

/** Markers inside one markup (non-literal) segment. Unknown names count only at the line start. */
function markersIn(segment: Segment, segmentIndex: number): Found[] {
  const found: Found[] = [];
  for (const match of segment.text.matchAll(BRACKETED)) {
    const name = (match[1] ?? match[2] ?? '').trim();
    found.push({
      segment: segmentIndex,
      index: match.index,
      length: match[0].length,
      marker: markerNamed(name),
      name: match[1] !== undefined ? `【${name}】` : `[${name}]`,
      column: segment.column + match.index,
    });
  }
  return found;
}

function slice(
  segments: readonly Segment[],
  from: { segment: number; index: number },
  to: { segment: number; index: number } | null,
): Segment[] {
  const out: Segment[] = [];
  const last = to ?? { segment: segments.length - 1, index: segments.at(-1)?.text.length ?? 0 };
  for (let i = from.segment; i <= last.segment && i < segments.length; i++) {
    const segment = segments[i]!;
    const start = i === from.segment ? from.index : 0;
    const end = i === last.segment ? last.index : segment.text.length;
    if (end > start) out.push({ ...segment, text: segment.text.slice(start, end), column: segment.column + start });
  }
  return trimSegments(out);
}

/** Drops whitespace at both ends (full-width spaces included) and empty segments. */
export function trimSegments(segments: readonly Segment[]): Segment[] {
  const out = segments.map((segment) => ({ ...segment }));
  while (out.length > 0) {
    const first = out[0]!;
    const lead = SPACE.exec(first.text)![0].length;
    first.text = first.text.slice(lead);
    first.column += lead;
    if (first.text !== '') break;
    out.shift();
  }
  while (out.length > 0) {
    const last = out.at(-1)!;
    last.text = last.text.replace(/[\s\u3000]+$/u, '');
    if (last.text !== '') break;
    out.pop();
  }
  return out;
}

export function readLine(segments: readonly Segment[]): LineReading {
  const trimmed = trimSegments(segments);
  if (trimmed.length === 0) return { items: [], issues: [] };
  const first = trimmed[0]!;
  if (first.literal) {
    return { items: [], issues: [{ column: first.column, message: `这一行以填入的数据开头，行首缺少标记（如【正文】）` }] };
  }
  const found = trimmed.flatMap((segment, index) => (segment.literal ? [] : markersIn(segment, index)));
  const head = found[0];
  if (head?.segment !== 0 || head.index !== 0) {
    return {
      items: [],
      issues: [{ column: first.column, message: `这一行没有以标记开头；每一行都应以标记开头，可用的标记：${MARKER_LIST}` }],
    };
  }
  if (head.marker === null) {
    const wide = head.name.startsWith('【');
    return {
      items: [],
      issues: [
        {
          column: head.column,
          message: wide
            ? `不认识的标记${head.name}，可用的标记：${MARKER_LIST}`
            : `这一行没有以标记开头；每一行都应以标记开头，可用的标记：${MARKER_LIST}`,
        },
      ],
    };
  }
  // Known markers later in the line start new items (so `{{#each}}【表行】…{{/each}}` on one line works).
  const starts = found.filter((item, index) => index === 0 || item.marker !== null);
  const items: LineItem[] = [];
  const issues: LineIssue[] = [];
  starts.forEach((start, index) => {
    const next = starts[index + 1];
    const content = slice(
      trimmed,
      { segment: start.segment, index: start.index + start.length },
      next ? { segment: next.segment, index: next.index } : null,
    );
    const marker = start.marker!;
    const rule = MARKERS[marker].content;
    if (rule === 'none' && content.length > 0) {
      issues.push({ column: content[0]!.column, message: `【${marker}】后面不应有文字` });
    }
    items.push({ marker, column: start.column, content });
  });
  return { items, issues };
}

/** The plain text of segments. */
export function textOf(segments: readonly Segment[]): string {
  return segments.map((segment) => segment.text).join('');
}

/** Splits content into table cells at ｜ or | in markup text (never inside a data value). */
export function splitCells(segments: readonly Segment[]): Segment[][] {
  const cells: Segment[][] = [[]];
  for (const segment of segments) {
    if (segment.literal) {
      cells.at(-1)!.push(segment);
      continue;
    }
    let offset = 0;
    const parts = segment.text.split(/[｜|]/u);
    parts.forEach((part, index) => {
      if (index > 0) cells.push([]);
      if (part !== '') cells.at(-1)!.push({ text: part, literal: false, column: segment.column + offset });
      offset += part.length + 1;
    });
  }
  return cells.map((cell) => trimSegments(cell));
}
