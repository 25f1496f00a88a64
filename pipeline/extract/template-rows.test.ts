/**
 * The template's own rows among a unit's data, in files made by real libraries: an .xlsx written
 * by exceljs (read by xlsx-grid.ts) and a Word table written by docx (read by docx-walk.ts).
 * The numbering row under the header, a 填报说明 row and a 填报人 line are no data; a list's 合计 row
 * is no item (a 统计表's is kept: validation takes it when a unit wrote several rows and their total).
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../intake/kernel/campaign/tables.js';
import { findCampaignTables } from './campaign-tables.js';
import { readDocumentXml } from './docx-package.js';
import { walkDocumentXml } from './docx-walk.js';
import { readXlsxGrids } from './xlsx-grid.js';

const table = (entry: object): TableDef => buildTable(tableSchema.parse(entry));
const STAT = table({
  name: '政务公开工作统计表',
  columns: [
    { label: '主动公开信息数(条)' },
    { group: '依申请公开(件)', columns: [{ label: '收到申请' }, { label: '已答复' }, { label: '未答复' }] },
    { label: '按时答复率(%)', type: '百分比' },
    { label: '备注', type: '文字' },
  ],
});
const LIST = table({
  name: '政务公开培训台账',
  kind: '台账',
  columns: [{ label: '序号' }, { label: '培训日期', type: '日期' }, { label: '培训内容', type: '文字' }, { label: '参训人数(人)' }],
});

type Cell = string | number | null;

/** The 统计表 as offices lay it out: title, 填报单位, a two-row header with a group, then `below`. */
async function statisticsXlsx(below: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('统计表');
  sheet.addRow(['政务公开工作统计表']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['填报单位：庞村镇人民政府', null, null, null, '填报日期：2026年12月5日']);
  sheet.addRow(['主动公开信息数\n（条）', '依申请公开（件）', null, null, '按时答复率\n（%）', '备注']);
  sheet.addRow([null, '收到申请', '已答复', '未答复']);
  for (const range of ['A3:A4', 'B3:D3', 'E3:E4', 'F3:F4']) sheet.mergeCells(range);
  for (const row of below) sheet.addRow(row);
  // A note merged across the table, as offices write 填报说明.
  sheet.eachRow((row, r) => {
    if (String(row.getCell(1).value ?? '').startsWith('本表') || String(row.getCell(1).value ?? '').startsWith('填报说明'))
      sheet.mergeCells(r, 1, r, 6);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function statisticsRows(below: Cell[][]) {
  const { grids } = await readXlsxGrids(await statisticsXlsx(below));
  const [found] = findCampaignTables(grids, [STAT], 'sheets');
  return found!.rows.map((row) => [row.location, ...Object.values(row.cells).map((cell) => cell.text)]);
}

const NOTE = '填报说明：按时答复率按百分比填写，保留一位小数；收到申请数自动计算。';

describe('a 统计表 .xlsx (exceljs) with the template’s own rows', () => {
  it('passes over the numbering row, stops at the 填报说明 and the 填报人 line', async () => {
    const rows = await statisticsRows([
      [1, 2, 3, 4, 5, 6],
      [30, 12, 10, 2, 95, '无'],
      [NOTE],
      ['填报人：张三', null, '联系电话：0379-1234567'],
    ]);
    expect(rows).toEqual([['第6行', '30', '12', '10', '2', '95', '无']]);
  });

  it('passes over 甲 乙 and （1）（2） numbering', async () => {
    expect(
      await statisticsRows([
        ['（1）', '（2）', '（3）', '（4）', '（5）', '（6）'],
        [30, 12, 10, 2, 95, ''],
      ]),
    ).toEqual([['第6行', '30', '12', '10', '2', '95', '']]);
    expect(
      await statisticsRows([
        ['甲', '乙', 1, 2, 3, 4],
        [30, 12, 10, 2, 95, ''],
      ]),
    ).toEqual([['第6行', '30', '12', '10', '2', '95', '']]);
  });

  it('passes over a 填报说明 standing between the header and the row to fill', async () => {
    expect(await statisticsRows([[NOTE], [30, 12, 10, 2, 95, '']])).toEqual([['第6行', '30', '12', '10', '2', '95', '']]);
  });

  it('keeps a unit’s row of 1 2 3 … when no row follows it (the numbering row deleted), and under a numbering row', async () => {
    expect(await statisticsRows([[1, 2, 3, 4, 5, 6], [NOTE]])).toEqual([['第5行', '1', '2', '3', '4', '5', '6']]);
    expect(await statisticsRows([[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], [NOTE]])).toEqual([['第6行', '1', '2', '3', '4', '5', '6']]);
  });

  it('still sees two rows when a unit fills two (one right under the header is not numbering unless it counts 1 2 3 …)', async () => {
    expect(
      await statisticsRows([
        [30, 12, 10, 2, 95, ''],
        [31, 12, 10, 2, 95, ''],
      ]),
    ).toHaveLength(2);
  });
});

/** The 台账 as a Word table: header, `rows`, every cell a paragraph. */
async function ledgerDocx(rows: string[][]): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const header = ['序号', '培训日期', '培训内容', '参训人数（人）'];
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph('附件2'),
          new Paragraph('政务公开培训台账'),
          new Paragraph('填报单位（盖章）：李村镇人民政府    填报日期：2026年12月5日'),
          new Table({ rows: [header, ...rows].map((row) => new TableRow({ children: row.map(cell) })) }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

async function ledgerRows(rows: string[][]) {
  const { grids } = walkDocumentXml(await readDocumentXml(await ledgerDocx(rows)));
  const [found] = findCampaignTables(grids, [LIST], 'document');
  return found!.rows.map((row) => [row.location, row.cells['培训内容']?.text]);
}

describe('a 台账 as a Word table (docx) with the template’s own rows', () => {
  const blank = ['', '', '', ''];

  it('passes over the numbering row, reads the rows, stops at the note', async () => {
    const rows = await ledgerRows([
      ['1', '2', '3', '4'],
      ['1', '2026-03-12', '政务公开条例解读', '45'],
      ['2', '2026-06-20', '依申请公开办理流程', '30'],
      blank,
      blank,
      ['注：培训日期按“年-月-日”填写。', '', '', ''],
      ['填报人：', '审核人：', '联系电话：', ''],
    ]);
    expect(rows).toEqual([
      ['第3行', '政务公开条例解读'],
      ['第4行', '依申请公开办理流程'],
    ]);
  });

  it('passes over a 填报说明 right under the header, and ends at a note after a blank row before any data', async () => {
    expect(
      await ledgerRows([['填报说明：培训日期按“年-月-日”填写。', '', '', ''], ['1', '2026-03-12', '条例解读', '45'], blank, blank]),
    ).toEqual([['第3行', '条例解读']]);
    expect(await ledgerRows([blank, ['注：本年度未组织培训。', '', '', ''], ['1', '2026-03-12', '条例解读', '45']])).toEqual([]);
  });

  it('reads no row from a 台账 left empty under its （1）（2） numbering, and passes over a 合计 row', async () => {
    expect(await ledgerRows([['（1）', '（2）', '（3）', '（4）'], blank, blank, blank])).toEqual([]);
    expect(await ledgerRows([['甲', '1', '2', '3'], ['1', '2026-03-12', '条例解读', '45'], ['合计', '', '', '45'], blank])).toEqual([
      ['第3行', '条例解读'],
    ]);
  });
});
