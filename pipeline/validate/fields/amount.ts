/**
 * 金额, kept in the unit the column's header names (万元 or 元): a number cell as it is; the
 * column's own unit typed in ("12.5万元" or "12.5万" in a 万元 column) read with a warning; the
 * other unit converted with a warning that names both ("125000元" in a 万元 column is 12.5 万元);
 * a currency sign before it (¥, ￥) taken off with a warning. Any other unit (千元, 亿元, 美元) is a
 * refusal.
 */
import type { ColumnDef } from '../../../intake/kernel/campaign/campaign.js';
import type { AmountUnit } from '../../../intake/kernel/campaign/field-types.js';
import { notANumber } from './decimal.js';
import { type FieldCell, type FieldReading, meansNone, numberInText, spellingParts, tidy } from './field-reading.js';

/** What each unit typed after an amount is worth in 元. */
const IN_YUAN: Readonly<Record<string, number>> = { 元: 1, 块: 1, 万元: 10_000, 万: 10_000 };
const CURRENCY = /^(¥|￥|RMB|人民币)$/iu;

export function readAmount(cell: FieldCell, column: Pick<ColumnDef, 'amountUnit'>): FieldReading {
  const unit: AmountUnit = column.amountUnit ?? '元';
  if (cell.error !== undefined || cell.date !== undefined) return notANumber(cell);
  if (cell.number !== undefined) return { ok: true, value: cell.number };
  const original = cell.text.trim();
  if (meansNone(original)) return { ok: true, value: 0, note: `填写为「${original}」，按 0 计` };
  const found = numberInText(original);
  if (!found) return notANumber(cell);
  if (found.before !== '' && !CURRENCY.test(found.before)) return notANumber(cell);
  const typed = found.after;
  if (typed !== '' && IN_YUAN[typed] === undefined) return { ok: false, reason: `单位「${typed}」不是本栏的「${unit}」，无法换算` };
  const sign = found.before !== '' ? `去掉「${found.before}」，` : '';
  if (typed === '' || IN_YUAN[typed] === IN_YUAN[unit]) {
    const parts = [
      found.before !== '' ? `去掉「${found.before}」` : '',
      typed !== '' ? `去掉单位「${typed}」` : '',
      ...spellingParts(found),
    ]
      .filter((part) => part !== '')
      .join('，');
    return { ok: true, value: found.value, ...(parts !== '' ? { note: `填写为「${original}」，${parts}，按 ${found.value} 计` } : {}) };
  }
  const value = tidy((found.value * IN_YUAN[typed]!) / IN_YUAN[unit]!);
  return {
    ok: true,
    value,
    converted: true,
    note: `填写为「${original}」，${sign}单位是「${typed}」，本栏以「${unit}」为单位，已换算为 ${value} ${unit}`,
  };
}
