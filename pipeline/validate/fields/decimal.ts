/**
 * 小数: a number with a fractional part, as units type it: a number cell, the number as text
 * ("3.5", "３．５", "1,234.5"), the column's own unit typed after it ("3.5天" in a 天 column: read,
 * with a warning), "无" or "/" for none (0, with a warning). Any other unit or word is a refusal.
 * The column's places say how the value is shown and compared, not how it is read: nothing is
 * rounded here.
 */
import type { ColumnDef } from '../../../intake/kernel/campaign/campaign.js';
import { type FieldCell, type FieldReading, meansNone, type NumberInText, numberInText, spellingParts } from './field-reading.js';

/** The refusal for a cell that is no number, or the reason it is none. */
export function notANumber(cell: FieldCell): FieldReading {
  if (cell.error !== undefined) return { ok: false, reason: `单元格是错误值 ${cell.error}` };
  return { ok: false, reason: cell.date !== undefined ? '是日期，不是数字' : '不是数字' };
}

/** Notes on what was folded or taken off a number typed as text. */
export function spellingNote(original: string, found: NumberInText, unit?: string): string | undefined {
  const notes = [...spellingParts(found), ...(unit ? [`去掉单位「${unit}」`] : [])];
  return notes.length > 0 ? `填写为「${original}」，${notes.join('，')}，按 ${found.value} 计` : undefined;
}

export function readDecimal(cell: FieldCell, column: Pick<ColumnDef, 'unit'>): FieldReading {
  if (cell.error !== undefined || cell.date !== undefined) return notANumber(cell);
  if (cell.number !== undefined) return { ok: true, value: cell.number };
  const original = cell.text.trim();
  if (meansNone(original)) return { ok: true, value: 0, note: `填写为「${original}」，按 0 计` };
  const found = numberInText(original);
  if (found?.before !== '') return notANumber(cell);
  if (found.after !== '' && found.after !== column.unit) {
    return {
      ok: false,
      reason: column.unit ? `单位「${found.after}」与本栏的单位「${column.unit}」不同` : `数字后面多了「${found.after}」`,
    };
  }
  const note = spellingNote(original, found, found.after || undefined);
  return { ok: true, value: found.value, ...(note ? { note } : {}) };
}
