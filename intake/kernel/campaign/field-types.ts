/**
 * The kinds of value a column of a notice's table holds, as offices' form tools know them
 * (网易有数, 简道云, WPS 收集表): whole numbers, decimals, percentages, amounts of money, dates,
 * one choice of a list, free text. campaign.yaml names them in English or in Chinese; the rest of
 * the program uses the English key.
 */
import { notAdditiveByName } from './column-names.js';

/**
 * `count` is 整数, the whole number every 2013 column holds (the name is kept from the first
 * campaign's schema; non-negative unless the column's `min` says otherwise).
 */
export const FIELD_TYPES = ['count', 'decimal', 'percent', 'amount', 'date', 'choice', 'text'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** How the clerk calls each type (pages, problems, the set-up screen). */
export const FIELD_TYPE_LABEL: Readonly<Record<FieldType, string>> = {
  count: '整数',
  decimal: '小数',
  percent: '百分比',
  amount: '金额',
  date: '日期',
  choice: '单选',
  text: '文字',
};

/** Every spelling campaign.yaml accepts for `type:`. */
export const FIELD_TYPE_SPELLINGS: Readonly<Record<string, FieldType>> = {
  count: 'count',
  integer: 'count',
  整数: 'count',
  decimal: 'decimal',
  number: 'decimal',
  小数: 'decimal',
  数值: 'decimal',
  percent: 'percent',
  percentage: 'percent',
  百分比: 'percent',
  amount: 'amount',
  money: 'amount',
  金额: 'amount',
  date: 'date',
  日期: 'date',
  choice: 'choice',
  select: 'choice',
  单选: 'choice',
  选项: 'choice',
  text: 'text',
  文字: 'text',
  文本: 'text',
};

/** Amounts are kept in the unit the column's header names. */
export const AMOUNT_UNITS = ['万元', '元'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

/** Places after the decimal point when the campaign does not say. */
export const DEFAULT_PLACES: Readonly<Partial<Record<FieldType, number>>> = { decimal: 2, percent: 1, amount: 2 };

/** The options of a 单选 column that names none: the 是/否 of "是否…" columns. */
export const DEFAULT_CHOICE_OPTIONS: readonly string[] = ['是', '否'];

/** Types whose values are numbers (rules do arithmetic on them; totals may sum them). */
export function isNumeric(type: FieldType): boolean {
  return type === 'count' || type === 'decimal' || type === 'percent' || type === 'amount';
}

/**
 * Whether a column's total is the sum of the units' values, when the campaign does not say: a
 * count, a decimal, an amount; never a percentage (85.7 % and 90 % do not make 175.7 %), a date,
 * a choice or a text; nor a number whose name says it does not add up (`names`: the column's, and
 * its group's): an average, a score, a rank, an age, a rate (column-names.ts) — 平均答复天数 of
 * six units summed is no statistic.
 */
export function summableByDefault(type: FieldType, ...names: readonly string[]): boolean {
  return (type === 'count' || type === 'decimal' || type === 'amount') && notAdditiveByName(...names) === null;
}

/** The kind of value a rule computes with. */
export type ValueKind = 'number' | 'date' | 'text';

export function valueKindOf(type: FieldType): ValueKind {
  if (isNumeric(type)) return 'number';
  return type === 'date' ? 'date' : 'text';
}
