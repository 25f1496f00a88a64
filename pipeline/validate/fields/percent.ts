/**
 * 百分比, kept as the number the office reads: 85.7 for 85.7 %, whether the cell holds 0.857 in
 * a percentage format, the number 85.7, or the text "85.7%" (read, with a warning: the sign was
 * typed in). A bare number between 0 and 1 written with more places than the column keeps
 * (0.857 in a column of one place) may be a fraction or a tiny percentage: that is a refusal,
 * never a guess.
 */
import type { ColumnDef } from '../../../intake/kernel/campaign/campaign.js';
import { notANumber, spellingNote } from './decimal.js';
import { type FieldCell, type FieldReading, meansNone, numberInText, placesIn, tidy } from './field-reading.js';

const SIGNS = new Set(['%', '％']);

function ambiguous(value: number, places: number): FieldReading | null {
  if (value <= 0 || value >= 1 || placesIn(value) <= places) return null;
  // What a percentage column takes (85.7% 填 85.7) follows from the column's expected value.
  return { ok: false, reason: `是 ${tidy(value * 100)}% 还是 ${value}%，无法确定` };
}

export function readPercent(cell: FieldCell, column: Pick<ColumnDef, 'places'>): FieldReading {
  const places = column.places ?? 1;
  if (cell.error !== undefined || cell.date !== undefined) return notANumber(cell);
  if (cell.number !== undefined) {
    if (cell.percent) return { ok: true, value: tidy(cell.number * 100) };
    return ambiguous(cell.number, places) ?? { ok: true, value: cell.number };
  }
  const original = cell.text.trim();
  // "/" in a rate column: nothing to rate (no hazards found), not 0 %.
  if (meansNone(original)) return { ok: true, value: null, note: `填写为「${original}」，按未填写计` };
  const found = numberInText(original);
  if (found?.before !== '') return notANumber(cell);
  if (found.after !== '' && !SIGNS.has(found.after)) return { ok: false, reason: `数字后面多了「${found.after}」` };
  if (found.after === '') {
    const refusal = ambiguous(found.value, places);
    if (refusal) return refusal;
  }
  const note = spellingNote(original, found, found.after ? '%' : undefined);
  return { ok: true, value: found.value, ...(note ? { note } : {}) };
}
