/**
 * The tables as templates see them: each table of the campaign with its district totals (as
 * numbers, as printed, and as one sentence), each unit's table (its values, or its rows), and the
 * materials with who sent each. Named by the names a clerk reads in the header (the table's and
 * each column's key). Pure.
 */
import type { Campaign, ColumnDef, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { FIELD_TYPE_LABEL } from '../../intake/kernel/campaign/field-types.js';
import type { Problem } from '../../intake/kernel/problems.js';
import type { MergeResult, UnitResult, UnitTableResult } from '../../pipeline/merge/merge-result.js';
import type { TableValues } from '../../pipeline/validate/validate-table.js';
import { fieldText, unitText } from '../field-text.js';
import { unreadableCell } from '../workbook/problem-cells.js';
import { tableSheetNames } from '../workbook/sheet-names.js';
import { lazyField } from './lazy-field.js';
import type { FieldValue, templateFields } from './template-fields.js';

// The template data's types, from the one declaration of its fields (template-data.ts builds the rest).
type TemplateData = FieldValue<ReturnType<typeof templateFields>>;
type UnitData = TemplateData['units'][number];
type TableData = TemplateData['tables'][string];
type UnitTableData = UnitData['tables'][string];

const valuesOf = (table: TableDef, values: TableValues | null): Record<string, number | string> =>
  Object.fromEntries(table.columns.map((column) => [column.key, values?.[column.key] ?? '']));

const printedOf = (table: TableDef, values: TableValues | null): Record<string, string> =>
  Object.fromEntries(table.columns.map((column) => [column.key, fieldText(column, values?.[column.key])]));

/**
 * A row's columns as printed (a list's row, or a 统计表's one row of the unit); in a row with
 * errors, a value that could not be read as the unit wrote it (its error's `found`: 基本整改 in a
 * column of 已整改、整改中; 若干 in a column of numbers), as the workbook's sheet shows it, so a
 * printed table never shows a blank where the unit wrote something wrong.
 */
function rowText(
  table: TableDef,
  values: TableValues | null,
  cells: Record<string, string>,
  hasErrors: boolean,
  file: string | null,
  problems: readonly Problem[],
): Record<string, string> {
  if (!hasErrors || file === null) return printedOf(table, values);
  return Object.fromEntries(
    table.columns.map((column) => {
      const value = values?.[column.key];
      const address = cells[column.key];
      const wrong =
        (value === null || value === undefined) && address ? unreadableCell(problems, file, address, column.displayName) : undefined;
      return [column.key, wrong ? (wrong.found ?? '') : fieldText(column, value)];
    }),
  );
}

function unitTable(table: TableDef, sent: UnitTableResult | undefined, problems: readonly Problem[]): UnitTableData {
  const file = sent?.file ?? null;
  const rows = sent?.rows ?? [];
  const data: UnitTableData = {
    name: table.name,
    sent: file !== null,
    counted: sent?.counted ?? false,
    file: file ?? '',
    values: valuesOf(table, sent?.values ?? null),
    // A 统计表 left out of the totals prints what the unit wrote where it could not be read, as a list's rows do.
    text: rowText(table, sent?.values ?? null, sent?.cells ?? {}, sent !== undefined && !sent.counted, file, problems),
    rows: [],
    rowCount: rows.length,
  };
  // Built when first read: most documents never print a list's rows one by one. Each value
  // keeps its column's type (numbers, dates), as a 统计表's values do, and `text` has them as
  // printed; a column keyed `index` or `text` wins (template-fields.ts rowShape).
  lazyField(data as unknown as Record<string, unknown>, 'rows', () =>
    rows.map(
      (row, index) =>
        ({
          index: index + 1,
          text: rowText(table, row.values, row.cells, row.hasErrors, file, problems),
          ...valuesOf(table, row.values),
        }) as unknown as UnitTableData['rows'][number],
    ),
  );
  return data;
}

/** Every table of one unit, by table key. */
export function unitTables(campaign: Campaign, unit: UnitResult): Record<string, UnitTableData> {
  return Object.fromEntries(campaign.tables.map((table) => [table.key, unitTable(table, unit.tables[table.key], unit.problems)]));
}

/** The materials a unit sent and those it has not, by their names. */
export function unitMaterials(campaign: Campaign, unit: UnitResult): { sentMaterials: string[]; missingMaterials: string[] } {
  const names = campaign.materials.map((material) => material.name);
  const missing = unit.messageIds.length === 0 ? names : unit.missing;
  return { sentMaterials: names.filter((name) => !missing.includes(name)), missingMaterials: [...missing] };
}

/**
 * A unit whose mail awaits the clerk's confirmation (待核实) has not failed to send: the tables and
 * materials list it apart from the units that have not sent, so no sentence calls it 未报送.
 */
const awaitsConfirmation = (unit: UnitResult) => unit.status === 'pending';

/** How a sentence names a column: its name, a grouped one as 组（列）. */
const sentenceName = (column: ColumnDef) => column.name.replace(/^(.+)·(.+)$/u, '$1（$2）');

function tableData(table: TableDef, result: MergeResult, sheet: string): TableData {
  const totals = result.tables[table.key];
  const sums = totals?.totals ?? {};
  const sentUnits = result.units.filter((unit) => unit.tables[table.key]?.file != null);
  const totalOf = (column: ColumnDef) => sums[column.key] ?? null;
  const columns = table.columns.map((column) => {
    const total = totalOf(column);
    return {
      key: column.key,
      name: column.name,
      label: column.displayName,
      type: FIELD_TYPE_LABEL[column.type],
      unit: unitText(column),
      summed: column.summable,
      total: total ?? 0,
      hasTotal: total !== null,
      totalText: total === null ? '' : fieldText(column, total),
    };
  });
  const sentence = table.columns
    .filter((column) => totalOf(column) !== null)
    .map((column) => `${sentenceName(column)}${fieldText(column, totalOf(column))}${unitText(column)}`);
  return {
    key: table.key,
    name: table.name,
    label: table.attachmentLabel,
    sheet,
    kind: table.kind === 'list' ? '明细表' : '统计表',
    isList: table.kind === 'list',
    sent: sentUnits.length,
    counted: totals?.included.length ?? 0,
    rows: totals?.rows ?? 0,
    listed: sentUnits.reduce((sum, unit) => sum + (unit.tables[table.key]?.rows.length ?? 0), 0),
    excluded: totals?.excluded ?? [],
    unsent: result.units.filter((unit) => !sentUnits.includes(unit) && !awaitsConfirmation(unit)).map((unit) => unit.unit),
    pending: result.units.filter((unit) => !sentUnits.includes(unit) && awaitsConfirmation(unit)).map((unit) => unit.unit),
    totals: Object.fromEntries(table.columns.map((column) => [column.key, totalOf(column) ?? ''])),
    totalsText: Object.fromEntries(table.columns.map((column) => [column.key, fieldText(column, totalOf(column))])),
    totalsSentence: sentence.join('，'),
    columns,
  };
}

export function tablesData(campaign: Campaign, result: MergeResult): Pick<TemplateData, 'tables' | 'tableList' | 'materials'> {
  const sheets = tableSheetNames(campaign.tables);
  const list = campaign.tables.map((table) => tableData(table, result, sheets[table.key]!));
  const kindLabel = { table: '表格', report: '书面报告', file: '其他材料' } as const;
  return {
    tables: Object.fromEntries(list.map((table) => [table.key, table])),
    tableList: list,
    materials: campaign.materials.map((material) => {
      const lacking = result.units.filter((unit) => unitMaterials(campaign, unit).missingMaterials.includes(material.name));
      return {
        name: material.name,
        kind: kindLabel[material.kind],
        sent: result.units.length - lacking.length,
        missing: lacking.filter((unit) => !awaitsConfirmation(unit)).map((unit) => unit.unit),
        pending: lacking.filter(awaitsConfirmation).map((unit) => unit.unit),
      };
    }),
  };
}
