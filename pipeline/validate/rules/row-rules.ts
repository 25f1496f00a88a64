/**
 * The rules judged inside one row: a 统计表's row (scope `row`) or each row of a list (scope
 * `list-row`), on the values read from it. A broken rule names the row's cells. Pure.
 */
import type { Campaign, Rule, TableDef } from '../../../intake/kernel/campaign/campaign.js';
import type { Problem } from '../../../intake/kernel/problems.js';
import type { TableValues } from '../table-validation.js';
import { evaluateRule, type RuleValues } from './evaluate-rule.js';
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

/** The rules judged inside a row of each table, by the campaign's rules list and table key (found once, used row after row). */
const rowRules = new WeakMap<readonly Rule[], Map<string, Rule[]>>();

function rulesInRows(table: TableDef, rules: readonly Rule[]): Rule[] {
  let byTable = rowRules.get(rules);
  if (!byTable) {
    byTable = new Map();
    rowRules.set(rules, byTable);
  }
  let found = byTable.get(table.key);
  if (!found) {
    const scope = table.kind === 'list' ? 'list-row' : 'row';
    found = rules.filter((rule) => rule.scope.kind === scope && rule.scope.table === table.key);
    byTable.set(table.key, found);
  }
  return found;
}

export function rowRuleProblems(
  table: TableDef,
  campaign: Pick<Campaign, 'rules' | 'tables'>,
  values: TableValues,
  where: RowWhere,
): Problem[] {
  const rules = rulesInRows(table, campaign.rules);
  if (rules.length === 0) return [];
  const read: RuleValues = { value: (ref) => values[ref.column] ?? null, rows: () => null, sum: () => null };
  const problems: Problem[] = [];
  for (const rule of rules) {
    const outcome = evaluateRule(rule, read, campaign.tables);
    if (outcome.status !== 'broken') continue;
    problems.push(
      brokenRuleProblem(rule, outcome, {
        file: where.file,
        ...(where.location ? { location: where.location } : {}),
        cellOf: (_table, key) => where.cells[key],
        fallback: where.row,
        columnOf: (_table, key) => table.columns.find((column) => column.key === key),
      }),
    );
  }
  return problems;
}
