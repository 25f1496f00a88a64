/**
 * A campaign of another shape end to end through the real CLI: the flood-season hazard
 * inspection of issue 20 (test/fixtures/campaigns/yinhuan-2026): a 统计表 with a group, a
 * percentage, an amount in 万元, a 是/否 choice and a 合计 that must equal its parts; a 重大隐患
 * 整改台账 of zero to many rows per unit with dates and choices; a written report and a signed
 * scan. The units' files were made by LibreOffice and in the shapes WPS writes
 * (test/fixtures/campaigns/yinhuan-units.ts says what each unit typed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { yinhuanMails } from './support/campaign-mails.js';
import { type CampaignRun, runCampaign } from './support/campaign-run.js';

let run: CampaignRun;

beforeAll(async () => {
  run = await runCampaign('yinhuan-2026', await yinhuanMails());
}, 600_000);

const STAT = '汛期安全隐患排查整治情况统计表';
const LIST = '重大隐患整改台账';

/** A unit's problems as code and where: "value.normalised F6". */
const problemsOf = (unit: string) =>
  run
    .unit(unit)
    .problems.map((item) => `${item.severity === 'error' ? '错误' : '提示'} ${item.code}${item.location ? ` ${item.location}` : ''}`);
const rowsOf = (unit: string): Record<string, unknown>[] =>
  run.unit(unit).tables[LIST]!.rows.map((row) => ({ location: row.location, ...row.values }));

describe('yinhuan-2026 through the real CLI', () => {
  it('gives every unit the status a clerk would', () => {
    expect(run.run.stderr).not.toContain('Error');
    expect(run.status.units.map((unit) => [unit.unit, unit.status])).toEqual([
      ['庞村镇', '按时报送'],
      ['李村镇', '按时报送'],
      ['寇店镇', '材料不全'],
      ['诸葛镇', '逾期报送'],
      ['区水利局', '数据有误'],
      ['区住建局', '材料不全'],
      ['区教育局', '未报送'],
    ]);
    expect(run.result.units.map((unit) => [unit.unit, unit.missing])).toEqual([
      ['庞村镇', []],
      ['李村镇', []],
      ['寇店镇', ['签字盖章扫描件']],
      ['诸葛镇', []],
      ['区水利局', []],
      ['区住建局', [LIST]],
      ['区教育局', [STAT, LIST, '书面总结报告', '签字盖章扫描件']],
    ]);
  });

  it('reads every value of every unit’s 统计表, typed as its column says', () => {
    const keys = [
      '排查点位数',
      '发现隐患·一般隐患',
      '发现隐患·重大隐患',
      '发现隐患·合计',
      '已整改',
      '整改率',
      '整改资金',
      '是否建立隐患台账',
      '备注',
    ];
    const values = (unit: string) => {
      const table = run.unit(unit).tables[STAT]!;
      return table.values === null ? null : keys.map((key) => table.values![key]);
    };
    expect(Object.fromEntries(run.result.units.map((unit) => [unit.unit, values(unit.unit)]))).toEqual({
      庞村镇: [40, 5, 2, 7, 6, 85.7, 12.5, '是', null],
      李村镇: [30, 3, 1, 4, 3, 75, 8.6, '是', '汛前已完成全面排查'],
      寇店镇: [12, 2, 0, 2, 2, 100, 0, '否', '无重大隐患'],
      诸葛镇: [35, 4, 3, 7, 6, 85.7, 12.5, '是', null],
      区水利局: [20, 3, 1, 5, null, 80, 6, null, null],
      区住建局: [25, 6, 2, 8, 4, 50, 20, '是', null],
      区教育局: null,
    });
  });

  it('reads every row of every unit’s 台账', () => {
    const rows = (unit: string) => rowsOf(unit).map((row) => Object.values(row).join(' | '));
    expect(Object.fromEntries(run.result.units.map((unit) => [unit.unit, rows(unit.unit)]))).toEqual({
      庞村镇: [
        '工作表「附件2 台账」第5行 | 1 | 伊河左岸堤段 | 地质灾害 | 2026-05-08 | 2026-05-30 | 8.2 | 是',
        '工作表「附件2 台账」第6行 | 2 | 庞村老街排水口 | 城市内涝 | 2026-05-10 | 2026-06-15 | 3.5 | 否',
      ],
      李村镇: ['第5行 | 1 | 李村水库溢洪道 | 地质灾害 | 2026-05-08 | 2026-05-31 | 2 | 否'],
      寇店镇: [],
      诸葛镇: [
        '第2个表格第2行 | 1 | 诸葛村后山滑坡点 | 地质灾害 | 2026-05-09 | 2026-06-30 | 5 | 否',
        '第2个表格第3行 | 2 | 镇区东街低洼处 | 城市内涝 | 2026-05-12 | 2026-06-10 | 4.5 | 是',
        '第3个表格第2行 | 3 | 中学旧宿舍楼 | 危房 | 2026-05-15 | 2026-07-31 | 3 | 否',
      ],
      区水利局: ['工作表「台账」第5行 | 1 | 水利局机关院内挡墙 | 地质灾害 |  | 2026-06-30 | 1.5 | 否'],
      区住建局: [],
      区教育局: [],
    });
  });

  it('reads a LibreOffice workbook of two sheets: a real 85.7 % cell, real date cells, the list up to its template rows', () => {
    expect(run.unit('庞村镇').tables[STAT]!.values).toEqual({
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
    expect(rowsOf('庞村镇')).toEqual([
      {
        location: '工作表「附件2 台账」第5行',
        序号: 1,
        隐患地点: '伊河左岸堤段',
        隐患类别: '地质灾害',
        发现日期: '2026-05-08',
        整改时限: '2026-05-30',
        整改资金: 8.2,
        是否完成整改: '是',
      },
      {
        location: '工作表「附件2 台账」第6行',
        序号: 2,
        隐患地点: '庞村老街排水口',
        隐患类别: '城市内涝',
        发现日期: '2026-05-10',
        整改时限: '2026-06-15',
        整改资金: 3.5,
        是否完成整改: '否',
      },
    ]);
    expect(run.unit('庞村镇').tables[LIST]!.rows[0]!.cells).toMatchObject({ 发现日期: 'D5', 整改资金: 'F5' });
    // The signed scan is that material, not a report that cannot be read.
    expect(problemsOf('庞村镇')).toEqual([]);
    expect(run.unit('庞村镇').report?.file).toBe('庞村镇汛期安全隐患排查整治工作报告.docx');
  });

  it('reads what WPS users type (3处, 75%, 8.6万元, 是的, 5月31日), each with a warning, a date serial as its day, and takes the list from the correction only', () => {
    const licun = run.unit('李村镇');
    expect(licun.tables[STAT]!.values).toMatchObject({
      发现隐患·一般隐患: 3,
      整改率: 75,
      整改资金: 8.6,
      是否建立隐患台账: '是',
      备注: '汛前已完成全面排查',
    });
    expect(rowsOf('李村镇')).toEqual([
      {
        location: '第5行',
        序号: 1,
        隐患地点: '李村水库溢洪道',
        隐患类别: '地质灾害',
        发现日期: '2026-05-08',
        整改时限: '2026-05-31',
        整改资金: 2,
        是否完成整改: '否',
      },
    ]);
    const [first, correction] = licun.messageIds;
    expect(licun.tables[STAT]!.messageId).toBe(first);
    expect(licun.tables[LIST]!).toMatchObject({ messageId: correction, file: '李村镇重大隐患整改台账（更正）.xlsx', counted: true });
    // Both messages still stand: the first for its 统计表, report and scan, the correction for the list.
    expect(run.result.messages.filter((message) => message.unit === '李村镇').map((message) => message.outcome)).toEqual([
      'adopted',
      'adopted',
    ]);
    expect(problemsOf('李村镇')).toEqual([
      '提示 value.normalised B6',
      '提示 value.normalised F6',
      '提示 value.normalised G6',
      '提示 value.normalised H6',
      '提示 value.normalised E5',
    ]);
    expect(licun.problems.find((item) => item.location === 'E5')?.summary).toBe(
      '填写为「5月31日」，没有写年份，按活动所在的 2026 年读作 2026-05-31',
    );
  });

  it('reads both tables from one sheet of an .xls, a list of zero rows among its template rows, and names the missing scan', () => {
    expect(run.unit('寇店镇').tables[STAT]!.values).toMatchObject({
      发现隐患·重大隐患: 0,
      整改率: 100,
      整改资金: 0,
      是否建立隐患台账: '否',
    });
    expect(run.unit('寇店镇').tables[LIST]).toMatchObject({ file: '寇店镇隐患排查统计表.xls', rows: [], counted: true });
    expect(problemsOf('寇店镇')).toEqual(['提示 table.list_empty', '错误 unit.no_material']);
    expect(run.unit('寇店镇').problems.at(-1)?.summary).toBe('来信中没有「签字盖章扫描件」');
  });

  it('reads a Word report holding the 统计表 and a list split over two tables, converting 元 to 万元', () => {
    const zhuge = run.unit('诸葛镇');
    expect(zhuge.tables[STAT]!.values).toMatchObject({ 排查点位数: 35, 整改率: 85.7, 整改资金: 12.5, 是否建立隐患台账: '是' });
    expect(rowsOf('诸葛镇').map((row) => [row.location, row.序号, row.发现日期, row.整改时限, row.整改资金])).toEqual([
      ['第2个表格第2行', 1, '2026-05-09', '2026-06-30', 5],
      ['第2个表格第3行', 2, '2026-05-12', '2026-06-10', 4.5],
      ['第3个表格第2行', 3, '2026-05-15', '2026-07-31', 3],
    ]);
    expect(zhuge.report?.file).toBe('诸葛镇汛期安全隐患排查整治工作报告.docx');
    const converted = zhuge.problems.find((item) => item.code === 'value.unit_converted');
    expect(converted).toMatchObject({
      found: '125000元',
      summary: '填写为「125000元」，单位是「元」，本栏以「万元」为单位，已换算为 12.5 万元',
    });
    expect(zhuge.late).toBe(true);
    expect(problemsOf('诸葛镇')).toEqual([
      '提示 value.normalised 第1个表格第3行第6列',
      '提示 value.unit_converted 第1个表格第3行第7列',
      '提示 value.normalised 第2个表格第3行第6列',
      '提示 unit.late',
    ]);
  });

  it('says each mistake with its cell, what was found and what was expected, never a guess', () => {
    const shuili = run.unit('区水利局');
    expect(
      shuili.problems.filter((item) => item.severity === 'error').map((item) => [item.code, item.location, item.found, item.expected]),
    ).toEqual([
      ['value.invalid', '工作表「统计表」E6', '全部', '非负整数'],
      ['value.not_an_option', '工作表「统计表」H6', '已建立', '是、否 之一'],
      ['rule.failed', '工作表「统计表」D6、B6、C6', '5（合计），4（一般隐患 + 重大隐患）', '等于 4（一般隐患 + 重大隐患）'],
      ['value.date_ambiguous', '工作表「台账」D5', '5/6', '日期（如 2026-05-18、2026年5月18日）'],
    ]);
    expect(shuili.tables[STAT]!.values).toMatchObject({ 已整改: null, 是否建立隐患台账: null });
    expect(shuili.tables[LIST]!.rows[0]).toMatchObject({ hasErrors: true, values: { 发现日期: null } });
    expect(shuili.problems.every((item) => item.unit === '区水利局' && item.file === '区水利局隐患排查材料.xlsx')).toBe(true);
  });

  it('does not judge a rule across tables while one of them is missing: 材料不全, not 数据有误', () => {
    expect(run.unit('区住建局').tables[STAT]!.values).toMatchObject({ 发现隐患·重大隐患: 2, 整改率: 50, 整改资金: 20 });
    expect(problemsOf('区住建局')).toEqual(['错误 unit.no_table']);
    expect(run.unit('区住建局').problems[0]?.summary).toBe('来信中没有找到「重大隐患整改台账」');
  });

  it('totals each table over the units it counts; 整改率 from its defining rule, not summed', () => {
    expect(run.result.tables[STAT]).toEqual({
      table: STAT,
      totals: {
        排查点位数: 142,
        发现隐患·一般隐患: 20,
        发现隐患·重大隐患: 8,
        发现隐患·合计: 28,
        已整改: 21,
        整改率: 75,
        整改资金: 53.6,
        是否建立隐患台账: null,
        备注: null,
      },
      included: ['庞村镇', '李村镇', '寇店镇', '诸葛镇', '区住建局'],
      excluded: ['区水利局'],
      rows: 0,
    });
    expect(run.result.tables[LIST]).toEqual({
      table: LIST,
      totals: { 序号: null, 隐患地点: null, 隐患类别: null, 发现日期: null, 整改时限: null, 整改资金: 26.2, 是否完成整改: null },
      included: ['庞村镇', '李村镇', '寇店镇', '诸葛镇'],
      excluded: ['区水利局'],
      rows: 6,
    });
  });
});
