/**
 * The one normaliser for exceljs cell values. exceljs hands back strings, numbers, booleans,
 * dates, rich text, formulas with cached results, shared formulas, hyperlinks and errors; the
 * table finder wants { text, number? }.
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

function hasCachedResult(shape: Shape): boolean {
  return 'result' in shape && shape.result !== undefined;
}

/** A formula cell whose file holds no result for it. */
export function isResultlessFormula(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  const shape = value as Shape;
  return ('formula' in shape || 'sharedFormula' in shape) && !hasCachedResult(shape);
}

export function cellContent(value: unknown): Omit<GridCell, 'address'> {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return Number.isFinite(value) ? { text: String(value), number: value } : { text: String(value) };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: formatDate(value) };
  if (typeof value === 'object') {
    const shape = value as Shape;
    const rich = richText(shape);
    if (rich !== null) return { text: rich };
    if ('error' in shape) return { text: String(shape.error), error: String(shape.error) };
    if ('formula' in shape || 'sharedFormula' in shape) {
      // A formula is read by its cached result; one without (never recalculated) is computed by
      // the sheet reader (formula-values.ts), never read as empty.
      return hasCachedResult(shape) ? cellContent(shape.result) : { text: '' };
    }
    if ('text' in shape) {
      const text = shape.text;
      return { text: typeof text === 'object' && text !== null ? (richText(text as Shape) ?? '') : String(text ?? '') };
    }
  }
  return { text: String(value) };
}
