/**
 * The per-table parts of a merge result: a unit's adopted table (统计表 row or list rows) and the
 * district totals of each table. Pure.
 */
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import type { TableTotals, UnitTableResult } from './merge-result.js';

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

/** Totals of a table nobody's values count in yet. */
export function emptyTotals(table: TableDef): TableTotals {
  return {
    table: table.key,
    totals: Object.fromEntries(table.columns.filter((column) => column.summable).map((column) => [column.key, 0])),
    included: [],
    excluded: [],
    rows: 0,
  };
}

/** Every table of the campaign for one unit: those given, the rest unsent. */
export function unitTables(campaign: Pick<Campaign, 'tables'>, given: readonly UnitTableResult[]): Record<string, UnitTableResult> {
  return Object.fromEntries(
    campaign.tables.map((table) => [table.key, given.find((item) => item.table === table.key) ?? unsentTable(table)]),
  );
}
