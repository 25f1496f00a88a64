/**
 * 整数: turns one table cell into a count (a non-negative whole number unless the column allows
 * negatives), the way a clerk would read it: 全角 digits, thousands separators ("1,056"), "12台",
 * "无", "/" and Chinese numerals ("十二", "一百零三") are understood (with a warning naming what was
 * done, as for amounts, so the unit can be told); text that is not a number ("若干", "多") is an
 * error, never a zero.
 */
import { compact } from '../../../intake/kernel/text/normalize.js';
import { parseChineseNumeral } from './chinese-numeral.js';
import { meansNone } from './field-reading.js';

export type CountReading = { ok: true; value: number; note?: string } | { ok: false; reason: string };

/** Units of measure people append to numbers in this kind of table. */
const COMMON_UNITS = ['个', '台', '条', '家', '人', '项', '次', '套', '部', '件', '处', '份', '块', '张'];

const wholeNumber = (value: number, negative: boolean): CountReading =>
  value < 0 && !negative
    ? { ok: false, reason: '不能为负数' }
    : Number.isInteger(value)
      ? { ok: true, value }
      : { ok: false, reason: '应为整数' };

/** `negative`: the column's range goes below 0 (a change from last year), so "-3" is a number. */
export function readCount(
  cell: { text: string; number?: number; error?: string },
  unit?: string,
  options: { negative?: boolean } = {},
): CountReading {
  const negative = options.negative ?? false;
  if (cell.error !== undefined) return { ok: false, reason: `单元格是错误值 ${cell.error}` };
  if (cell.number !== undefined) {
    // Binary floating point: 3.0000000000000004 from a formula is 3.
    const rounded = Math.round(cell.number);
    return wholeNumber(Math.abs(cell.number - rounded) < 1e-9 ? rounded : cell.number, negative);
  }
  const original = cell.text.trim();
  if (original === '') return { ok: true, value: 0, note: '未填写，按 0 计' };
  const text = compact(original);
  const fullWidth = text !== original.replace(/\s+/g, '') && /[０-９]/u.test(original) ? '全角数字已按半角读取' : undefined;
  if (meansNone(text)) return { ok: true, value: 0, note: `填写为「${original}」，按 0 计` };

  const units = unit ? [unit, ...COMMON_UNITS.filter((item) => item !== unit)] : COMMON_UNITS;
  let digits = text;
  let strippedUnit: string | undefined;
  for (const candidate of units) {
    if (digits.length > candidate.length && digits.endsWith(candidate)) {
      digits = digits.slice(0, -candidate.length);
      strippedUnit = candidate;
      break;
    }
  }
  const thousands = /^\d{1,3}(,\d{3})+$/.test(digits) ? '千位分隔符已去掉' : undefined;
  if (thousands) digits = digits.replace(/,/g, '');
  if (/^-\d+(\.\d+)?$/.test(digits) && !negative) return { ok: false, reason: '不能为负数' };
  if (/^-?\d+\.\d+$/.test(digits) && !/^-?\d+\.0+$/.test(digits)) return { ok: false, reason: '应为整数' };
  if (!/^-?\d+(\.0+)?$/.test(digits)) {
    const chinese = parseChineseNumeral(digits);
    if (chinese === null) return { ok: false, reason: '不是数字' };
    const unitNote = strippedUnit ? `去掉单位「${strippedUnit}」，` : '';
    return { ok: true, value: chinese, note: `填写为「${original}」，${unitNote}按中文数字读作 ${chinese}` };
  }

  const value = Number.parseInt(digits, 10);
  const notes = [fullWidth, thousands, strippedUnit ? `去掉单位「${strippedUnit}」` : undefined].filter(
    (note): note is string => note !== undefined,
  );
  return notes.length > 0 ? { ok: true, value, note: `填写为「${original}」，${notes.join('，')}，按 ${value} 计` } : { ok: true, value };
}
