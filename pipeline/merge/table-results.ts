/**
 * The per-table parts of a merge result: a table a unit has not sent, and the district totals of
 * each table over the units whose table counts: the sum of a summed column (a list's over all
 * its rows), a column that is not summed (a percentage) computed by the rule that defines it
 * (整改率 = 已整改 / 合计 × 100) from the totals, else none. Pure.
 */
import type { Campaign, ColumnDef, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { tidy } from '../validate/fields/field-reading.js';
import { evaluateExpression } from '../validate/rules/evaluate-rule.js';
import type { TableValues } from '../validate/validate-table.js';
import type { TableTotals, UnitResult, UnitTableResult } from './merge-result.js';

/** A table the unit has not sent. */
export function unsentTable(table: TableDef): UnitTableResult {
  return {
    table: table.key,
    kind: table.kind,
    file: null,
    messageId: null,
    receivedAt: null,
    values: null,
    cells: {},
    rows: [],
    counted: false,
  };
}

/** The rows a unit's table adds to the totals: a 统计表's one row, a list's every row. */
function rowsOf(table: UnitTableResult): TableValues[] {
  if (table.kind === 'list') return table.rows.map((row) => row.values);
  return table.values ? [table.values] : [];
}

function sumOf(column: ColumnDef, rows: readonly TableValues[]): number {
  return tidy(rows.reduce((total, row) => total + (typeof row[column.key] === 'number' ? (row[column.key] as number) : 0), 0));
}

function tableTotals(table: TableDef, campaign: Pick<Campaign, 'rules' | 'tables'>, units: readonly UnitResult[]): TableTotals {
  const sent = units.filter((unit) => unit.tables[table.key]?.file != null);
  const included = sent.filter((unit) => unit.tables[table.key]!.counted);
  const rows = included.flatMap((unit) => rowsOf(unit.tables[table.key]!));
  const totals: Record<string, number | null> = {};
  for (const column of table.columns) totals[column.key] = column.summable ? sumOf(column, rows) : null;
  for (const rule of campaign.rules) {
    const defines = rule.defines;
    if (!defines || defines.ref.table !== table.key || table.columns.find((column) => column.key === defines.ref.column)?.summable)
      continue;
    const column = table.columns.find((item) => item.key === defines.ref.column)!;
    const values = {
      value: (ref: { table: string; column: string }) => (ref.table === table.key ? (totals[ref.column] ?? null) : null),
      rows: () => null,
      sum: () => null,
    };
    totals[column.key] = evaluateExpression(defines.expr, values, campaign.tables, column.places ?? 0);
  }
  return {
    table: table.key,
    totals,
    included: included.map((unit) => unit.unit),
    excluded: sent.filter((unit) => !unit.tables[table.key]!.counted).map((unit) => unit.unit),
    rows: table.kind === 'list' ? rows.length : 0,
  };
}

/** Every table's district totals, by table key. */
export function districtTotals(campaign: Pick<Campaign, 'rules' | 'tables'>, units: readonly UnitResult[]): Record<string, TableTotals> {
  return Object.fromEntries(campaign.tables.map((table) => [table.key, tableTotals(table, campaign, units)]));
}

/** The first 统计表's summed columns, as the first campaign's `totals` had them. */
export function primaryTotals(table: TableDef, totals: TableTotals): Record<string, number> {
  return Object.fromEntries(
    table.columns.filter((column) => column.summable).map((column) => [column.key, totals.totals[column.key] ?? 0]),
  );
}
