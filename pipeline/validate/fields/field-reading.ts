/**
 * What every field reader (one file per type: count, decimal, percent, amount, date, choice,
 * text) takes and gives: a cell as the table finder read it, and a value with the note a unit is
 * told about ("填写为「12.5万元」，去掉单位「万元」，按 12.5 计"), or the reason it is not a value.
 * A reader never guesses: what it cannot read for sure is a refusal, never a 0.
 */
import { compact } from '../../../intake/kernel/text/normalize.js';

/** A cell as the readers see it (find-table.ts RawValue without its address). */
export interface FieldCell {
  text: string;
  number?: number;
  error?: string;
  /** The number is shown as a percentage (0.857 in a 0.0% format). */
  percent?: true;
  /** A real date cell: its calendar day. */
  date?: string;
}

export type FieldValue = number | string;

export type FieldReading =
  | {
      ok: true;
      value: FieldValue | null;
      /** The cell was read in a way the unit should hear of (a unit typed in, a spelling normalised). */
      note?: string;
      /** The note is about a unit converted (元 in a 万元 column), not only a spelling. */
      converted?: true;
    }
  | {
      ok: false;
      /** Why the text is no value of the column's type, in Chinese ("不是数字"). */
      reason: string;
      /** An ambiguous date, or a choice off the list: they have codes of their own. */
      code?: 'value.date_ambiguous' | 'value.not_an_option';
    };

/** What a reader needs beyond the cell and its column. */
export interface FieldContext {
  /** The year a date written without one belongs to (the campaign's). */
  year: number;
}

/** Written by people to mean "none". */
const NONE = new Set(['无', '没有', '暂无', '空', '/', '\\', '-', '--', '—', '——', '─', '－', '零', '〇']);
const NONE_DASHES = /^[-－—–─―~～_]+$/u;

export function meansNone(text: string): boolean {
  const folded = compact(text);
  return NONE.has(folded) || NONE_DASHES.test(folded);
}

/**
 * Float noise taken off (0.857 × 100 is 85.69999999999999): twelve significant digits are far
 * more than any table keeps.
 */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** A number inside a text, with what stands before and after it ("¥12.5万元" → ¥, 12.5, 万元). */
export interface NumberInText {
  value: number;
  before: string;
  after: string;
  /** Full-width digits (１２６０００, ３．５) were read as digits. */
  fullWidth: boolean;
  /** Thousands separators (1,234.50) were taken out. */
  separators: boolean;
}

const NUMBER_IN_TEXT = /^(\D*?)([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+)(\D*)$/u;

/** The one number a text holds (NFKC, spaces removed), or null when it holds none or several. */
export function numberInText(text: string): NumberInText | null {
  const original = text.trim();
  const folded = compact(original);
  const match = NUMBER_IN_TEXT.exec(folded);
  if (!match) return null;
  const digits = match[2]!;
  return {
    value: Number(digits.replace(/,/g, '')),
    before: match[1]!,
    after: match[3]!,
    fullWidth: /[０-９．]/u.test(original),
    separators: digits.includes(','),
  };
}

/**
 * What a reader says it did to the spelling of a number, each thing by its name: 全角 digits are
 * no thousands separators, and the unit is told which it typed.
 */
export function spellingParts(found: { fullWidth: boolean; separators: boolean }): string[] {
  return [found.fullWidth ? '全角数字已按半角读取' : '', found.separators ? '千位分隔符已去掉' : ''].filter((part) => part !== '');
}

/** How many places a number is written with ("12.50" → 2). */
export function placesIn(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 20;
  return (text.split('.')[1] ?? '').length;
}
