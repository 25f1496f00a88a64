/**
 * Rows a unit hid in its .xlsx (`<row hidden="1">`): a list's hidden row is left out of the list
 * and kept aside to be said; a 统计表's row is read as before and marked hidden. Both readers
 * (the streaming one and exceljs, for the packages the first leaves to it) see the same.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../intake/kernel/campaign/tables.js';
import { findCampaignTables } from './campaign-tables.js';
import { readXlsxGridsStreaming, readXlsxGridsWithExcelJs, type XlsxGrids } from './xlsx-grid.js';
import { parseSheetXml } from './xlsx-stream/sheet-xml.js';

const table = (entry: object): TableDef => buildTable(tableSchema.parse(entry));
const LIST = table({
  name: '问题项目清单',
  kind: '清单',
  columns: [
    { label: '序号' },
    { label: '项目名称', type: '文字' },
    { label: '存在问题', type: '文字' },
    { label: '责任单位', type: '文字' },
  ],
});
const STAT = table({ name: '项目统计表', columns: [{ label: '项目总数(个)' }, { label: '新开工(个)' }] });

type Cell = string | number | null;

async function sheetXlsx(rows: Cell[][], hidden: readonly number[], filter?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('清单');
  for (const row of rows) sheet.addRow(row);
  if (filter) sheet.autoFilter = filter;
  for (const r of hidden) {
    sheet.getRow(r).hidden = true;
    // exceljs writes a row only with a cell in it: a styled empty one keeps a blank row.
    sheet.getCell(r, 1).numFmt ??= '@';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const readers: [string, (content: Buffer) => Promise<XlsxGrids>][] = [
  ['streaming', (content) => readXlsxGridsStreaming(content)],
  ['exceljs', (content) => readXlsxGridsWithExcelJs(content)],
];

describe.each(readers)('hidden rows (%s reader)', (_name, read) => {
  it('leaves a list’s hidden row out, and keeps it aside with its row number', async () => {
    const content = await sheetXlsx(
      [
        ['问题项目清单'],
        ['填报单位：佃庄镇'],
        ['序号', '项目名称', '存在问题', '责任单位'],
        [1, '佃庄污水管网', '征地未完成', '镇政府'],
        [2, '佃庄学校扩建', '资金缺口', '教育办'],
        [3, '已撤销项目（作废）', '项目撤销', '镇政府'],
        [4, '佃庄道路', '手续未办', '城建办'],
      ],
      [6],
    );
    const { grids } = await read(content);
    expect([...(grids[0]!.hiddenRows ?? [])]).toEqual([5]);
    const [found] = findCampaignTables(grids, [LIST], 'sheets');
    expect(found!.rows.map((row) => row.location)).toEqual(['第4行', '第5行', '第7行']);
    expect(found!.hiddenRows?.map((row) => [row.location, row.cells['项目名称']?.text])).toEqual([['第6行', '已撤销项目（作废）']]);
  });

  it('reads on past hidden blank rows as if they were not there, and marks a 统计表’s hidden row', async () => {
    const list = await sheetXlsx(
      [['序号', '项目名称', '存在问题', '责任单位'], [1, '甲项目', '问题', '镇政府'], [], [], [2, '乙项目', '问题', '镇政府']],
      [3, 4],
    );
    const [found] = findCampaignTables((await read(list)).grids, [LIST], 'sheets');
    expect(found!.rows.map((row) => row.location)).toEqual(['第2行', '第5行']);
    expect(found!.hiddenRows ?? []).toEqual([]);
    const stat = await sheetXlsx(
      [
        ['项目总数(个)', '新开工(个)'],
        [5, 3],
      ],
      [2],
    );
    const [table] = findCampaignTables((await read(stat)).grids, [STAT], 'sheets');
    expect(table!.rows).toEqual([expect.objectContaining({ location: '第2行', hidden: true })]);
  });
});

describe.each(readers)('rows a filter hides (%s reader)', (_name, read) => {
  it('reads them: a unit that saved its sheet filtered still sent those rows', async () => {
    const content = await sheetXlsx(
      [
        ['序号', '项目名称', '存在问题', '责任单位'],
        [1, '甲项目', '问题', '镇政府'],
        [2, '乙项目', '问题', '城建办'],
        [3, '丙项目', '问题', '镇政府'],
      ],
      [3],
      'A1:D4',
    );
    const { grids } = await read(content);
    expect(grids[0]!.hiddenRows ?? new Set()).toEqual(new Set());
    const [found] = findCampaignTables(grids, [LIST], 'sheets');
    expect(found!.rows.map((row) => row.location)).toEqual(['第2行', '第3行', '第4行']);
  });
});

describe('hidden rows in the sheet XML', () => {
  it('takes hidden="1" and LibreOffice’s hidden="true" (an .xls converted), not hidden="false"', () => {
    const xml = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
    const rows = parseSheetXml(xml('<row r="1" hidden="false"/><row r="2" hidden="true"/><row r="3" hidden="1"/><row r="4"/>'));
    expect(rows.map((row) => row.hidden ?? false)).toEqual([false, true, true, false]);
  });

  it('takes no row as hidden in a sheet with a filter (the filter hid it, not the unit)', () => {
    const rows = parseSheetXml(
      '<worksheet><sheetData><row r="1"/><row r="2" hidden="1"/></sheetData><autoFilter ref="A1:D2"/></worksheet>',
    );
    expect(rows.map((row) => row.hidden ?? false)).toEqual([false, false]);
  });
});
