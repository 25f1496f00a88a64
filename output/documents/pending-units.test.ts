/**
 * A unit whose mail awaits the clerk's confirmation (待核实: a letter may be its, not yet
 * attributed) has not failed to send: every document, table and note says its mail awaits
 * confirmation and is not yet counted, never that it has not sent (未报送、尚未报送、未报送本表).
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { campaignNamedTables, SUBMISSIONS_TABLE } from './campaign-named-tables.js';
import { genericTemplatePath, SUMMARY } from './documents.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData, type TemplateData } from './template-data.js';

const STATS = '汛期安全隐患排查整治情况统计表';
const LIST = '重大隐患整改台账';
let campaign: Campaign;
let result: MergeResult;
let data: TemplateData;
let pending: string;
let missing: string;

beforeAll(async () => {
  campaign = await fixtureCampaign('yinhuan-2026');
  [pending, missing] = campaign.roster.map((entry) => entry.name) as [string, string];
  result = mergeResult(campaign, { [pending]: { status: 'pending' }, [missing]: { status: 'missing' } });
  data = buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: result.asOf! });
});

const texts = (cells: readonly { text: string }[]) => cells.map((cell) => cell.text);

describe('a unit whose mail awaits confirmation (待核实)', () => {
  it('is listed apart from the units that have not sent, in the materials and the tables of the template data', () => {
    for (const material of data.materials) {
      expect(material.missing).toContain(missing);
      expect(material.missing).not.toContain(pending);
      expect(material.pending).toEqual([pending]);
    }
    for (const table of data.tableList) {
      expect(table.unsent).toContain(missing);
      expect(table.unsent).not.toContain(pending);
      expect(table.pending).toEqual([pending]);
    }
  });

  it('is noted 有来信待核实 in a 统计表 annex, not 未报送本表', () => {
    const table = campaignNamedTables(campaign, data)[STATS]!();
    const note = (unit: string) => table.body.find((cells) => cells[1]!.text === unit)!.at(-1)!.text;
    expect(note(pending)).toBe('有来信待核实，尚未计入');
    expect(note(missing)).toBe('未报送');
  });

  it('is named apart in the note under a list annex', () => {
    const table = campaignNamedTables(campaign, data)[LIST]!();
    const unsent = result.units.map((unit) => unit.unit).filter((unit) => unit !== pending);
    expect(table.note).toBe(`注：${unsent.join('、')}未报送本表；${pending}有来信待核实，尚未计入。`);
  });

  it('shows 待核实 for each material in the 报送情况表, not 缺', () => {
    const table = campaignNamedTables(campaign, data)[SUBMISSIONS_TABLE]!();
    const row = (unit: string) => texts(table.body.find((cells) => cells[1]!.text === unit)!);
    expect(row(pending).slice(2)).toEqual(['待核实', ...campaign.materials.map(() => '待核实')]);
    expect(row(missing).slice(2)).toEqual(['未报送', ...campaign.materials.map(() => '缺')]);
  });

  it('is never said in the generic summary to have not sent a material', async () => {
    const source = await readFile(genericTemplatePath(SUMMARY), 'utf8');
    const rendered = await renderOfficialDocument({ campaign, source, data, title: 't', draft: false });
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
    const text = rendered.model.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : [])).join('\n');
    expect(text).toContain(`来信待核实1个（${pending}）`);
    expect(text).toContain(`${missing}尚未报送`);
    const notSent = text.split(/[。；\n]/u).filter((sentence) => /尚未报送|仍未报送|未报送本表/u.test(sentence));
    expect(notSent.length).toBeGreaterThan(0);
    expect(notSent.filter((sentence) => sentence.includes(pending))).toEqual([]);
  });
});
