/**
 * The rules judged per unit across its tables (`行数(重大隐患整改台账) = 重大隐患`, columns of two
 * 统计表), on the tables the unit's latest submissions gave. A rule whose table the unit has not
 * sent is not judged: the unit is 材料不全 for that table, not 数据有误. Pure.
 */
import type { Campaign } from '../../../intake/kernel/campaign/campaign.js';
import type { Problem } from '../../../intake/kernel/problems.js';
import type { TableValues, ValidatedListRow } from '../table-validation.js';
import { evaluateRule, type RuleValues } from './evaluate-rule.js';
import { brokenRuleProblem } from './rule-problems.js';

/** One of the unit's tables as adopted: a 统计表's values and cells, or a list's rows. */
export interface AdoptedTable {
  file: string;
  values: TableValues | null;
  cells: Readonly<Record<string, string>>;
  rows: readonly ValidatedListRow[];
}

function valuesOf(adopted: Readonly<Record<string, AdoptedTable>>): RuleValues {
  return {
    value: (ref) => adopted[ref.table]?.values?.[ref.column] ?? null,
    rows: (table) => adopted[table]?.rows.length ?? null,
    sum: (ref) => {
      const table = adopted[ref.table];
      if (!table) return null;
      return table.rows.reduce(
        (total, row) => total + (typeof row.values[ref.column] === 'number' ? (row.values[ref.column] as number) : 0),
        0,
      );
    },
  };
}

export interface UnitRuleOutcome {
  problems: Problem[];
  /** Tables a broken rule reads: their values are in doubt, they are not counted in the totals. */
  inDoubt: Set<string>;
}

/** `adopted`: the tables the unit sent, by key (a table not sent is absent). */
export function unitRuleProblems(
  campaign: Pick<Campaign, 'rules' | 'tables'>,
  adopted: Readonly<Record<string, AdoptedTable>>,
): UnitRuleOutcome {
  const problems: Problem[] = [];
  const inDoubt = new Set<string>();
  const values = valuesOf(adopted);
  for (const rule of campaign.rules) {
    if (rule.scope.kind !== 'unit') continue;
    const tables = rule.scope.tables;
    if (tables.some((table) => adopted[table] === undefined)) continue;
    const outcome = evaluateRule(rule, values, campaign.tables);
    if (outcome.status !== 'broken') continue;
    for (const table of tables) inDoubt.add(table);
    const files = [...new Set(tables.map((table) => adopted[table]!.file))];
    problems.push(
      brokenRuleProblem(rule, outcome, {
        file: files.join('、'),
        cellOf: (table, column) => adopted[table]?.cells[column],
        fallback: tables.map((key) => campaign.tables.find((table) => table.key === key)?.name ?? key).join('、'),
        columnOf: (table, column) => campaign.tables.find((item) => item.key === table)?.columns.find((item) => item.key === column),
      }),
    );
  }
  return { problems, inDoubt };
}
