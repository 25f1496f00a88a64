/** The note under a list table's sheet: who sent an empty list, whose list was left out, who sent none — and whose mail awaits confirmation. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { MergeResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { districtTotals } from '../../pipeline/merge/table-results.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { buildWorkbook } from './build-workbook.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await fixtureCampaign('huamingce-2026');
});

/** The first unit sent its list with no row; the second's mail awaits confirmation; the third sent nothing. */
function result(): MergeResult {
  const [empty, pending, missing] = campaign.roster.map((entry) => entry.name);
  const base = mergeResult(campaign, { [pending!]: { status: 'pending' }, [missing!]: { status: 'missing' } });
  const key = campaign.tables[0]!.key;
  const units: UnitResult[] = base.units.map((unit) => ({
    ...unit,
    tables: {
      [key]: {
        ...unit.tables[key]!,
        file: unit.unit === empty ? `${empty}.xlsx` : null,
        values: null,
        rows: [],
        counted: unit.unit === empty,
      },
    },
  }));
  return { ...base, units, tables: districtTotals(campaign, units) };
}

describe('the note under a list sheet', () => {
  it('says a unit whose mail awaits confirmation is pending, not that it sent no list', () => {
    const merged = result();
    const [, pending, missing] = campaign.roster.map((entry) => entry.name);
    const sheet = buildWorkbook(ExcelJS, campaign, merged).worksheets[0]!;
    let note = '';
    sheet.eachRow((row) => {
      const text = row.getCell(1).value;
      if (typeof text === 'string' && text.startsWith('注：')) note = text;
    });
    expect(note).toContain(`有来信待核实、尚未计入的单位：${pending}`);
    expect(note).toMatch(new RegExp(`未报送本表的单位：[^；。]*${missing}`));
    expect(note.match(/未报送本表的单位：([^；。]*)/)![1]).not.toContain(pending!);
  });
});
