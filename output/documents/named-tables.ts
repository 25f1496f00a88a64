/**
 * The tables a template inserts by name with 【表格】: they follow the campaign's own columns
 * (two header rows where columns are grouped), so a clerk need not spell them out row by row.
 * Pure: campaign and template data in, table models out.
 */
import { type Campaign, type ColumnDef, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import { campaignNamedTables, campaignTableNames } from './campaign-named-tables.js';
import type { TableCell, TableModel } from './document-model.js';
import { lazyRecord } from './lazy-field.js';
import type { TemplateData, UnitData } from './template-data.js';

/** The first campaign's two tables over the first 统计表's whole numbers (its text columns go to 备注). */
export const TABLE_NAMES = ['各单位统计表', '合计表'] as const;

/** Every name 【表格】 accepts for this campaign (without one: the first campaign's two and 报送情况表). */
export function tableNames(campaign: Campaign | null): string[] {
  return [...TABLE_NAMES, ...campaignTableNames(campaign)];
}

/** A unit with a table whose numbers are left out of the totals (数据有误). */
const notCounted = (unit: UnitData) => unit.tableFile !== '' && !unit.counted;

/** A note in the remarks column for units whose numbers are not (all) in the totals. */
function statusNote(unit: UnitData): string {
  if (unit.counted) return unit.late ? '逾期报送' : '';
  if (notCounted(unit)) return `${unit.status}，未计入合计`;
  if (unit.status === '材料不全' && unit.tableFile === '') return '未报送统计表';
  return unit.status;
}

/**
 * Per unit: every column of the statistics table, a 合计 row, notes in 备注. A unit whose table
 * has errors shows the values that could be read, noted 未计入合计; a cell that could not be
 * read stays blank.
 */
export function unitStatisticsTable(campaign: Campaign, data: TemplateData): TableModel {
  const columns = primaryTable(campaign.tables).columns;
  const grouped = columns.some((column) => column.subHeaderTexts);
  const span = grouped ? 2 : 1;
  const top: TableCell[] = [
    { text: '序号', rowSpan: span },
    { text: '单位', rowSpan: span },
  ];
  const second: TableCell[] = [];
  const weights = [3, 10];
  const textColumns: ColumnDef[] = [];
  const counts: ColumnDef[] = [];
  columns.forEach((column, index) => {
    if (column.subHeaderTexts) {
      const group = column.headerTexts[0];
      const previous = columns[index - 1];
      const last = top.at(-1)!;
      // A group's cell spans its sub-columns.
      if (previous?.subHeaderTexts && previous.headerTexts[0] === group) last.colSpan = (last.colSpan ?? 1) + 1;
      else top.push({ text: group ?? column.displayName, colSpan: 1 });
      second.push({ text: column.subHeaderTexts[0] ?? '' });
      weights.push(5);
      if (column.type === 'count') counts.push(column);
    } else if (column.type === 'count') {
      top.push({ text: column.headerTexts[0] ?? column.displayName, rowSpan: span });
      weights.push(5);
      counts.push(column);
    } else {
      textColumns.push(column);
    }
  });
  top.push({ text: textColumns.length === 1 ? textColumns[0]!.headerTexts[0]! : '备注', rowSpan: span });
  weights.push(12);
  const body: TableCell[][] = data.units.map((unit) => {
    const remarks = [statusNote(unit), ...textColumns.map((column) => String(unit.values[column.key] ?? '').trim())]
      .filter((text) => text !== '')
      .join('；');
    return [
      { text: String(unit.index) },
      { text: unit.unit },
      // A table with errors still shows what could be read, as the workbook does; the note says it is not counted.
      ...counts.map((column) => ({ text: unit.counted || notCounted(unit) ? String(unit.values[column.key] ?? '') : '' })),
      { text: remarks, align: remarks.length > 8 ? ('left' as const) : ('center' as const) },
    ];
  });
  body.push([
    { text: '合计', colSpan: 2 },
    ...counts.map((column) => ({ text: String(data.totals[column.key] ?? 0) })),
    { text: `计入${data.counts.counted}个单位` },
  ]);
  return { header: grouped ? [top, second] : [top], body, columnWeights: weights };
}

/** The totals turned on their side: one row per item, its parts (涉密 / 非涉密) and the sum. */
export function totalsTable(data: TemplateData): TableModel {
  const partLabels: string[] = [];
  for (const measure of data.measures) for (const part of measure.parts) if (!partLabels.includes(part.label)) partLabels.push(part.label);
  const header: TableCell[][] = [[{ text: '项目' }, ...partLabels.map((label) => ({ text: label })), { text: '合计' }]];
  const body = data.measures.map((measure) => [
    { text: measure.unit ? `${measure.name}（${measure.unit}）` : measure.name, align: 'left' as const },
    ...partLabels.map((label) => {
      const part = measure.parts.find((item) => item.label === label);
      return { text: part ? String(part.value) : '—' };
    }),
    { text: String(measure.total) },
  ]);
  return { header, body, columnWeights: [16, ...partLabels.map(() => 6), 6] };
}

/** Every named table, each built when a template first inserts it (lazy-field.ts). */
export function namedTables(campaign: Campaign, data: TemplateData): Record<string, TableModel> {
  return lazyRecord({
    ...campaignNamedTables(campaign, data),
    各单位统计表: () => unitStatisticsTable(campaign, data),
    合计表: () => totalsTable(data),
  });
}
