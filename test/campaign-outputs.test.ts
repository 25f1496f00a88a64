/**
 * The outputs of campaigns of other shapes through the real CLI (issue 20's outputs): `huizong
 * run` on yinhuan-2026 (a 统计表 with a group, a percentage, an amount, a choice, and a 台账 with
 * dates) and huamingce-2026 (a 花名册 only) — neither folder has templates of its own, so the
 * documents come from the generic ones — then the district workbooks read back with exceljs,
 * `status --json` against its declared schema, the documents' text and the receipts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { statusJsonSchema } from '../output/doors/cli/status-json-schema.js';
import { huamingceMails, yinhuanMails } from './support/campaign-mails.js';
import { type CampaignRun, runCampaign } from './support/campaign-run.js';
import { runCli } from './support/cli.js';
import { readDocxBuffer } from './support/docx.js';
import { readWorkbook } from './support/workbook.js';

let yinhuan: CampaignRun;
let huamingce: CampaignRun;

beforeAll(async () => {
  yinhuan = await runCampaign('yinhuan-2026', await yinhuanMails());
  huamingce = await runCampaign('huamingce-2026', huamingceMails());
}, 900_000);

const STAT = '汛期安全隐患排查整治情况统计表';
const LIST = '重大隐患整改台账';
const ROSTER = '花名册';

const out = (run: CampaignRun, name: string) => join(run.dir, 'out', name);

/** The value of a cell as a clerk's Excel shows it: a formula's cached result, a date as YYYY-MM-DD. */
function shown(cell: ExcelJS.Cell): unknown {
  const value = cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value && typeof value === 'object' && 'result' in value) return value.result;
  return value;
}

/** Rows of a sheet from the row below its header (the first row whose first cell is 序号) up to its 合计 row. */
function bodyRows(sheet: ExcelJS.Worksheet): { rows: unknown[][]; total: unknown[]; totalRow: ExcelJS.Row; headerRow: number } {
  let header = 0;
  for (let r = 1; r <= sheet.rowCount && header === 0; r++) if (sheet.getRow(r).getCell(1).value === '序号') header = r;
  const rows: unknown[][] = [];
  let r = header + 2;
  while (sheet.getRow(r).getCell(1).value !== '合计') {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: sheet.columnCount }, (_, index) => shown(row.getCell(index + 1))));
    r++;
  }
  const totalRow = sheet.getRow(r);
  return {
    rows,
    total: Array.from({ length: sheet.columnCount }, (_, index) => shown(totalRow.getCell(index + 1))),
    totalRow,
    headerRow: header,
  };
}

async function docText(path: string): Promise<string> {
  const { document } = readDocxBuffer(await readFile(path));
  return document
    .replace(/<w:p[ >]/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

async function statusJson(run: CampaignRun) {
  const status = await runCli(['status', '--campaign', run.dir, '--json']);
  return statusJsonSchema.parse(JSON.parse(status.stdout));
}

describe('yinhuan-2026: a 统计表 and a 台账, run with no templates of its own', () => {
  it('runs to the end: workbooks and both documents from the generic templates, exit code 0', async () => {
    expect(yinhuan.run.code).toBe(0);
    expect(yinhuan.run.stdout).toContain('按内置的通用模板生成');
    const workbook = await readWorkbook(out(yinhuan, '2026年汛期安全隐患排查整治汇总表.xlsx'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([STAT, LIST, '报送情况', '问题清单', '来信记录', '报告分析']);
    const sendUp = await readWorkbook(out(yinhuan, '2026年汛期安全隐患排查整治汇总表（上报）.xlsx'));
    expect(sendUp.worksheets.map((sheet) => sheet.name)).toEqual([STAT, LIST]);
  });

  it('writes the 统计表 in its own layout: one row per roster unit, the group merged, numbers in the office’s formats, a 合计 of what may be summed', async () => {
    const sheet = (await readWorkbook(out(yinhuan, '2026年汛期安全隐患排查整治汇总表.xlsx'))).getWorksheet(STAT)!;
    const { rows, total, totalRow, headerRow } = bodyRows(sheet);
    expect(sheet.getCell(2, 1).value).toBe('2026年汛期安全隐患排查整治情况统计表（汇总）');
    expect(sheet.getCell(headerRow, 4).value).toBe('发现隐患(处)');
    expect(sheet.getCell(headerRow, 4).isMerged && sheet.getCell(headerRow, 6).master.address).toBe(sheet.getCell(headerRow, 4).address);
    expect([4, 5, 6].map((column) => sheet.getCell(headerRow + 1, column).value)).toEqual(['一般隐患', '重大隐患', '合计']);
    expect(rows).toEqual([
      [1, '庞村镇', 40, 5, 2, 7, 6, 85.7, 12.5, '是', null, '按时报送'],
      [2, '李村镇', 30, 3, 1, 4, 3, 75, 8.6, '是', '汛前已完成全面排查', '按时报送'],
      [3, '寇店镇', 12, 2, 0, 2, 2, 100, 0, '否', '无重大隐患', '材料不全'],
      [4, '诸葛镇', 35, 4, 3, 7, 6, 85.7, 12.5, '是', null, '逾期报送'],
      // What could be read, greyed; what was typed wrong, as typed, in red.
      [5, '区水利局', 20, 3, 1, 5, '全部', 80, 6, '已建立', null, '数据有误（未计入合计）'],
      [6, '区住建局', 25, 6, 2, 8, 4, 50, 20, '是', null, '材料不全'],
      [7, '区教育局', null, null, null, null, null, null, null, null, null, '未报送'],
    ]);
    // 整改率 is not summed: computed by the campaign's rule 整改率 = 已整改 / 合计 × 100 (21 / 28).
    expect(total).toEqual(['合计', '合计', 142, 20, 8, 28, 21, 75, 53.6, null, null, '计入 5 个单位']);
    expect(totalRow.getCell(3).formula).toMatch(/^SUMIF\(/);
    expect(totalRow.getCell(8).formula).toBeUndefined();
    const first = sheet.getRow(headerRow + 2);
    expect([3, 8, 9].map((column) => first.getCell(column).numFmt)).toEqual(['0', '0.0', '0.00']);
    const shuili = sheet.getRow(headerRow + 6);
    expect(shuili.getCell(7).font.color?.argb).toBe('FFC00000');
    expect(shuili.getCell(3).font.italic).toBe(true);
  });

  it('writes the 台账 with every unit’s rows, the unit first, in roster order, dates as dates, the rows with errors marked', async () => {
    const sheet = (await readWorkbook(out(yinhuan, '2026年汛期安全隐患排查整治汇总表.xlsx'))).getWorksheet(LIST)!;
    const { rows, total, headerRow } = bodyRows(sheet);
    expect(Array.from({ length: 9 }, (_, index) => sheet.getCell(headerRow, index + 1).value)).toEqual([
      '序号',
      '填报单位',
      '隐患地点',
      '隐患类别',
      '发现日期',
      '整改时限',
      '整改资金(万元)',
      '是否完成整改',
      '说明',
    ]);
    expect(rows).toEqual([
      [1, '庞村镇', '伊河左岸堤段', '地质灾害', '2026-05-08', '2026-05-30', 8.2, '是', null],
      [2, '庞村镇', '庞村老街排水口', '城市内涝', '2026-05-10', '2026-06-15', 3.5, '否', null],
      [3, '李村镇', '李村水库溢洪道', '地质灾害', '2026-05-08', '2026-05-31', 2, '否', null],
      [4, '诸葛镇', '诸葛村后山滑坡点', '地质灾害', '2026-05-09', '2026-06-30', 5, '否', null],
      [5, '诸葛镇', '镇区东街低洼处', '城市内涝', '2026-05-12', '2026-06-10', 4.5, '是', null],
      [6, '诸葛镇', '中学旧宿舍楼', '危房', '2026-05-15', '2026-07-31', 3, '否', null],
      [7, '区水利局', '水利局机关院内挡墙', '地质灾害', '5/6', '2026-06-30', 1.5, '否', '数据有误（未计入合计）'],
    ]);
    expect(total).toEqual(['合计', '合计', null, null, null, null, 26.2, null, '共 7 行，计入合计 6 行（4 个单位）']);
    expect(sheet.getRow(headerRow + 2).getCell(5).numFmt).toBe('yyyy"年"m"月"d"日"');
    const note = String(sheet.getRow(headerRow + 2 + rows.length + 1).getCell(1).value);
    expect(note).toContain('报送了本表但没有填写任何一行的单位：寇店镇');
    expect(note).toContain('未报送本表的单位：区住建局、区教育局');
  });

  it('gives status --json typed values per table, every list row, every total, valid against its schema', async () => {
    const status = await statusJson(yinhuan);
    const pangcun = status.units.find((unit) => unit.unit === '庞村镇')!;
    expect(pangcun.tables![STAT]!.values).toEqual({
      排查点位数: 40,
      发现隐患·一般隐患: 5,
      发现隐患·重大隐患: 2,
      发现隐患·合计: 7,
      已整改: 6,
      整改率: 85.7,
      整改资金: 12.5,
      是否建立隐患台账: '是',
      备注: null,
    });
    expect(pangcun.tables![LIST]!.rows.map((row) => row.values)).toEqual([
      {
        序号: 1,
        隐患地点: '伊河左岸堤段',
        隐患类别: '地质灾害',
        发现日期: '2026-05-08',
        整改时限: '2026-05-30',
        整改资金: 8.2,
        是否完成整改: '是',
      },
      {
        序号: 2,
        隐患地点: '庞村老街排水口',
        隐患类别: '城市内涝',
        发现日期: '2026-05-10',
        整改时限: '2026-06-15',
        整改资金: 3.5,
        是否完成整改: '否',
      },
    ]);
    expect(pangcun.tables![LIST]!.rows[0]!.cells.发现日期).toBe('D5');
    expect(status.units.find((unit) => unit.unit === '寇店镇')!.missing).toEqual(['签字盖章扫描件']);
    expect(status.tables![STAT]!.totals).toMatchObject({
      排查点位数: 142,
      发现隐患·合计: 28,
      整改率: 75,
      整改资金: 53.6,
      是否建立隐患台账: null,
    });
    expect(status.tables![LIST]).toMatchObject({ rows: 6, included: ['庞村镇', '李村镇', '寇店镇', '诸葛镇'], excluded: ['区水利局'] });
    expect(status.tables![LIST]!.totals.整改资金).toBe(26.2);
  });

  it('writes the summary from the generic template: what was asked, who sent what, every table’s totals and rows', async () => {
    const text = await docText(out(yinhuan, '2026年汛期安全隐患排查整治汇总报告.docx'));
    expect(text).toContain(
      '于2026年5月25日18时前将汛期安全隐患排查整治情况统计表、重大隐患整改台账、书面总结报告和签字盖章扫描件报送区应急管理局',
    );
    expect(text).toContain('寇店镇和区教育局尚未报送签字盖章扫描件。');
    expect(text).toContain(
      '全区排查点位数142处，发现隐患（一般隐患）20处，发现隐患（重大隐患）8处，发现隐患（合计）28处，已整改21处，整改率75.0%，整改资金53.60万元',
    );
    expect(text).toContain('计入合计的4个单位共填报6项，合计整改资金26.20万元；区水利局的重大隐患整改台账数据有误，未计入合计。');
    expect(text).toContain('区住建局报送的材料不全，缺少重大隐患整改台账。');
    // The attachments: each table as the clerk reads it (85.7%, dates in Chinese), the list with the unit first.
    expect(text).toContain('\n附件1　汛期安全隐患排查整治情况统计表');
    expect(text).toMatch(/\n庞村镇\n40\n5\n2\n7\n6\n85\.7%\n12\.50\n是\n/);
    expect(text).toMatch(/\n诸葛镇\n中学旧宿舍楼\n危房\n2026年5月15日\n2026年7月31日\n3\.00\n否\n/);
    const circular = await docText(out(yinhuan, '2026年汛期安全隐患排查整治通报（草稿）.docx'));
    expect(circular).toContain('截至2026年5月26日，区教育局仍未报送排查整治材料。');
    expect(circular).toContain('诸葛镇未在规定时间内报送排查整治材料。');
  });

  it('tells each unit in its receipt what it sent of every table and material, and what is missing', async () => {
    const receipts = await runCli(['receipts', '--campaign', yinhuan.dir]);
    expect(receipts.code).toBe(0);
    expect(receipts.stdout).toContain('《重大隐患整改台账》（采用《李村镇重大隐患整改台账（更正）.xlsx》），共 1 行：');
    expect(receipts.stdout).toContain(
      '1. 序号：1；隐患地点：伊河左岸堤段；隐患类别：地质灾害；发现日期：2026年5月8日；整改时限：2026年5月30日；整改资金(万元)：8.20；是否完成整改：是',
    );
    // The label carries the unit: the value does not repeat it.
    expect(receipts.stdout).toContain('整改率(%)：85.7\n');
    expect(receipts.stdout).not.toContain('整改率(%)：85.7%');
    expect(receipts.stdout).toContain('尚未收到：签字盖章扫描件。');
    expect(receipts.stdout).toContain('《重大隐患整改台账》：未收到。');
    // The deadline is past (the clock, not the data, says when a receipt is sent): as soon as possible.
    expect(receipts.stdout).toContain('请尽快重新报送改正后的汛期安全隐患排查整治情况统计表和改正后的重大隐患整改台账（');
  });
});

describe('huamingce-2026: a 花名册 only, run with no templates of its own', () => {
  it('writes one list sheet with every person, the unit first, and sums only the numbers that add up', async () => {
    expect(huamingce.run.code).toBe(0);
    const workbook = await readWorkbook(out(huamingce, '2026年新任职干部保密培训汇总表.xlsx'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['保密培训人员花名册', '报送情况', '问题清单', '来信记录']);
    const { rows, total } = bodyRows(workbook.getWorksheet('保密培训人员花名册')!);
    expect(rows.map((row) => [row[1], row[2]])).toEqual([
      ['庞村镇', '张伟'],
      ['庞村镇', '李娜'],
      ['庞村镇', '王强'],
      ['李村镇', '赵敏'],
      ['李村镇', '钱进'],
      ['李村镇', '孙丽'],
      ['李村镇', '周刚'],
      ['李村镇', '吴芳'],
      ['区财政局', '郑华'],
      ['区财政局', '冯雪'],
    ]);
    expect(rows[0]).toEqual([1, '庞村镇', '张伟', '男', '1982-04-16', '副镇长', 8.5, 92, '是', null]);
    expect(rows[9]!.at(-1)).toBe('数据有误（未计入合计）');
    expect(total).toEqual(['合计', '合计', null, null, null, null, 84, null, null, '共 10 行，计入合计 8 行（3 个单位）']);
  });

  it('gives status --json each unit’s rows and the list’s totals', async () => {
    const status = await statusJson(huamingce);
    expect(status.units.map((unit) => [unit.unit, unit.tables![`保密培训人员${ROSTER}`]!.rows.length])).toEqual([
      ['庞村镇', 3],
      ['李村镇', 5],
      ['寇店镇', 0],
      ['区财政局', 2],
      ['区教育局', 0],
    ]);
    expect(status.units[1]!.tables![`保密培训人员${ROSTER}`]!.rows[1]!.values).toEqual({
      姓名: '钱进',
      性别: '男',
      出生日期: '1988-06-01',
      职务: '组织委员',
      培训学时: 10.5,
      考试成绩: 85,
      是否合格: '是',
    });
    expect(status.tables![`保密培训人员${ROSTER}`]).toEqual({
      name: `保密培训人员${ROSTER}`,
      kind: 'list',
      totals: { 姓名: null, 性别: null, 出生日期: null, 职务: null, 培训学时: 84, 考试成绩: null, 是否合格: null },
      included: ['庞村镇', '李村镇', '寇店镇'],
      excluded: ['区财政局'],
      rows: 8,
    });
  });

  it('writes a summary that lists every person as the clerk reads them', async () => {
    const text = await docText(out(huamingce, '2026年新任职干部保密培训汇总报告.docx'));
    expect(text).toContain('计入合计的3个单位共填报8项，合计培训学时84.0学时；区财政局的保密培训人员花名册数据有误，未计入合计。');
    expect(text).toMatch(/\n李村镇\n钱进\n男\n1988年6月1日\n组织委员\n10\.5\n85\n是\n/);
    expect(text).toContain('区教育局尚未报送保密培训人员花名册。');
  });
});
