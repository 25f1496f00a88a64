/**
 * What a receipt says of each table a unit sent (the values of its 统计表 row, each row of its
 * 明细表, printed as a person reads them: 85.7%, 12.50万元, 2026年5月8日, the unit of measure once —
 * 完成率(%)：85.7, not 85.7% again) and what it must still send
 * or correct, for every table and material of the campaign. Pure.
 */
import { type Campaign, primaryTable, type TableDef } from '../../intake/kernel/campaign/campaign.js';
import type { UnitResult, UnitTableResult } from '../../pipeline/merge/merge-result.js';
import type { TableValues } from '../../pipeline/validate/validate-table.js';
import { labelledFieldText } from '../field-text.js';

/** The filled-in values of a row, each with its column's name (a unit the name carries is not repeated). */
export function labelledValues(table: TableDef, values: TableValues | null): { label: string; value: string }[] {
  if (!values) return [];
  return table.columns
    .map((column) => ({ label: column.displayName, value: labelledFieldText(column, values[column.key]) }))
    .filter((item) => item.value !== '');
}

/** One list row on one line: 隐患地点：伊河左岸堤段；发现日期：2026年5月8日. */
const rowText = (table: TableDef, values: TableValues) =>
  labelledValues(table, values)
    .map((item) => `${item.label}：${item.value}`)
    .join('；');

function tableOf(table: TableDef, own: UnitTableResult | undefined) {
  const sent = own !== undefined && own.file !== null;
  return {
    name: table.name,
    isList: table.kind === 'list',
    sent,
    counted: sent && own.counted,
    file: own?.file ?? '',
    values: table.kind === 'row' ? labelledValues(table, own?.values ?? null) : [],
    rows: (own?.rows ?? []).map((row, index) => ({ index: index + 1, location: row.location, text: rowText(table, row.values) })),
    rowCount: own?.rows.length ?? 0,
  };
}

/** Every table of the campaign for this unit, in the order of campaign.yaml. */
export function unitTablesForMail(campaign: Campaign, unit: UnitResult) {
  return campaign.tables.map((table) => tableOf(table, unit.tables[table.key]));
}

/** The names of the materials each unit must send. */
export const materialNames = (campaign: Campaign): string[] => campaign.materials.map((material) => material.name);

/** What the unit must still send: every material when it sent nothing, else those merge found missing. */
export function missingParts(campaign: Campaign, unit: UnitResult): string[] {
  return unit.status === 'missing' ? materialNames(campaign) : [...unit.missing];
}

/** What to send again: each table with errors corrected, then what is missing. */
export function resendParts(campaign: Campaign, unit: UnitResult): string[] {
  const parts = missingParts(campaign, unit);
  if (unit.status !== 'invalid') return parts;
  const wrong = campaign.tables.filter((table) => unit.tables[table.key]?.file != null && !unit.tables[table.key]!.counted);
  // A rule across tables may be broken with each table right on its own: the first table is the one to look at.
  const names = wrong.length > 0 ? wrong.map((table) => table.name) : [primaryTable(campaign.tables).name];
  return [...names.map((name) => `改正后的${name}`), ...parts];
}
