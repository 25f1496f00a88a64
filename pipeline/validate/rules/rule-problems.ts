/**
 * The problem a broken rule is: an error naming the cells the rule read, the values found and
 * what was expected. The first campaign's `{type: lte}` rules keep their own code and wording
 * (rule.lte, "「…」为 3，大于「…」的 2，前者不应大于后者"), so its outputs stay as they were.
 */
import type { ColumnDef } from '../../../intake/kernel/campaign/campaign.js';
import { columnsOf, type Rule } from '../../../intake/kernel/campaign/rules/rule-ast.js';
import { error, type Problem } from '../../../intake/kernel/problems.js';
import { describeBrokenRule } from './broken-rule.js';
import type { RuleOutcome } from './evaluate-rule.js';

export interface RuleWhere {
  file?: string;
  /** The sheet or table the values came from. */
  location?: string;
  /** The cell of a column, by key (of the rule's table; for a rule across tables, by "table/column"). */
  cellOf: (table: string, column: string) => string | undefined;
  /** Where the values came from when no cell is known ("第6行"). */
  fallback: string;
  columnOf: (table: string, column: string) => ColumnDef | undefined;
}

export function brokenRuleProblem(rule: Rule, outcome: Extract<RuleOutcome, { status: 'broken' }>, where: RuleWhere): Problem {
  const refs = [...columnsOf(rule.operands[outcome.at]!), ...columnsOf(rule.operands[outcome.at + 1]!)];
  const cells = refs.map((ref) => where.cellOf(ref.table, ref.column)).filter((cell): cell is string => cell !== undefined);
  const first = refs[0] ? where.columnOf(refs[0].table, refs[0].column) : undefined;
  // In a workbook of several sheets the cells are said with their sheet (工作表「统计表」D6、B6).
  const sheet = where.location && cells.length > 0 && !cells[0]!.startsWith(where.location) ? where.location : '';
  const context = {
    ...(where.file ? { file: where.file } : {}),
    location: cells.length > 0 ? `${sheet}${[...new Set(cells)].join('、')}` : where.fallback,
    ...(first ? { field: first.displayName } : {}),
  };
  if (rule.code === 'rule.lte') {
    const left = where.columnOf(refs[0]!.table, refs[0]!.column)!;
    const leftCell = where.cellOf(refs[0]!.table, refs[0]!.column);
    const right = where.columnOf(refs[1]!.table, refs[1]!.column)!;
    return error(
      'rule.lte',
      rule.message ?? `「${left.displayName}」为 ${outcome.left}，大于「${right.displayName}」的 ${outcome.right}，前者不应大于后者`,
      {
        ...context,
        location: leftCell ? `${sheet}${leftCell}` : where.fallback,
        found: String(outcome.left),
        expected: `不大于 ${outcome.right}`,
      },
    );
  }
  const text = describeBrokenRule(rule, outcome);
  return error('rule.failed', text.summary, { ...context, found: text.found, expected: text.expected });
}
