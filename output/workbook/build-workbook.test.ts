import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Campaign, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import type { MergeResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { buildWorkbook } from './build-workbook.js';
import { pageNumberFooter } from './print-setup.js';

let campaign: Campaign;
beforeAll(async () => {
  const full = await demoCampaign();
  campaign = { ...full, roster: full.roster.slice(0, 3) };
});

function unitResult(name: string, values: Record<string, number | string | null> | null, extra: Partial<UnitResult> = {}): UnitResult {
  const unit: UnitResult = {
    unit: name,
    status: values ? 'onTime' : 'missing',
    late: false,
    receivedAt: values ? '2013-08-15T02:00:00.000Z' : null,
    firstReceivedAt: values ? '2013-08-15T02:00:00.000Z' : null,
    values,
    countedInTotals: values !== null,
    tableFile: values ? '统计表.xlsx' : null,
    tableMessageId: null,
    report: null,
    sender: null,
    subject: null,
    files: [],
    messageIds: [],
    tables: {},
    missing: [],
    problems: [],
    ...extra,
  };
  // The statistics table as merge keeps it: the workbook reads each table's own result.
  const table = primaryTable(campaign.tables);
  const own = {
    table: table.key,
    kind: table.kind,
    file: unit.tableFile,
    messageId: null,
    receivedAt: unit.receivedAt,
    values: unit.values,
    cells: {},
    rows: [],
    counted: unit.countedInTotals,
  };
  return { ...unit, tables: extra.tables ?? { [table.key]: own } };
}

function resultOf(units: UnitResult[]): MergeResult {
  const totals = Object.fromEntries(
    campaign.countColumns.map((column) => [
      column.key,
      units.filter((unit) => unit.countedInTotals).reduce((sum, unit) => sum + ((unit.values?.[column.key] as number) ?? 0), 0),
    ]),
  );
  const table = primaryTable(campaign.tables);
  const included = units.filter((unit) => unit.countedInTotals).map((unit) => unit.unit);
  const excluded = units.filter((unit) => unit.status === 'invalid').map((unit) => unit.unit);
  return {
    asOf: '2013-08-20T02:00:00.000Z',
    deadline: campaign.file.deadline,
    units,
    totals,
    tables: { [table.key]: { table: table.key, totals: { ...totals, remarks: null }, included, excluded, rows: 0 } },
    totalsIncluded: units.filter((unit) => unit.countedInTotals).map((unit) => unit.unit),
    totalsExcluded: units.filter((unit) => unit.status === 'invalid').map((unit) => unit.unit),
    unidentified: [],
    messages: [],
    problems: [],
  };
}

const numbers = (n: number, remarks: string | null = null) => ({
  ...Object.fromEntries(campaign.countColumns.map((column) => [column.key, n])),
  remarks,
});

async function roundTrip(result: MergeResult): Promise<ExcelJS.Workbook> {
  const buffer = await buildWorkbook(ExcelJS, campaign, result).xlsx.writeBuffer();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  return workbook;
}

describe('buildWorkbook', () => {
  it('writes the 附件2 layout: title, two-row merged header, one row per unit, a 合计 of SUMIF formulas', async () => {
    const result = resultOf([unitResult('庞村镇', numbers(2)), unitResult('李村镇', numbers(3)), unitResult('寇店镇', null)]);
    const workbook = await roundTrip(result);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['自查情况统计表', '报送情况', '问题清单', '来信记录', '报告分析']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('附件2');
    expect(sheet.getCell('A2').value).toBe('政府信息公开保密审查专项检查自查情况统计表（汇总）');
    expect(sheet.getCell('D4').value).toBe('检查网络数量(个)');
    expect(sheet.getCell('E4').isMerged).toBe(true);
    expect(sheet.getCell('D5').value).toBe('涉密');
    expect(sheet.getCell('E5').value).toBe('非涉密');
    expect(sheet.getCell('C5').master.address).toBe('C4');
    expect([sheet.getCell('B6').value, sheet.getCell('C6').value]).toEqual(['庞村镇', 2]);
    expect([sheet.getCell('B8').value, sheet.getCell('C8').value, sheet.getCell('Q8').value]).toEqual(['寇店镇', null, '未报送']);
    expect(sheet.getCell('A9').value).toBe('合计');
    expect(sheet.getCell('C9').value).toEqual({ formula: 'SUMIF($Q$6:$Q$8,"<>数据有误（未计入合计）",C6:C8)', result: 5 });
    expect(sheet.getCell('E5').border?.left?.style).toBe('thin');
    expect(sheet.getCell('E4').border?.top?.style).toBe('thin');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  });

  it('centres a page number in the footer of every sheet, with its section code (&C) so every reader keeps it', async () => {
    const result = resultOf([unitResult('庞村镇', numbers(2)), unitResult('寇店镇', null)]);
    const footers = async (sendUp: boolean) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await buildWorkbook(ExcelJS, campaign, result, { sendUp }).xlsx.writeBuffer());
      return workbook.worksheets.map((sheet) => [sheet.name, sheet.headerFooter.oddFooter]);
    };
    expect(await footers(true)).toEqual([['自查情况统计表', '&C第 &P 页，共 &N 页']]);
    expect(await footers(false)).toEqual([
      ['自查情况统计表', '&C第 &P 页，共 &N 页'],
      ['报送情况', '&C报送情况　第 &P 页，共 &N 页'],
      ['问题清单', '&C问题清单　第 &P 页，共 &N 页'],
      ['来信记录', '&C来信记录　第 &P 页，共 &N 页'],
      ['报告分析', '&C报告分析　第 &P 页，共 &N 页'],
    ]);
  });

  it('writes no 书面报告 column and no 报告分析 sheet for a campaign that asks for no report', async () => {
    const result = resultOf([unitResult('庞村镇', numbers(2)), unitResult('寇店镇', null)]);
    const build = async (of: Campaign) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await buildWorkbook(ExcelJS, of, result).xlsx.writeBuffer());
      return workbook;
    };
    const headers = (workbook: ExcelJS.Workbook) => (workbook.getWorksheet('报送情况')!.getRow(1).values as unknown[]).slice(1);
    const tablesOnly = await build({ ...campaign, materials: campaign.materials.filter((material) => material.kind !== 'report') });
    expect(tablesOnly.worksheets.map((sheet) => sheet.name)).toEqual(['自查情况统计表', '报送情况', '问题清单', '来信记录']);
    expect(headers(tablesOnly)).not.toContain('书面报告');
    expect(headers(tablesOnly).slice(-3)).toEqual(['采用的统计表', '错误', '提示']);
    // Asked for, as before.
    const withReport = await build(campaign);
    expect(withReport.worksheets.map((sheet) => sheet.name)).toContain('报告分析');
    expect(headers(withReport).slice(-4)).toEqual(['采用的统计表', '书面报告', '错误', '提示']);
  });

  it('writes an ampersand in a footer label as text, not as the start of a code', () => {
    expect(pageNumberFooter('R&D')).toEqual({ oddFooter: '&CR&&D　第 &P 页，共 &N 页' });
  });

  it('leaves a unit with wrong data out of the sums, shows its readable values greyed and the wrong cell as written, and says so', async () => {
    const values = { ...numbers(100), computersClassified: null };
    const problems = [
      {
        severity: 'error' as const,
        code: 'value.invalid' as const,
        summary: '填写为「若干」，不是数字，应为非负整数',
        field: '检查计算机数量(台)·涉密',
        found: '若干',
      },
    ];
    const wrong = unitResult('李村镇', values, { status: 'invalid', countedInTotals: false, problems });
    const workbook = await roundTrip(resultOf([unitResult('庞村镇', numbers(2)), wrong]));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('C7').value).toBe(100);
    expect(sheet.getCell('C7').font?.italic).toBe(true);
    expect(sheet.getCell('F7').value).toBe('若干');
    expect(sheet.getCell('F7').font?.color?.argb).toBe('FFC00000');
    expect(sheet.getCell('Q7').value).toBe('数据有误（未计入合计）');
    expect(sheet.getCell('C8').value).toEqual({ formula: 'SUMIF($Q$6:$Q$7,"<>数据有误（未计入合计）",C6:C7)', result: 2 });
    expect(sheet.getCell('Q8').value).toBe('计入 1 个单位');
    expect(sheet.getCell('A9').value).toBe(
      '注：合计为统计表无错误的 1 个单位的数据之和；数据有误、未计入合计的单位：李村镇（该行灰色为可读出的数据，红色为填写有误之处，详见「问题清单」）。',
    );
  });

  it('makes the workbook to send up of the statistics sheet alone, with no pointer to the internal sheets', async () => {
    const wrong = unitResult('李村镇', numbers(1), {
      status: 'invalid',
      countedInTotals: false,
      sender: 'licun@example.cn',
      files: ['/home/clerk/x.xlsx'],
    });
    const result = resultOf([unitResult('庞村镇', numbers(2), { sender: 'pangcun@example.cn' }), wrong]);
    const buffer = await buildWorkbook(ExcelJS, campaign, result, { sendUp: true }).xlsx.writeBuffer();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['自查情况统计表']);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    expect(cells.join('\n')).not.toMatch(/@|\/home|问题清单/);
  });

  it('prints the internal sheets readably: times as dates, row heights for wrapped text, header row on each page, page numbers', async () => {
    const long = '庞村镇自查情况统计表.xlsx\n庞村镇自查报告（定稿）.docx\n附件材料说明.pdf';
    const result = resultOf([unitResult('庞村镇', numbers(2), { files: long.split('\n'), sender: '庞村镇 <pangcun@example.cn>' })]);
    const sheet = (await roundTrip(result)).getWorksheet('报送情况')!;
    const first = sheet.getCell('E2');
    expect(first.value).toBeInstanceOf(Date);
    // Beijing wall-clock time, as Excel shows it (no zone): 2013-08-15 10:00.
    expect((first.value as Date).toISOString()).toBe('2013-08-15T10:00:00.000Z');
    expect(first.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getRow(2).height).toBeGreaterThanOrEqual(3 * 13.5);
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet.headerFooter.oddFooter).toContain('&P');
  });

  it('shows in 报送情况 the latest message whose material stands, and its time', async () => {
    const unit = unitResult('庞村镇', numbers(2), {
      firstReceivedAt: '2013-08-14T02:00:00.000Z',
      receivedAt: '2013-08-16T02:00:00.000Z',
      sender: '庞村镇 <pangcun@example.cn>',
      subject: '更正报告',
      files: ['报告（更正）.docx'],
    });
    const sheet = (await roundTrip(resultOf([unit, unitResult('李村镇', null)]))).getWorksheet('报送情况')!;
    expect([7, 8, 9].map((column) => sheet.getCell(2, column).text)).toEqual([
      '庞村镇 <pangcun@example.cn>',
      '更正报告',
      '报告（更正）.docx',
    ]);
    expect((sheet.getCell('F2').value as Date).toISOString()).toBe('2013-08-16T10:00:00.000Z');
  });

  it('writes text from mail as inert text, never as a formula', async () => {
    const hostile = ['=HYPERLINK("http://x","点击")', '+1+1', '-2+3', '@SUM(A1)', '=1+1\u0007'];
    const units = hostile.slice(0, 3).map((text, index) => unitResult(campaign.roster[index]!.name, numbers(1, text)));
    const result = resultOf(units);
    result.messages = hostile.map((subject, index) => ({
      id: String(index).repeat(64),
      shortId: String(index).repeat(12),
      receivedAt: null,
      receivedSource: 'unknown',
      from: subject,
      subject,
      files: [subject],
      origin: 'x',
      unit: null,
      outcome: 'unrelated',
      basis: '',
    }));
    const workbook = await roundTrip(result);
    const sheet = workbook.worksheets[0]!;
    for (const [index, text] of hostile.slice(0, 3).entries()) {
      const cell = sheet.getCell(6 + index, 16);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
    }
    const log = workbook.getWorksheet('来信记录')!;
    for (let r = 2; r <= 6; r++) expect(log.getCell(r, 5).type).toBe(ExcelJS.ValueType.String);
    expect(log.getCell(6, 5).value).toBe('=1+1');
  });

  it('writes 报告分析: per unit the report, its length, each checklist area 是/否, and what to look at', async () => {
    const areas = Object.fromEntries(campaign.checklist.map((area, index) => [area.key, index !== 4]));
    const analysis = {
      chars: 820,
      areas,
      mentionsProblems: true,
      mentionsRectification: false,
      scanned: false,
      flags: ['未涉及：社会网站监管情况', '未提及整改情况'],
    };
    const scan = {
      chars: null,
      areas: {},
      mentionsProblems: false,
      mentionsRectification: false,
      scanned: true,
      flags: ['报告为扫描件，无法分析内容，请人工查看'],
    };
    const result = resultOf([
      unitResult('庞村镇', numbers(1), { report: { messageId: 'a', file: '报告.docx', analysis } }),
      unitResult('李村镇', numbers(1), { report: { messageId: 'b', file: '扫描.pdf', analysis: scan } }),
      unitResult('寇店镇', null),
    ]);
    const sheet = (await roundTrip(result)).getWorksheet('报告分析')!;
    const row = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(row(1).slice(4, 9)).toEqual(campaign.checklist.map((area) => area.title));
    expect(row(2)).toEqual([
      1,
      '庞村镇',
      '报告.docx',
      820,
      '是',
      '是',
      '是',
      '是',
      '否',
      '是',
      '否',
      '否',
      '未涉及：社会网站监管情况；未提及整改情况',
    ]);
    expect(row(3)).toEqual([
      2,
      '李村镇',
      '扫描.pdf',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      '是',
      '报告为扫描件，无法分析内容，请人工查看',
    ]);
    // An empty text is an empty cell (deferred-rows.ts): nothing after the file name.
    expect(row(4)).toEqual([3, '寇店镇', '（未收到）']);
  });
});
