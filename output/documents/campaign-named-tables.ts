/**
 * The tables of any campaign that a template inserts with 【表格】 by the names a clerk reads:
 * `<表格名称>` (a 统计表: one row per roster unit, every column as printed, the 合计 row; a 明细表:
 * every unit's rows, the unit first, in roster order), `<表格名称>合计` (each column that has a
 * total, and the rows of a list) and 报送情况表 (who sent which material). Pure: the campaign
 * and the template data in, table models out.
 */
import type { Campaign, ColumnDef, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { isSerialName } from '../../intake/kernel/campaign/tables.js';
import { fieldText } from '../field-text.js';
import { headerRows } from './campaign-table-header.js';
import type { TableCell, TableModel } from './document-model.js';
import type { TemplateData, UnitData } from './template-data.js';

export const SUBMISSIONS_TABLE = '报送情况表';
export const TOTALS_SUFFIX = '合计';

const weightOf = (column: ColumnDef) => (column.type === 'text' ? 10 : column.type === 'date' ? 9 : 5);
const alignOf = (column: ColumnDef) => (column.type === 'text' ? ('left' as const) : ('center' as const));

/** A unit's note in the last column: why its values are not (all) in the totals. */
function noteOf(table: TableDef, unit: UnitData): string {
  const own = unit.tables[table.key];
  if (!own?.sent) return unit.status === '未报送' ? '未报送' : '未报送本表';
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

function listTable(table: TableDef, data: TemplateData): TableModel {
  const columns = table.columns.filter((column) => !isSerialName(column.name));
  const header = headerRows(columns, ['序号', '单位'], null);
  const body: TableCell[][] = [];
  for (const unit of data.units) {
    const own = unit.tables[table.key];
    for (const row of own?.rows ?? []) {
      body.push([
        { text: String(body.length + 1) },
        { text: unit.unit },
        ...columns.map((column) => ({ text: fieldText(column, row[column.key]), align: alignOf(column) })),
      ]);
    }
  }
  const totals = data.tables[table.key];
  body.push([{ text: '合计', colSpan: 2 }, ...columns.map((column) => ({ text: String(totals?.totalsText[column.key] ?? '') }))]);
  return { header, body, columnWeights: [3, 9, ...columns.map(weightOf)] };
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
    ...names.map((name) => ({ text: unit.sentMaterials.includes(name) ? '已报送' : '缺' })),
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
