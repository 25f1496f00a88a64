/**
 * A rule as the program holds it once read from its line and its names found among the
 * campaign's tables: plain data (it is cached as JSON with the campaign), evaluated by
 * pipeline/validate/rules.
 */
import type { ValueKind } from '../field-types.js';

/** A column of a table, by their keys. */
export interface ColumnRef {
  table: string;
  column: string;
}

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  /** A date written in the rule ("2026-01-01"). */
  | { kind: 'date'; value: string }
  | { kind: 'column'; ref: ColumnRef }
  /** 行数(台账): how many rows a unit's list has. */
  | { kind: 'rows'; table: string }
  /** 求和(台账.金额): the sum of a list column over the unit's rows. */
  | { kind: 'sum'; ref: ColumnRef }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The sign a clerk reads for each comparison (problem messages). */
export const COMPARISON_TEXT: Readonly<Record<Comparison, string>> = {
  '=': '等于',
  '!=': '不等于',
  '<': '小于',
  '<=': '不大于',
  '>': '大于',
  '>=': '不小于',
};

/**
 * Where a rule is judged: in the one row of a unit's 统计表; in every row of a unit's list
 * (明细表, 台账); or per unit across tables (a rule that counts a list's rows or names columns
 * of two tables), judged only when every table it names was sent.
 */
export type RuleScope = { kind: 'row'; table: string } | { kind: 'list-row'; table: string } | { kind: 'unit'; tables: string[] };

export interface Rule {
  /** The line as the clerk wrote it (or the line an old `{type: lte}` rule means). */
  source: string;
  /** Position in campaign.yaml's `rules:` (0-based). */
  index: number;
  scope: RuleScope;
  /** a op₁ b op₂ c …: `0 <= 整改率 <= 100` has three operands and two comparisons. */
  operands: Expr[];
  /** Each operand as the clerk wrote it (problem messages quote them). */
  operandTexts: string[];
  comparisons: Comparison[];
  /** What the operands compute with (all the same: numbers, dates, or texts). */
  valueKind: ValueKind;
  /** The clerk's own wording for a broken rule, shown instead of the generated one. */
  message?: string;
  /** The problem code a broken rule reports: `rule.lte` for the first campaign's form, else `rule.failed`. */
  code: 'rule.lte' | 'rule.failed';
  /**
   * `X = expression` where X is one column of a 统计表: the rule also says how X is computed, so a
   * column that is not summed (整改率 = 已整改 / 合计 × 100) gets its total from the totals.
   */
  defines?: { ref: ColumnRef; expr: Expr };
}

/** Every column a rule reads directly (not through 行数 or 求和). */
export function columnsOf(expr: Expr): ColumnRef[] {
  switch (expr.kind) {
    case 'column':
      return [expr.ref];
    case 'negate':
      return columnsOf(expr.operand);
    case 'binary':
      return [...columnsOf(expr.left), ...columnsOf(expr.right)];
    default:
      return [];
  }
}

/** Every table a rule counts or sums (行数, 求和). */
export function aggregatedTablesOf(expr: Expr): string[] {
  switch (expr.kind) {
    case 'rows':
      return [expr.table];
    case 'sum':
      return [expr.ref.table];
    case 'negate':
      return aggregatedTablesOf(expr.operand);
    case 'binary':
      return [...aggregatedTablesOf(expr.left), ...aggregatedTablesOf(expr.right)];
    default:
      return [];
  }
}
