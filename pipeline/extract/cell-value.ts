/**
 * The one normaliser for exceljs cell values. exceljs hands back strings, numbers, booleans,
 * dates, rich text, formulas with cached results, shared formulas, hyperlinks and errors; the
 * table finder wants { text, number? }, with what a type needs from the cell's number format:
 * whether a number is shown as a percentage, and a date cell's calendar day.
 */
import type { GridCell } from './grid.js';

type Shape = Record<string, unknown>;

function richText(value: Shape): string | null {
  return Array.isArray(value.richText) ? (value.richText as { text?: unknown }[]).map((run) => String(run.text ?? '')).join('') : null;
}

function formatDate(date: Date): string {
  // Excel dates are stored as UTC midnight of the local calendar day.
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** "2026-05-18": the calendar day an Excel date stands for (stored as UTC midnight of that day). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** An Excel number format that shows the number as a percentage (0%, 0.0%, #,##0.00%). */
export function isPercentFormat(format: string | undefined): boolean {
  if (!format) return false;
  // A % inside quotes or brackets is literal text, not the percent sign of the format.
  return format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').includes('%');
}

function hasCachedResult(shape: Shape): boolean {
  return 'result' in shape && shape.result !== undefined;
}

/** A formula cell whose file holds no result for it. */
export function isResultlessFormula(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  const shape = value as Shape;
  return ('formula' in shape || 'sharedFormula' in shape) && !hasCachedResult(shape);
}

/** The cell's content; `format` is its number format (exceljs `cell.numFmt`), if any. */
export function cellContent(value: unknown, format?: string): Omit<GridCell, 'address'> {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { text: String(value) };
    return { text: String(value), number: value, ...(isPercentFormat(format) ? { percent: true as const } : {}) };
  }
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { text: '' } : { text: formatDate(value), date: isoDay(value) };
  if (typeof value === 'object') {
    const shape = value as Shape;
    const rich = richText(shape);
    if (rich !== null) return { text: rich };
    if ('error' in shape) return { text: String(shape.error), error: String(shape.error) };
    if ('formula' in shape || 'sharedFormula' in shape) {
      // A formula is read by its cached result; one without (never recalculated) is computed by
      // the sheet reader (formula-values.ts), never read as empty.
      return hasCachedResult(shape) ? cellContent(shape.result, format) : { text: '' };
    }
    if ('text' in shape) {
      const text = shape.text;
      return { text: typeof text === 'object' && text !== null ? (richText(text as Shape) ?? '') : String(text ?? '') };
    }
  }
  return { text: String(value) };
}
