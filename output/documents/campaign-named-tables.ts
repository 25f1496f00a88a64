/**
 * The tables of any campaign that a template inserts with 【表格】 by the names a clerk reads:
 * `<表格名称>` (a 统计表: one row per roster unit, every column as printed, the 合计 row; a 明细表:
 * every unit's rows, the unit first, in roster order), `<表格名称>合计` (each column that has a
 * total, and the rows of a list) and 报送情况表 (who sent which material). Pure: the campaign
 * and the template data in, table models out.
 */
import type { Campaign, ColumnDef, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { isSerialName } from '../../intake/kernel/campaign/tables.js';
import { UNIT_STATUS_LABEL } from '../../pipeline/merge/merge-result.js';
import { fieldText } from '../field-text.js';
import { headerRows } from './campaign-table-header.js';
import type { TableCell, TableModel } from './document-model.js';
import type { TemplateData, UnitData } from './template-data.js';

export const SUBMISSIONS_TABLE = '报送情况表';
export const TOTALS_SUFFIX = '合计';

/** A choice's column holds its longest option on one line (整改中, not 整改 / 中). */
const choiceWeight = (column: ColumnDef) =>
  Math.max(5, Math.ceil(Math.max(0, ...(column.options ?? []).map((option) => option.length)) * 1.5 + 1));
const weightOf = (column: ColumnDef) =>
  column.type === 'text' ? 10 : column.type === 'date' ? 9 : column.type === 'choice' ? choiceWeight(column) : 5;
const alignOf = (column: ColumnDef) => (column.type === 'text' ? ('left' as const) : ('center' as const));

/**
 * What a unit whose mail awaits the clerk's confirmation is noted: it may have sent, so it is
 * never called 未报送; its material is simply not counted yet.
 */
const PENDING_NOTE = '有来信待核实，尚未计入';
const awaitsConfirmation = (unit: UnitData) => unit.status === UNIT_STATUS_LABEL.pending;

/** A unit's note in the last column: why its values are not (all) in the totals. */
function noteOf(table: TableDef, unit: UnitData): string {
  const own = unit.tables[table.key];
  if (!own?.sent && awaitsConfirmation(unit)) return PENDING_NOTE;
  if (!own?.sent) return unit.status === UNIT_STATUS_LABEL.missing ? '未报送' : '未报送本表';
  if (!own.counted) return '数据有误，未计入合计';
  return unit.late ? '逾期报送' : '';
}

function rowTable(table: TableDef, data: TemplateData): TableModel {
  const header = headerRows(table.columns, ['序号', '单位'], '说明');
  const body: TableCell[][] = data.units.map((unit) => [
    { text: String(unit.index) },
    { text: unit.unit },
    ...table.columns.map((column) => ({ text: String(unit.tables[table.key]?.text[column.key] ?? ''), align: alignOf(column) })),
    { text: noteOf(table, unit) },
  ]);
  const totals = data.tables[table.key];
  body.push([
    { text: '合计', colSpan: 2 },
    ...table.columns.map((column) => ({ text: String(totals?.totalsText[column.key] ?? '') })),
    { text: `计入${totals?.counted ?? 0}个单位` },
  ]);
  return { header, body, columnWeights: [3, 9, ...table.columns.map(weightOf), 7] };
}

/** A row of a list left out of the totals, in the 说明 column (as a 统计表's unit is noted). */
const EXCLUDED_NOTE = '数据有误，未计入合计';

/**
 * Under a list, the units its rows do not show or its 合计 leaves out: a list with errors, an
 * empty list, no list, mail awaiting confirmation (the workbook's sheet says the same under it);
 * none when there are none.
 */
function listNote(table: TableDef, data: TemplateData): string | undefined {
  const totals = data.tables[table.key];
  const empty = data.units
    .filter((unit) => unit.tables[table.key]?.sent && unit.tables[table.key]!.rowCount === 0)
    .map((unit) => unit.unit);
  const parts = [
    (totals?.excluded.length ?? 0) > 0 ? `${totals!.excluded.join('、')}报送的本表数据有误，所列各行未计入合计` : '',
    empty.length > 0 ? `${empty.join('、')}报送的本表没有填写任何一行` : '',
    (totals?.unsent.length ?? 0) > 0 ? `${totals!.unsent.join('、')}未报送本表` : '',
    (totals?.pending.length ?? 0) > 0 ? `${totals!.pending.join('、')}${PENDING_NOTE}` : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? `注：${parts.join('；')}。` : undefined;
}

/**
 * Every unit's rows, the unit first; each value as printed, or as the unit wrote it when it could
 * not be read (table-data.ts); 说明 marks the rows of a list with errors, which the 合计 leaves out.
 */
function listTable(table: TableDef, data: TemplateData): TableModel {
  const columns = table.columns.filter((column) => !isSerialName(column.name));
  const header = headerRows(columns, ['序号', '单位'], '说明');
  const body: TableCell[][] = [];
  for (const unit of data.units) {
    const own = unit.tables[table.key];
    const note = own?.sent && !own.counted ? EXCLUDED_NOTE : '';
    for (const row of own?.rows ?? []) {
      // A column keyed `text` hides the row's printed text (template-fields.ts rowShape): print its values then.
      const printed = typeof row.text === 'object' ? (row.text as Record<string, string>) : null;
      body.push([
        { text: String(body.length + 1) },
        { text: unit.unit },
        ...columns.map((column) => ({
          text: printed ? (printed[column.key] ?? '') : fieldText(column, row[column.key]),
          align: alignOf(column),
        })),
        { text: note },
      ]);
    }
  }
  const totals = data.tables[table.key];
  const listed = body.length;
  const counted = totals?.rows ?? 0;
  body.push([
    { text: '合计', colSpan: 2 },
    ...columns.map((column) => ({ text: String(totals?.totalsText[column.key] ?? '') })),
    // The rows printed and those summed differ when a list is left out: say both.
    { text: listed === counted ? `共${listed}行` : `共${listed}行，计入合计${counted}行` },
  ]);
  const note = listNote(table, data);
  return { header, body, columnWeights: [3, 9, ...columns.map(weightOf), 9], ...(note ? { note } : {}) };
}

function totalsTable(table: TableDef, data: TemplateData): TableModel {
  const totals = data.tables[table.key];
  const body: TableCell[][] = [];
  if (table.kind === 'list') body.push([{ text: '行数', align: 'left' }, { text: String(totals?.rows ?? 0) }]);
  for (const column of totals?.columns ?? []) {
    if (!column.hasTotal) continue;
    // 培训学时 counts in 学时 already: no 培训学时（学时）.
    const unit = column.unit && !column.name.endsWith(column.unit) ? `（${column.unit}）` : '';
    body.push([{ text: `${column.name}${unit}`, align: 'left' }, { text: column.totalText }]);
  }
  return { header: [[{ text: '项目' }, { text: '合计' }]], body, columnWeights: [16, 8] };
}

function submissionsTable(campaign: Campaign, data: TemplateData): TableModel {
  const names = campaign.materials.map((material) => material.name);
  const header: TableCell[][] = [[{ text: '序号' }, { text: '单位' }, { text: '报送情况' }, ...names.map((name) => ({ text: name }))]];
  const body = data.units.map((unit) => [
    { text: String(unit.index) },
    { text: unit.unit },
    { text: unit.status },
    // A material that may be in the mail awaiting confirmation is not 缺 (missing) yet.
    ...names.map((name) => ({
      text: unit.sentMaterials.includes(name) ? '已报送' : awaitsConfirmation(unit) ? UNIT_STATUS_LABEL.pending : '缺',
    })),
  ]);
  return { header, body, columnWeights: [3, 9, 6, ...names.map(() => 6)] };
}

/** The names 【表格】 accepts for the campaign's own tables (the first campaign's two come from named-tables.ts). */
export function campaignTableNames(campaign: Campaign | null): string[] {
  return [SUBMISSIONS_TABLE, ...(campaign?.tables ?? []).flatMap((table) => [table.name, `${table.name}${TOTALS_SUFFIX}`])];
}

/** How to build each named table; a document builds only those its template inserts (a list table can be long). */
export function campaignNamedTables(campaign: Campaign, data: TemplateData): Record<string, () => TableModel> {
  const tables: Record<string, () => TableModel> = { [SUBMISSIONS_TABLE]: () => submissionsTable(campaign, data) };
  for (const table of campaign.tables) {
    tables[table.name] = () => (table.kind === 'list' ? listTable(table, data) : rowTable(table, data));
    tables[`${table.name}${TOTALS_SUFFIX}`] = () => totalsTable(table, data);
  }
  return tables;
}
