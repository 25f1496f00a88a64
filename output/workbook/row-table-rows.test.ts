import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Campaign, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import { error } from '../../intake/kernel/problems.js';
import type { MergeResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { readBackSheets } from '../../test/support/workbook.js';
import { buildWorkbook } from './build-workbook.js';
import { deferredRowsOf, type SharedRows } from './deferred-rows.js';
import { xlsxBuffer } from './xlsx-buffer.js';

/**
 * Every unit status, a late one, a table with errors whose wrong cell shows what was written,
 * a text that looks like a formula: each row kind the 统计表 sheet draws.
 */
function unitsOfEveryKind(campaign: Campaign): MergeResult {
  const names = campaign.roster.map((unit) => unit.name);
  const statuses = ['onTime', 'late', 'invalid', 'incomplete', 'missing', 'pending'] as const;
  const base = mergeResult(
    campaign,
    Object.fromEntries(names.map((name, index) => [name, { status: statuses[index % statuses.length]!, late: index % 4 === 3 }])),
  );
  const table = primaryTable(campaign.tables);
  const text = table.columns.find((column) => column.type === 'text');
  const wrongColumn = table.columns.find((column) => column.type !== 'text')!;
  const units: UnitResult[] = base.units.map((unit, index) => {
    const sent = unit.tables[table.key]!;
    if (!sent.values) return unit;
    const values = { ...sent.values };
    if (text && index === 0) values[text.key] = '=HYPERLINK("x")';
    if (unit.status !== 'invalid') return { ...unit, tables: { ...unit.tables, [table.key]: { ...sent, values } } };
    values[wrongColumn.key] = null;
    const problem = error('value.invalid', '填写为「若干」，不是数字', {
      unit: unit.unit,
      file: sent.file!,
      location: 'D7',
      field: wrongColumn.displayName,
      found: '若干',
    });
    return { ...unit, problems: [problem], tables: { ...unit.tables, [table.key]: { ...sent, values } } };
  });
  return { ...base, units, problems: units.flatMap((unit) => unit.problems) };
}

describe('a 统计表 sheet’s unit rows, and the list sheets’ rows, written as XML', () => {
  const campaigns: [string, () => Promise<Campaign>][] = [
    ['the 2013 campaign', demoCampaign],
    ['a campaign with decimals and percentages', () => fixtureCampaign('gongkai-2026')],
    ['a campaign with a 统计表 and a list', () => fixtureCampaign('yinhuan-2026')],
  ];
  for (const [name, load] of campaigns) {
    it(`gives the cells, styles and heights exceljs cells give: ${name}`, async () => {
      const campaign = await load();
      const result = unitsOfEveryKind(campaign);
      const stamp = new Date('2026-06-21T02:00:00Z');
      const shared: SharedRows = new Map();
      for (const sendUp of [false, true]) {
        const cells = await readBackSheets(await xlsxBuffer(buildWorkbook(ExcelJS, campaign, result, { sendUp }), stamp));
        const workbook = buildWorkbook(ExcelJS, campaign, result, { sendUp, deferRows: shared });
        // Each table's rows, and in the working workbook those of its four list sheets (报送情况 …).
        expect(deferredRowsOf(workbook).length).toBe(campaign.tables.length + (sendUp ? 0 : 4));
        const back = await readBackSheets(await xlsxBuffer(workbook, stamp));
        expect(back).toEqual(cells);
        const values = JSON.stringify(back[0]);
        expect(values).toContain('若干');
        expect(values).toContain('未计入合计');
      }
    });
  }
});
