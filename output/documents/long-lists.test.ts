/**
 * A list table of many rows in the documents: its rows, their protection and its named table
 * are computed only when a template reads them, and the generic summary points to the
 * workbook's sheet instead of printing a list longer than the limit its template writes.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { districtTotals } from '../../pipeline/merge/table-results.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import type { Block } from './document-model.js';
import { genericTemplatePath, SUMMARY } from './documents.js';
import { namedTables } from './named-tables.js';
import { protect } from './protected-text.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData, protectData, type TemplateData } from './template-data.js';
import { templateFields } from './template-fields.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await fixtureCampaign('huamingce-2026');
});

/** The first unit sends `count` rows; the others send an empty list. */
function resultWith(count: number): MergeResult {
  const base = mergeResult(campaign, {});
  const table = campaign.tables[0]!;
  const rows = Array.from({ length: count }, (_, n) => ({
    location: `第${n + 3}行`,
    values: Object.fromEntries(table.columns.map((column) => [column.key, column.type === 'text' ? `人员${n + 1}` : null])),
    cells: {},
    hasErrors: false,
  }));
  const units = base.units.map((unit, index) => ({
    ...unit,
    tables: { [table.key]: { ...unit.tables[table.key]!, file: `${unit.unit}.xlsx`, rows: index === 0 ? rows : [], counted: true } },
  }));
  return { ...base, units, tables: districtTotals(campaign, units) };
}

const dataWith = (count: number): TemplateData => {
  const result = resultWith(count);
  return buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: result.asOf! });
};

const isPending = (target: object, key: string) => Object.getOwnPropertyDescriptor(target, key)?.get !== undefined;

describe('long lists in documents', () => {
  it('computes the rows, their protection and the named tables when first read', () => {
    const data = dataWith(3);
    const key = campaign.tables[0]!.key;
    expect(data.tables[key]).toMatchObject({ listed: 3, sheet: campaign.tables[0]!.name });
    const name = campaign.tables[0]!.columns.find((column) => column.type === 'text')!.key;
    expect(data.units[0]!.tables[key]!.rows.map((row) => row[name])).toEqual(['人员1', '人员2', '人员3']);

    const safe = protectData(data, templateFields(campaign)) as { units: { tables: Record<string, { rows: Record<string, string>[] }> }[] };
    expect(isPending(safe, 'units')).toBe(true);
    const own = safe.units[0]!.tables[key]!;
    expect(isPending(own, 'rows')).toBe(true);
    expect(own.rows[1]![name]).toBe(protect('人员2'));
    // Read once, kept.
    expect(isPending(own, 'rows')).toBe(false);
    expect(own.rows).toBe(own.rows);
    expect(JSON.parse(JSON.stringify(safe.units[0]!.tables[key]!.rows))[0][name]).toBe(protect('人员1'));

    const tables = namedTables(campaign, data);
    expect(Object.keys(tables)).toContain(campaign.tables[0]!.name);
    expect(Object.keys(tables).every((table) => isPending(tables, table))).toBe(true);
    expect(tables[campaign.tables[0]!.name]!.body).toHaveLength(4);
  });

  it('prints a list up to the limit in the generic summary, and points to the workbook beyond it', async () => {
    const source = await readFile(genericTemplatePath(SUMMARY), 'utf8');
    const render = async (count: number) => {
      const rendered = await renderOfficialDocument({ campaign, source, data: dataWith(count), title: 't', draft: false });
      if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
      return rendered.model.blocks;
    };
    const longest = (blocks: Block[]) => Math.max(...blocks.map((block) => (block.kind === 'table' ? block.table.body.length : 0)));
    const said = (blocks: Block[]) => blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));
    const short = await render(200);
    expect(longest(short)).toBe(201);
    expect(said(short).some((text) => text.includes('不在此列出'))).toBe(false);
    const long = await render(201);
    expect(longest(long)).toBeLessThan(10);
    expect(said(long)).toContain(
      `${campaign.tables[0]!.name}共201行，行数较多，不在此列出，详见《${campaign.file.title}汇总表》“${campaign.tables[0]!.name}”工作表。`,
    );
  });
});
