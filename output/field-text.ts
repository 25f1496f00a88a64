/**
 * A read value as a person reads it in a document or a mail: numbers with the column's places
 * (12.50 万元 keeps its two), a percentage with its % sign (85.7 → 85.7%), a date in Chinese
 * (2026-05-08 → 2026年5月8日), a choice or a text as typed; '' for a blank. Pure, shared by the
 * documents and the mail (the workbook writes real numbers and dates with number formats).
 */
import type { ColumnDef } from '../intake/kernel/campaign/campaign.js';
import { compact } from '../intake/kernel/text/normalize.js';

export type FieldValue = number | string | null | undefined;

/** "2026-05-08" → "2026年5月8日"; anything else as it is. */
export function chineseDay(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : iso;
}

/** A number with the column's places, without trailing noise (tidy floats), never in exponent form. */
export function numberText(value: number, places: number | undefined): string {
  if (places === undefined) return String(value);
  return value.toFixed(places);
}

export function fieldText(column: Pick<ColumnDef, 'type' | 'places'>, value: FieldValue): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return column.type === 'date' ? chineseDay(value) : value;
  switch (column.type) {
    case 'percent':
      return `${numberText(value, column.places)}%`;
    case 'decimal':
    case 'amount':
      return numberText(value, column.places);
    default:
      return String(value);
  }
}

/** A column's unit of measure as a sentence writes it after a number (处, 万元, %), '' when none. */
export function unitText(column: Pick<ColumnDef, 'type' | 'unit'>): string {
  if (column.type === 'percent') return '';
  return column.unit ?? '';
}

/**
 * A value as printed beside its column's full name (a receipt's 计划投资(万元)：1234.50): with its
 * unit of measure once, after the number unless the name already says it — 投资完成率(%)：85.0,
 * 整改率：85.0%, 补助资金：300.00元. Dates, choices and texts as fieldText prints them.
 */
export function labelledFieldText(column: Pick<ColumnDef, 'type' | 'places' | 'unit' | 'displayName'>, value: FieldValue): string {
  const text = fieldText(column, value);
  if (typeof value !== 'number') return text;
  const unit = column.type === 'percent' ? '%' : unitText(column);
  if (unit === '') return text;
  const named = compact(column.displayName).includes(compact(unit));
  const bare = column.type === 'percent' ? text.slice(0, -1) : text;
  return named ? bare : `${bare}${unit}`;
}
