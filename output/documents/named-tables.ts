/**
 * The tables a template inserts by name with 【表格】: they follow the campaign's own columns
 * (two header rows where columns are grouped), so a clerk need not spell them out row by row.
 * Pure: campaign and template data in, table models out.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { leafKey } from '../../intake/kernel/campaign/tables.js';
import type { TableCell, TableModel } from './document-model.js';
import type { TemplateData, UnitData } from './template-data.js';

export const TABLE_NAMES = ['各单位统计表', '合计表'] as const;

/** A note in the remarks column for units whose numbers are not (all) in the table. */
function statusNote(unit: UnitData): string {
  if (unit.counted) return unit.late ? '逾期报送' : '';
  if (unit.status === '数据有误') return '数据有误，未计入合计';
  if (unit.status === '材料不全' && unit.tableFile === '') return '未报送统计表';
  return unit.status;
}

/** Per unit: every column of the statistics table, a 合计 row, notes in 备注. */
export function unitStatisticsTable(campaign: Campaign, data: TemplateData): TableModel {
  const entries = campaign.file.table.columns;
  const grouped = entries.some((entry) => 'group' in entry);
  const span = grouped ? 2 : 1;
  const top: TableCell[] = [
    { text: '序号', rowSpan: span },
    { text: '单位', rowSpan: span },
  ];
  const second: TableCell[] = [];
  const weights = [3, 10];
  const textColumns: { key: string; label: string }[] = [];
  for (const entry of entries) {
    if ('group' in entry) {
      top.push({ text: entry.group, colSpan: entry.columns.length });
      for (const column of entry.columns) {
        second.push({ text: column.label });
        weights.push(5);
      }
    } else if ((entry.type ?? 'count') === 'count') {
      top.push({ text: entry.label, rowSpan: span });
      weights.push(5);
    } else {
      textColumns.push({ key: leafKey(entry), label: entry.label });
    }
  }
  top.push({ text: textColumns.length === 1 ? textColumns[0]!.label : '备注', rowSpan: span });
  weights.push(12);
  const counts = campaign.countColumns;
  const body: TableCell[][] = data.units.map((unit) => {
    const remarks = [statusNote(unit), ...textColumns.map((column) => String(unit.values[column.key] ?? '').trim())]
      .filter((text) => text !== '')
      .join('；');
    return [
      { text: String(unit.index) },
      { text: unit.unit },
      ...counts.map((column) => ({ text: unit.counted ? String(unit.values[column.key] ?? '') : '' })),
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

export function namedTables(campaign: Campaign, data: TemplateData): Record<(typeof TABLE_NAMES)[number], TableModel> {
  return { 各单位统计表: unitStatisticsTable(campaign, data), 合计表: totalsTable(data) };
}
