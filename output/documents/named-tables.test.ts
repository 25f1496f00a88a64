import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { unitStatisticsTable } from './named-tables.js';
import { buildTemplateData } from './template-data.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

/** The per-unit table's rows as text, by unit name. */
function rows(sketches: Parameters<typeof mergeResult>[1]): Map<string, string[]> {
  const result = mergeResult(campaign, sketches);
  const data = buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: result.asOf! });
  const table = unitStatisticsTable(campaign, data);
  return new Map(table.body.map((row) => [row[0]!.text === '合计' ? '合计' : row[1]!.text, row.map((cell) => cell.text)]));
}

describe('各单位统计表', () => {
  it('shows a unit with wrong data with the values that could be read, marked as not counted, as the workbook does', () => {
    const table = rows({ 区经济发展局: { status: 'invalid', values: { departments: 7, computersClassified: '' } } });
    const row = table.get('区经济发展局')!;
    const counts = campaign.countColumns.map((column) => column.key);
    expect(row[2 + counts.indexOf('departments')]).toBe('7');
    // The cell that could not be read stays blank, never 0.
    expect(row[2 + counts.indexOf('computersClassified')]).toBe('');
    expect(row[2 + counts.indexOf('networksClassified')]).toBe('1');
    expect(row.at(-1)).toBe('数据有误，未计入合计');
    // The 合计 row counts only the units without errors.
    const total = table.get('合计')!;
    expect(total.at(-1)).toBe(`计入${campaign.roster.length - 1}个单位`);
  });

  it('gives every count column its own column, whether campaign.yaml names its type or leaves the default', () => {
    const result = mergeResult(campaign, {});
    const data = buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: result.asOf! });
    const table = unitStatisticsTable(campaign, data);
    const headers = table.header.flat().map((cell) => cell.text);
    for (const entry of campaign.file.table.columns) if (!('group' in entry)) expect(headers).toContain(entry.label);
    expect(table.columnWeights).toHaveLength(2 + campaign.countColumns.length + 1);
    // 备注 holds remarks, never a count.
    for (const row of table.body.slice(0, -1)) expect(row.at(-1)!.text).not.toMatch(/\d/);
    expect(data.measures.map((measure) => measure.label)).toContain('检查机关、单位内设部门数量(个)');
  });

  it('leaves the cells of a unit without a table blank', () => {
    const row = rows({ 佃庄镇: { status: 'missing' } }).get('佃庄镇')!;
    expect(row.slice(2, -1).every((cell) => cell === '')).toBe(true);
    expect(row.at(-1)).toBe('未报送');
  });
});
