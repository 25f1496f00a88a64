/**
 * Judges one rule on one set of values (a 统计表's row, a list's row, or a unit's tables): held,
 * broken (with the values on both sides of the comparison that failed), or not judged because a
 * value it needs is blank, unreadable, or in a table the unit did not send. Pure.
 *
 * Numbers are compared at the precision the columns are kept in: both sides rounded to the most
 * places any column of the rule has (整数 0, 整改率 with one place 1), so that 85.7 equals
 * 已整改 / 合计 × 100 = 85.714…; dates compare as days.
 */
import type { ColumnDef, TableDef } from '../../../intake/kernel/campaign/campaign.js';
import type { ColumnRef, Comparison, Expr, Rule } from '../../../intake/kernel/campaign/rules/rule-ast.js';

/** What a rule can read: a value of a column, a list's row count, a list column's sum. Null: not there. */
export interface RuleValues {
  value(ref: ColumnRef): number | string | null;
  rows(table: string): number | null;
  sum(ref: ColumnRef): number | null;
}

export type RuleOutcome =
  | { status: 'held' }
  /** A value the rule needs is missing: the rule says nothing (blank and required cells are reported by their columns). */
  | { status: 'not-judged' }
  | {
      status: 'broken';
      /** The comparison that failed (position in rule.comparisons). */
      at: number;
      left: number | string;
      right: number | string;
    };

const DAY_MS = 86_400_000;

/** Days of the dates met so far: a list's rows repeat a few hundred dates over and over. */
const days = new Map<string, number | null>();

/** "2026-05-18" → days since 1970-01-01 (UTC), so that dates subtract and compare as numbers. */
export function dayNumber(date: string): number | null {
  let day = days.get(date);
  if (day === undefined) {
    day = parseDay(date);
    if (days.size > 100_000) days.clear();
    days.set(date, day);
  }
  return day;
}

function parseDay(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Days since 1970-01-01 → "2026-05-18". */
export function dateOfDay(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

/** The campaign's columns by table and key, built once per tables list (rules are judged row after row). */
const columnIndex = new WeakMap<readonly TableDef[], Map<string, Map<string, ColumnDef>>>();

function columnDef(tables: readonly TableDef[], ref: ColumnRef): ColumnDef {
  let index = columnIndex.get(tables);
  if (!index) {
    index = new Map(tables.map((table) => [table.key, new Map(table.columns.map((column) => [column.key, column]))]));
    columnIndex.set(tables, index);
  }
  return index.get(ref.table)!.get(ref.column)!;
}

/** What an expression computes to, or null when a value it needs is missing (or it divides by 0). */
function evaluate(expr: Expr, values: RuleValues, tables: readonly TableDef[]): number | string | null {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'text':
      return expr.value;
    case 'date':
      return dayNumber(expr.value);
    case 'column': {
      const value = values.value(expr.ref);
      if (value === null) return null;
      if (columnDef(tables, expr.ref).type === 'date') return typeof value === 'string' ? dayNumber(value) : null;
      return value;
    }
    case 'rows':
      return values.rows(expr.table);
    case 'sum':
      return values.sum(expr.ref);
    case 'negate': {
      const operand = evaluate(expr.operand, values, tables);
      return typeof operand === 'number' ? -operand : null;
    }
    case 'binary': {
      const left = evaluate(expr.left, values, tables);
      const right = evaluate(expr.right, values, tables);
      if (typeof left !== 'number' || typeof right !== 'number') return null;
      const result = { '+': left + right, '-': left - right, '*': left * right, '/': right === 0 ? Number.NaN : left / right }[expr.op];
      return Number.isFinite(result) ? result : null;
    }
  }
}

/** The most places any column the expression reads is kept in. */
function placesOf(expr: Expr, tables: readonly TableDef[]): number {
  switch (expr.kind) {
    case 'column':
    case 'sum': {
      const column = columnDef(tables, expr.ref);
      return column.type === 'date' ? 0 : (column.places ?? 0);
    }
    case 'negate':
      return placesOf(expr.operand, tables);
    case 'binary':
      return Math.max(placesOf(expr.left, tables), placesOf(expr.right, tables));
    case 'number':
      return (String(expr.value).split('.')[1] ?? '').length;
    default:
      return 0;
  }
}

/**
 * What an expression computes to from these values (a district total by the rule that defines a
 * column: 整改率 = 已整改 / 合计 × 100), rounded to the places the columns it reads are kept in;
 * null when a value it needs is missing or it divides by 0.
 */
export function evaluateExpression(expr: Expr, values: RuleValues, tables: readonly TableDef[], places?: number): number | null {
  const value = evaluate(expr, values, tables);
  if (typeof value !== 'number') return null;
  const scale = 10 ** (places ?? placesOf(expr, tables));
  return Math.round(value * scale + Number.EPSILON * scale) / scale;
}

function compare(op: Comparison, left: number | string, right: number | string): boolean {
  switch (op) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/** The places a rule compares at, by rule: the same for every row it judges. */
const rulePlaces = new WeakMap<Rule, number>();

function placesOfRule(rule: Rule, tables: readonly TableDef[]): number {
  let places = rulePlaces.get(rule);
  if (places === undefined) {
    places = Math.max(...rule.operands.map((operand) => placesOf(operand, tables)));
    rulePlaces.set(rule, places);
  }
  return places;
}

export function evaluateRule(rule: Rule, values: RuleValues, tables: readonly TableDef[]): RuleOutcome {
  // Loops, not array methods: a list's rules are judged on every one of its rows.
  const computed: (number | string)[] = [];
  for (const operand of rule.operands) {
    const value = evaluate(operand, values, tables);
    if (value === null) return { status: 'not-judged' };
    computed.push(value);
  }
  const scale = 10 ** placesOfRule(rule, tables);
  const round = (value: number | string) =>
    typeof value === 'number' ? Math.round(value * scale + Number.EPSILON * scale) / scale : value;
  for (let at = 0; at < rule.comparisons.length; at++) {
    const [left, right] = [round(computed[at]!), round(computed[at + 1]!)];
    if (!compare(rule.comparisons[at]!, left, right)) return { status: 'broken', at, left, right };
  }
  return { status: 'held' };
}
