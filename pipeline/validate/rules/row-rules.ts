/**
 * The rules judged inside one row: a 统计表's row (scope `row`) or each row of a list (scope
 * `list-row`), on the values read from it. A broken rule names the row's cells. Pure.
 */
import type { Campaign, TableDef } from '../../../intake/kernel/campaign/campaign.js';
import type { Problem } from '../../../intake/kernel/problems.js';
import type { TableValues } from '../table-validation.js';
import { evaluateRule } from './evaluate-rule.js';
import { brokenRuleProblem } from './rule-problems.js';

export interface RowWhere {
  file: string;
  /** The sheet or Word table ("" for the only sheet). */
  location?: string;
  /** "第6行". */
  row: string;
  /** Each value's cell, by column key. */
  cells: Readonly<Record<string, string>>;
}

export function rowRuleProblems(
  table: TableDef,
  campaign: Pick<Campaign, 'rules' | 'tables'>,
  values: TableValues,
  where: RowWhere,
): Problem[] {
  const scope = table.kind === 'list' ? 'list-row' : 'row';
  const columnOf = (_table: string, key: string) => table.columns.find((column) => column.key === key);
  const problems: Problem[] = [];
  for (const rule of campaign.rules) {
    if (rule.scope.kind !== scope || rule.scope.table !== table.key) continue;
    const outcome = evaluateRule(rule, { value: (ref) => values[ref.column] ?? null, rows: () => null, sum: () => null }, campaign.tables);
    if (outcome.status !== 'broken') continue;
    problems.push(
      brokenRuleProblem(rule, outcome, {
        file: where.file,
        ...(where.location ? { location: where.location } : {}),
        cellOf: (_table, key) => where.cells[key],
        fallback: where.row,
        columnOf,
      }),
    );
  }
  return problems;
}
