import { describe, expect, it } from 'vitest';
import { error, warning } from '../../intake/kernel/problems.js';
import { fieldName, quoted, reportFindings, tableFinding, tableFindings } from './findings.js';

describe('findings in the official register', () => {
  it('names a split column the way the notice table does', () => {
    expect(fieldName('检查计算机数量(台)·涉密')).toBe('检查计算机数量（涉密）');
    expect(fieldName('删除涉密或敏感信息数量(条)')).toBe('删除涉密或敏感信息数量（条）');
  });

  it('names each grouped column of a rule as 组（列）, not the whole expression', () => {
    expect(fieldName('参训人数·已考核 <= 参训人数·干部 + 参训人数·职工')).toBe('参训人数（已考核） <= 参训人数（干部） + 参训人数（职工）');
    expect(fieldName('(经费(万元)·中央+经费·地方)/2')).toBe('（经费（中央）+经费（地方））/2');
    expect(fieldName('表·甲·一')).toBe('表（甲）（一）');
    const clause = tableFinding(
      error(
        'rule.failed',
        '不符合规则「参训人数·已考核 <= 参训人数·干部 + 参训人数·职工」：「参训人数·已考核」为 14，「参训人数·干部 + 参训人数·职工」为 12，前者应不大于后者',
        { field: '参训人数(人)·已考核', file: 'a.xlsx', location: 'E6、C6、D6' },
      ),
    );
    expect(clause).toBe(
      '不符合规则“参训人数（已考核） ≤ 参训人数（干部） + 参训人数（职工）”：“参训人数（已考核）”为 14，“参训人数（干部） + 参训人数（职工）”为 12，前者应不大于后者',
    );
  });

  it('names the table first when told which one (a campaign of several tables)', () => {
    const tableOf = () => '培训情况统计表';
    const rule = error(
      'rule.failed',
      '不符合规则「参训人数·已考核 <= 参训人数·应考核」：「参训人数·已考核」为 9，「参训人数·应考核」为 8，前者应不大于后者',
      {
        field: '参训人数(人)·已考核',
      },
    );
    expect(tableFinding(rule, () => null, tableOf)).toBe(
      '培训情况统计表不符合规则“参训人数（已考核） ≤ 参训人数（应考核）”：“参训人数（已考核）”为 9，“参训人数（应考核）”为 8，前者应不大于后者',
    );
    const value = error('value.invalid', '填写为「若干」，不是数字，应为非负整数', { field: '参训人数(人)·干部', found: '若干' });
    expect(tableFinding(value, () => null, tableOf)).toBe('培训情况统计表中参训人数（干部）一栏填写为“若干”，不是数字');
    const legacy = error('rule.lte', '「参训人数·已考核」为 9，大于「参训人数·应考核」的 8', { field: '参训人数·已考核' });
    expect(tableFinding(legacy, () => null, tableOf)).toBe('培训情况统计表中“参训人数（已考核）”为 9，大于“参训人数（应考核）”的 8');
    expect(tableFinding(error('table.no_data', '只有表头', {}), () => null, tableOf)).toBe('培训情况统计表只有表头，没有填写数据');
    // The next finding of the same table goes on without naming it again; another table is named.
    const tables: Record<string, string> = { 若干: '培训情况统计表', 甲: '培训情况统计表', 乙: '经费情况统计表' };
    const byFound = (problem: ReturnType<typeof error>) => tables[problem.found ?? ''] ?? null;
    const wrong = (found: string) => ({ ...value, found, summary: `填写为「${found}」，不是数字，应为非负整数` });
    expect(tableFindings([wrong('若干'), wrong('甲'), wrong('乙')], () => null, byFound)).toBe(
      '培训情况统计表中参训人数（干部）一栏填写为“若干”，不是数字；参训人数（干部）一栏填写为“甲”，不是数字；经费情况统计表中参训人数（干部）一栏填写为“乙”，不是数字',
    );
    // A list row names its list already.
    expect(tableFinding(value, () => '培训台账第1项“保密法规”', tableOf)).toBe(
      '培训台账第1项“保密法规”参训人数（干部）一栏填写为“若干”，不是数字',
    );
  });

  it('writes a choice not among the options with the options in brackets', () => {
    const clause = tableFinding(
      error('value.not_an_option', '填写为「大致完成」，不是可选的值，可选：已完成、进行中、未开始', {
        field: '完成情况',
        found: '大致完成',
        expected: '已完成、进行中、未开始 之一',
      }),
    );
    expect(clause).toBe('完成情况一栏填写为“大致完成”，不是可选的值（可选：已完成、进行中、未开始）');
  });

  it('quotes a text that holds quotes with ‘’ inside “”, never “““', () => {
    expect(quoted('“学雷锋”文明宣传')).toBe('“‘学雷锋’文明宣传”');
    expect(quoted('"学雷锋"文明宣传')).toBe('“‘学雷锋’文明宣传”');
    expect(quoted('保密法规')).toBe('“保密法规”');
    expect(
      tableFinding(
        error('value.invalid', '填写为「“若干”」，不是数字，应为非负整数', { field: '参训人数', found: '“若干”', expected: '非负整数' }),
      ),
    ).toBe('参训人数一栏填写为“‘若干’”，不是数字');
  });

  it('writes a value that is not a number as a sentence, without 「」 or double colons', () => {
    const clause = tableFinding(
      error('value.invalid', '填写为「若干」，不是数字，应为非负整数', {
        field: '检查计算机数量(台)·涉密',
        found: '若干',
        file: 'a.xlsx',
        location: 'D7',
      }),
    );
    expect(clause).toBe('检查计算机数量（涉密）一栏填写为“若干”，不是数字');
    expect(clause).not.toMatch(/[「」：:]|D7|xlsx/u);
  });

  it('says why a value is not one the column takes, as its reader said, without the advice to the unit', () => {
    const invalid = (found: string, reason: string, expected: string, field = '按时答复率(%)') =>
      tableFinding(error('value.invalid', `填写为「${found}」，${reason}，应为${expected}`, { field, found, expected }));
    expect(invalid('0.95', '是 95% 还是 0.95%，无法确定（百分比栏填百分数，85.7% 填 85.7）', '百分数（85.7% 填 85.7 或 85.7%）')).toBe(
      '按时答复率（%）一栏填写为“0.95”，是 95% 还是 0.95%，无法确定',
    );
    expect(invalid('3处', '单位「处」与本栏的单位「天」不同', '数字（单位：天）', '平均答复天数')).toBe(
      '平均答复天数一栏填写为“3处”，单位“处”与本栏的单位“天”不同',
    );
    expect(invalid('3.5', '应为整数', '非负整数', '参训人数(人)')).toBe('参训人数（人）一栏填写为“3.5”，应为整数');
    expect(invalid('若干', '不是数字', '非负整数', '参训人数(人)')).toBe('参训人数（人）一栏填写为“若干”，不是数字');
    // A summary of another shape says no more than that.
    expect(tableFinding(error('value.invalid', '「若干」不是数字', { field: '参训人数(人)', found: '若干', expected: '非负整数' }))).toBe(
      '参训人数（人）一栏填写为“若干”，不是数字',
    );
  });

  it('joins the errors of one unit with “；” and leaves warnings out', () => {
    const clause = tableFindings([
      error('table.missing_column', '统计表中找不到「备注」这一列', { field: '备注' }),
      warning('value.normalised', '全角数字已按半角读取', { field: '检查网络数量(个)·涉密' }),
      error('rule.lte', '「封存计算机数量(台)·涉密」为 5，大于「检查计算机数量(台)·涉密」的 3，前者不应大于后者', {
        field: '封存计算机数量(台)·涉密',
      }),
    ]);
    expect(clause).toBe('缺少“备注”一栏；“封存计算机数量（涉密）”为 5，大于“检查计算机数量（涉密）”的 3，前者不应大于后者');
  });

  it('writes the gaps of a report as one clause', () => {
    expect(
      reportFindings({
        missingAreas: ['社会网站监管情况'],
        chars: 42,
        minChars: 500,
        checksProblems: true,
        mentionsProblems: false,
        checksRectification: true,
        mentionsRectification: false,
      }),
    ).toBe('未涉及“社会网站监管情况”方面，篇幅过短（仅42字），未写明发现的问题和整改情况');
    // GB/T 15834: quoted items in a row take no 顿号 between them.
    expect(
      reportFindings({
        missingAreas: ['A', 'B'],
        chars: 900,
        minChars: 500,
        checksProblems: false,
        mentionsProblems: false,
        checksRectification: false,
        mentionsRectification: false,
      }),
    ).toBe('未涉及“A”“B”等方面');
    expect(
      reportFindings({
        missingAreas: [],
        chars: 900,
        minChars: 500,
        checksProblems: true,
        mentionsProblems: true,
        checksRectification: false,
        mentionsRectification: false,
      }),
    ).toBe('');
  });
});
