/**
 * A campaign whose only table is a list (test/fixtures/campaigns/huamingce-2026: a 保密培训
 * 花名册) end to end through the real CLI: every person of every unit read and checked row by
 * row, from a LibreOffice workbook with real date cells, a Word 花名册 split at a page break into
 * two tables (the second without the header, a space typed after a 女), a WPS file with nothing but its template rows, and
 * one with a rule broken and a choice off the list (test/fixtures/campaigns/huamingce-units.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { huamingceMails } from './support/campaign-mails.js';
import { type CampaignRun, runCampaign } from './support/campaign-run.js';

const LIST = '保密培训人员花名册';
let run: CampaignRun;

beforeAll(async () => {
  run = await runCampaign('huamingce-2026', huamingceMails());
}, 600_000);

const rowsOf = (unit: string) => run.unit(unit).tables[LIST]!.rows.map((row) => [row.location, ...Object.values(row.values)]);

describe('huamingce-2026 through the real CLI', () => {
  it('gives every unit the status a clerk would, the list being all it must send', () => {
    expect(run.status.units.map((unit) => [unit.unit, unit.status])).toEqual([
      ['庞村镇', '按时报送'],
      ['李村镇', '按时报送'],
      ['寇店镇', '按时报送'],
      ['区财政局', '数据有误'],
      ['区教育局', '未报送'],
    ]);
    expect(run.result.units.map((unit) => unit.missing)).toEqual([[], [], [], [], [LIST]]);
  });

  it('reads every person with typed values: dates as days, choices and texts as written, numbers as numbers', () => {
    expect(rowsOf('庞村镇')).toEqual([
      ['第4行', '张伟', '男', '1982-04-16', '副镇长', 8.5, 92, '是'],
      ['第5行', '李娜', '女', '1990-11-02', '党政办主任', 12, 88, '是'],
      ['第6行', '王强', '男', '1979-07-23', '武装部长', 8, 75, '是'],
    ]);
    expect(run.unit('庞村镇').problems).toEqual([]);
    // A list is no 统计表 row: the first campaign's `values` stay empty.
    expect(run.unit('庞村镇').values).toBeNull();
  });

  it('reads on into a Word table that carries the list over a page break without its header', () => {
    expect(rowsOf('李村镇')).toEqual([
      ['第1个表格第2行', '赵敏', '女', '1985-03-12', '副镇长', 12, 90, '是'],
      ['第1个表格第3行', '钱进', '男', '1988-06-01', '组织委员', 10.5, 85, '是'],
      ['第1个表格第4行', '孙丽', '女', '1992-09-09', '宣传委员', 8, 80, '是'],
      ['第2个表格第1行', '周刚', '男', '1975-12-30', '人大主席', 9, 78, '是'],
      ['第2个表格第2行', '吴芳', '女', '1987-02-03', '纪委书记', 16, 95, '是'],
    ]);
    // 「女 」 with a space typed after it: read, and the unit hears of it.
    expect(run.unit('李村镇').problems.map((item) => [item.code, item.location, item.summary])).toEqual([
      ['value.normalised', '第1个表格第2行第2列', '填写为「女 」，按「女」计'],
    ]);
  });

  it('takes a list of zero rows for what it is, with a word to the clerk', () => {
    expect(run.unit('寇店镇').tables[LIST]).toMatchObject({ file: '寇店镇保密培训花名册.xlsx', rows: [], counted: true });
    expect(run.unit('寇店镇').problems.map((item) => [item.severity, item.code])).toEqual([['warning', 'table.list_empty']]);
  });

  it('checks each row by the rules inside a row and says which row', () => {
    const caizheng = run.unit('区财政局');
    expect(caizheng.tables[LIST]!.rows.map((row) => [row.location, row.hasErrors, row.values.性别])).toEqual([
      ['第4行', true, '男'],
      ['第5行', true, null],
    ]);
    expect(caizheng.problems.map((item) => [item.code, item.location, item.summary])).toEqual([
      ['rule.failed', 'E4', '不符合规则「培训学时 >= 8」：「培训学时」为 6，应不小于 8'],
      ['value.not_an_option', 'B5', '填写为「男性」，不是可选的值，可选：男、女'],
    ]);
  });

  it('totals the list over the units counted', () => {
    expect(run.result.tables[LIST]).toEqual({
      table: LIST,
      totals: { 姓名: null, 性别: null, 出生日期: null, 职务: null, 培训学时: 84, 考试成绩: null, 是否合格: null },
      included: ['庞村镇', '李村镇', '寇店镇'],
      excluded: ['区财政局'],
      rows: 8,
    });
    // Exam scores are not summed: 683 分 over eight people is no statistic.
    expect(run.result.totals).toEqual({ 培训学时: 84 });
  });
});
