/**
 * A derived table as campaign.yaml writes it (`tables:` entries: name, attachmentLabel, kind,
 * unitField, dateField, columns with groups), types in the clerk's words (整数, 百分比), and only
 * what differs from the defaults (a 整数's min 0 is not written). The same object is what
 * campaign.yaml's schema reads, so the derivation names columns exactly as the program will.
 */
import { FIELD_TYPE_LABEL, isNumeric, summableByDefault } from '../../intake/kernel/campaign/field-types.js';
import { type TableEntry, tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable, type TableDef } from '../../intake/kernel/campaign/tables.js';
import type { DraftColumn } from './table/column-type.js';
import type { DraftTable } from './table/derive-table.js';

type Plain = Record<string, unknown>;

/** A column's settings, without its label; `inherited`: what its group already says. */
function settings(column: DraftColumn, inherited: Plain = {}): Plain {
  const type = column.type.value;
  const out: Plain = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && JSON.stringify(inherited[key]) !== JSON.stringify(value)) out[key] = value;
  };
  put('type', FIELD_TYPE_LABEL[type]);
  // Places read from the cell's format are written even when they are the default: the clerk sees them.
  if (column.places) put('places', column.places.value);
  if (type === 'amount') put('unit', column.amountUnit?.value ?? '万元');
  if ((type === 'count' || type === 'decimal') && column.unit) put('unit', column.unit.value);
  if (type === 'choice') put('options', column.options?.value ?? ['是', '否']);
  if (column.min && !(isNumeric(type) && column.min.value === 0)) put('min', column.min.value);
  if (column.max) put('max', column.max.value);
  if (column.required?.value) put('required', true);
  // Written although it is the program's default for the name: the clerk sees the column is not summed.
  if (column.sum && summableByDefault(type)) put('sum', column.sum.value);
  return out;
}

/** The settings every sub-column of a group shares: written once on the group. */
function shared(columns: readonly DraftColumn[]): Plain {
  const all = columns.map((column) => settings(column));
  const first = all[0] ?? {};
  return Object.fromEntries(
    Object.entries(first).filter(([key, value]) => all.every((other) => JSON.stringify(other[key]) === JSON.stringify(value))),
  );
}

export function tableObject(table: DraftTable): Plain {
  const columns = table.entries.map((entry) => {
    if (entry.kind === 'column') return { label: entry.column.label, ...settings(entry.column) };
    const common = shared(entry.columns);
    return {
      group: entry.label,
      ...common,
      columns: entry.columns.map((column) => ({ label: column.label, ...settings(column, common) })),
    };
  });
  return {
    name: table.name.value,
    ...(table.attachmentLabel ? { attachmentLabel: table.attachmentLabel.value } : {}),
    kind: table.kind.value === 'list' ? (/(台账|花名册|清单|名册)/u.exec(table.name.value)?.[1] ?? '明细表') : '统计表',
    unitField: table.unitField.value,
    // No 填报日期 line in the template: nothing written (the program's default label stays).
    ...(table.dateField.value !== null ? { dateField: table.dateField.value } : {}),
    columns,
  };
}

/** The table as the program reads it (columns flattened and named): for naming columns in rules. */
export function tableDefOf(table: DraftTable): { entry: TableEntry; def: TableDef } {
  const entry = tableSchema.parse(tableObject(table));
  return { entry, def: buildTable(entry) };
}
