/**
 * Data values are literal text, never markup. Before the data reaches Handlebars every text
 * value is wrapped in two private-use characters; the markup parser treats a wrapped span as
 * plain text (a 「【标题】」 or 「｜」 a unit typed in its remarks is printed, not obeyed) and then
 * drops the wrappers. Handlebars itself only ever compiles the clerk's template, so a `{{…}}`
 * inside a value is printed as it is.
 */

export const PROTECT_START = '\uE000';
export const PROTECT_END = '\uE001';

const WRAPPERS = /[\uE000\uE001]/g;

/** One line of literal text: line breaks and tabs become spaces, wrappers inside are dropped. */
export function protect(value: string): string {
  const flat = value
    .replace(WRAPPERS, '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\t/g, ' ');
  return flat === '' ? '' : `${PROTECT_START}${flat}${PROTECT_END}`;
}

export function unprotect(text: string): string {
  return text.replace(WRAPPERS, '');
}

export interface Segment {
  text: string;
  /** True for text that came from a data value. */
  literal: boolean;
  /** 0-based column of the segment's first character in its line. */
  column: number;
}

/** Splits a line into markup text and literal (data) spans, keeping columns of the visible text. */
export function segmentsOf(line: string): Segment[] {
  const segments: Segment[] = [];
  let literal = false;
  let current = '';
  let column = 0;
  let start = 0;
  const flush = () => {
    if (current !== '') segments.push({ text: current, literal, column: start });
    current = '';
    start = column;
  };
  for (const char of line) {
    if (char === PROTECT_START || char === PROTECT_END) {
      flush();
      literal = char === PROTECT_START;
      continue;
    }
    current += char;
    column += char.length;
  }
  flush();
  return segments;
}
