/**
 * How a table's columns sit in a sheet: the header groups (a merged group cell over its
 * sub-columns, 发现隐患(处) over 一般隐患 / 重大隐患 / 合计), the number format each column's values
 * are shown in as the office prints them (0, 0.0, 0.00, a date, a percentage read as 85.7 shown
 * 85.7 or 85.7%, never 8570%), the cell value of a read value (a real number, a real date) and
 * the shared cell styles those formats need. Pure.
 */
import type ExcelJSNamespace from 'exceljs';
import type { ColumnDef } from '../../intake/kernel/campaign/campaign.js';
import { type Align, STYLES, text } from './sheet-styles.js';

export type HeaderSpan = { kind: 'single'; label: string; column: ColumnDef } | { kind: 'group'; label: string; columns: ColumnDef[] };

/** The columns as the header draws them: consecutive sub-columns of one group under one cell. */
export function headerSpans(columns: readonly ColumnDef[]): HeaderSpan[] {
  const spans: HeaderSpan[] = [];
  for (const column of columns) {
    const label = column.headerTexts[0] ?? column.displayName;
    if (!column.subHeaderTexts) {
      spans.push({ kind: 'single', label, column });
      continue;
    }
    const last = spans.at(-1);
    if (last?.kind === 'group' && last.label === label) last.columns.push(column);
    else spans.push({ kind: 'group', label, columns: [column] });
  }
  return spans;
}

/** The label of a sub-column under its group (涉密), or the column's own label. */
export const subLabel = (column: ColumnDef): string => column.subHeaderTexts?.[0] ?? column.displayName;

const decimals = (places: number | undefined) => (places && places > 0 ? `0.${'0'.repeat(places)}` : '0');

/** The header names the percent sign already (整改率(%)): the number alone; else the number with a % sign. */
const headerSaysPercent = (column: ColumnDef) => /[%％]/u.test(`${column.headerTexts[0] ?? ''}${column.subHeaderTexts?.[0] ?? ''}`);

export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/** The number format of a column's values; undefined for text and choices. */
export function numberFormat(column: ColumnDef): string | undefined {
  switch (column.type) {
    case 'count':
      return '0';
    case 'decimal':
    case 'amount':
      return decimals(column.places);
    case 'percent':
      return headerSaysPercent(column) ? decimals(column.places) : `${decimals(column.places)}"%"`;
    case 'date':
      return DATE_FORMAT;
    default:
      return undefined;
  }
}

/** "2026-05-08" as an Excel date (exceljs writes a Date by its UTC reading). */
function dayValue(iso: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : text(iso);
}

/** A read value as a cell value: numbers and dates real, texts safe. */
export function cellValue(column: ColumnDef, value: number | string | null | undefined): number | string | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return column.type === 'date' ? dayValue(value) : text(value);
}

type Style = Partial<ExcelJSNamespace.Style>;
export type StyleVariant = 'body' | 'excluded' | 'bold' | 'alert';

const base = (variant: StyleVariant, align: Align): Style =>
  variant === 'body' ? STYLES.body[align] : variant === 'excluded' ? STYLES.excluded : variant === 'bold' ? STYLES.bold : STYLES.alert;

// Shared style objects (exceljs skips re-deriving a style it has seen; see sheet-styles.ts).
const cache = new Map<string, Style>();

/** The style of a value cell of this column: its number format on the variant's look. */
export function valueStyle(column: ColumnDef, variant: StyleVariant): Style {
  const align: Align = column.type === 'text' ? 'left' : 'center';
  const format = numberFormat(column);
  const key = `${variant}|${align}|${format ?? ''}`;
  let style = cache.get(key);
  if (!style) {
    const plain = base(variant, align);
    style = format ? { ...plain, numFmt: format } : plain;
    cache.set(key, style);
  }
  return style;
}

/** A column's width in the sheet, by what it holds. */
export function columnWidth(column: ColumnDef): number {
  if (column.type === 'text') return 16;
  if (column.type === 'date') return 14;
  if (column.type === 'choice') return Math.max(7, ...(column.options ?? []).map((option) => option.length * 2 + 2));
  return column.subHeaderTexts ? 7.5 : 9;
}
