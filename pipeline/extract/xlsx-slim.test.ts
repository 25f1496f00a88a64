import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatisticsTable } from '../../examples/kit/statistics-table.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { editPackage, partText, withDefinedName } from '../../test/support/package-edit.js';
import { findTables } from './find-table.js';
import { readXlsxGrids } from './xlsx-grid.js';
import { slimXlsx } from './xlsx-slim.js';

let campaign: Campaign;
let table: Buffer;
beforeAll(async () => {
  campaign = await demoCampaign();
  table = await buildStatisticsTable(campaign, {
    unitName: '庞村镇',
    date: '2013年8月15日',
    values: { departments: 12, networksClassified: 1 },
  });
});

const SHEET = 'xl/worksheets/sheet1.xml';

/** Rows 1..n of one cell each, and single-row merges A:B over every one of them. */
function sheetWithMerges(rows: number): string {
  const data = Array.from(
    { length: rows },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>第${i + 1}行</t></is></c></row>`,
  ).join('');
  const merges = Array.from({ length: rows }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData><mergeCells count="${rows}">${merges}</mergeCells></worksheet>`;
}

describe('slimXlsx', () => {
  it('removes defined names before exceljs sees them (a name over whole columns is expanded cell by cell)', () => {
    const poisoned = withDefinedName(table, 'everything', 'Sheet1!$A$1:$AZ$1048576');
    expect(partText(poisoned, 'xl/workbook.xml')).toContain('<definedNames>');
    const slim = slimXlsx(poisoned, 2000, 100);
    expect(partText(slim.content, 'xl/workbook.xml')).not.toContain('definedName');
  });

  it('takes merges out of the sheet as data, only those within the rows and columns read', () => {
    const xlsx = editPackage(table, { [SHEET]: () => sheetWithMerges(3000) });
    const slim = slimXlsx(xlsx, 2000, 100);
    const sheet = [...slim.sheets.values()][0]!;
    expect(sheet.merges).toHaveLength(2000);
    expect(sheet.merges[0]).toEqual({ top: 1, left: 1, bottom: 1, right: 2 });
    expect(sheet.truncated).toBe(true);
    const xml = partText(slim.content, SHEET)!;
    expect(xml).not.toContain('mergeCell');
    expect(xml).toContain('<row r="2000">');
    expect(xml).not.toContain('<row r="2001">');
  });
});

describe('readXlsxGrids on packages that used to take minutes or gigabytes', () => {
  it('reads the demo table carrying a defined name over whole columns', async () => {
    const { grids } = await readXlsxGrids(withDefinedName(table, 'everything', 'Sheet1!$A$1:$AZ$1048576'));
    const found = grids.flatMap((grid) => findTables(grid, campaign.tables[0]!));
    expect(found).toHaveLength(1);
    expect(found[0]!.rows[0]!.cells.departments!.text).toBe('12');
  });

  it('applies 3,000 merges within the 2,000 rows read and says the sheet was cut', async () => {
    const { grids, truncated } = await readXlsxGrids(editPackage(table, { [SHEET]: () => sheetWithMerges(3000) }));
    const rows = grids[0]!.rows;
    expect(rows).toHaveLength(2000);
    expect(rows[1999]![1]).toEqual({ text: '第2000行', address: 'B2000', mergedCopy: true });
    expect(rows[0]![0]).toEqual({ text: '第1行', address: 'A1' });
    expect(truncated).toEqual(['Sheet1']);
  });

  it('keeps merged group headers of the real table (the covered cells repeat the master)', async () => {
    const { grids } = await readXlsxGrids(table);
    const copies = grids.flatMap((grid) => grid.rows.flat()).filter((cell) => cell.mergedCopy);
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.every((cell) => cell.text !== '' || cell.address !== '')).toBe(true);
  });
});

describe('slimXlsx on the package its inspection opened', () => {
  it('gives the grids the zip read again would give', async () => {
    const { inspectOoxml } = await import('./ooxml-inspect.js');
    for (const content of [table, editPackage(table, { [SHEET]: () => sheetWithMerges(30) })]) {
      const inspected = await inspectOoxml(content, 64 * 1024 * 1024);
      if (!inspected.ok) throw new Error('inspection refused the package');
      const again = await readXlsxGrids(content);
      expect(again.grids[0]!.rows.length).toBeGreaterThan(0);
      expect(await readXlsxGrids(content, { opened: inspected.opened })).toEqual(again);
      expect(slimXlsx(content, 2000, 100, inspected.opened).sheets).toEqual(slimXlsx(content, 2000, 100).sheets);
    }
  });
});
