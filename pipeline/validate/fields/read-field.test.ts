import { describe, expect, it } from 'vitest';
import type { ColumnDef } from '../../../intake/kernel/campaign/campaign.js';
import { tableSchema } from '../../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../../intake/kernel/campaign/tables.js';
import type { RawValue } from '../../extract/find-table.js';
import { readField } from './read-field.js';

const table = buildTable(
  tableSchema.parse({
    name: '隐患排查统计表',
    columns: [
      { label: '排查点位数(处)' },
      { label: '整改率(%)', type: '百分比', places: 1, max: 100 },
      { label: '整改资金(万元)', type: '金额' },
      { label: '是否建立台账', type: '单选', required: true },
      { label: '发现日期', type: '日期', min: '2026-01-01' },
      { label: '参训人数(人)', type: '整数', min: 1 },
      { label: '增减(个)', type: '整数', min: -100 },
      { label: '平均答复天数', type: '小数', places: 1 },
      { label: '培训学时', type: '小数', places: 1 },
    ],
  }),
);
const column = (name: string): ColumnDef => table.columns.find((item) => item.name === name)!;
const options = { year: 2026, blankCountIsZero: true };
const cell = (text: string, extra: Partial<RawValue> = {}): RawValue => ({ text, address: 'D7', ...extra });
const read = (name: string, value: RawValue | undefined, blankCountIsZero = true) =>
  readField(column(name), value, '隐患统计表.xlsx', { ...options, blankCountIsZero });

describe('readField', () => {
  it('names file, cell, column, found and expected in each problem', () => {
    expect(read('整改率', cell('大部分'))).toEqual({
      value: null,
      problems: [
        {
          severity: 'error',
          code: 'value.invalid',
          summary: '填写为「大部分」，不是数字，应为百分数（85.7% 填 85.7 或 85.7%）',
          file: '隐患统计表.xlsx',
          location: 'D7',
          field: '整改率(%)',
          found: '大部分',
          expected: '百分数（85.7% 填 85.7 或 85.7%）',
        },
      ],
    });
  });

  it('says what an ambiguous percentage should be once, not twice', () => {
    expect(read('整改率', cell('0.857', { number: 0.857 })).problems[0]?.summary).toBe(
      '填写为「0.857」，是 85.7% 还是 0.857%，无法确定，应为百分数（85.7% 填 85.7 或 85.7%）',
    );
  });

  it('says a unit typed into a cell with a warning, and a converted one with its own code', () => {
    const typed = read('整改率', cell('85.7%'));
    expect(typed.value).toBe(85.7);
    expect(typed.problems.map((item) => [item.severity, item.code])).toEqual([['warning', 'value.normalised']]);
    const converted = read('整改资金', cell('125000元'));
    expect(converted.value).toBe(12.5);
    expect(converted.problems[0]).toMatchObject({ code: 'value.unit_converted', found: '125000元', expected: '金额（单位：万元）' });
    expect(read('排查点位数', cell('3处')).problems[0]).toMatchObject({
      code: 'value.normalised',
      summary: '填写为「3处」，去掉单位「处」，按 3 计',
    });
  });

  it('shows a percentage cell as the unit sees it', () => {
    const result = read('整改率', cell('1.2', { number: 1.2, percent: true }));
    expect(result.value).toBe(120);
    expect(result.problems[0]).toMatchObject({
      code: 'value.out_of_range',
      found: '120%',
      expected: '0 到 100 之间',
      summary: '填写为「120%」，超出本栏的范围，应在 0 到 100 之间',
    });
  });

  it('refuses a blank required cell; a blank count is 0 in a 统计表 and blank in a list', () => {
    expect(read('是否建立台账', cell(' ')).problems[0]).toMatchObject({
      code: 'value.required',
      summary: '必填，未填写',
      expected: '是、否 之一',
    });
    expect(read('排查点位数', cell(''))).toMatchObject({ value: 0, problems: [{ code: 'value.normalised', summary: '未填写，按 0 计' }] });
    expect(read('排查点位数', cell(''), false)).toEqual({ value: null, problems: [] });
    expect(read('整改资金', cell(''))).toEqual({ value: null, problems: [] });
  });

  it('gives a choice off the list and an ambiguous date their own codes', () => {
    expect(read('是否建立台账', cell('已建立')).problems[0]).toMatchObject({
      code: 'value.not_an_option',
      summary: '填写为「已建立」，不是可选的值，可选：是、否',
    });
    expect(read('发现日期', cell('5/6')).problems[0]).toMatchObject({ code: 'value.date_ambiguous', found: '5/6' });
  });

  it('checks ranges of numbers and dates, and lets a column allow negatives', () => {
    expect(read('参训人数', cell('0', { number: 0 })).problems[0]).toMatchObject({ code: 'value.out_of_range', expected: '不小于 1' });
    expect(read('发现日期', cell('2025-12-31')).problems[0]).toMatchObject({ code: 'value.out_of_range', expected: '不小于 2026-01-01' });
    expect(read('增减', cell('-3'))).toEqual({ value: -3, problems: [] });
    expect(read('增减', cell('-300')).problems[0]).toMatchObject({ code: 'value.out_of_range', expected: '不小于 -100' });
  });

  it('refuses a formula without a result, whatever the type', () => {
    const result = read('整改资金', cell('', { formula: { text: '=SUM(X1:X9)', computed: false, reason: '引用了不存在的工作表' } }));
    expect(result.value).toBeNull();
    expect(result.problems.map((item) => item.code)).toEqual(['value.formula_uncomputed']);
  });

  it('reads the unit a column’s name counts in with a warning, and refuses any other unit', () => {
    expect(read('平均答复天数', cell('6.5天'))).toMatchObject({
      value: 6.5,
      problems: [{ severity: 'warning', code: 'value.normalised', summary: '填写为「6.5天」，去掉单位「天」，按 6.5 计' }],
    });
    expect(read('培训学时', cell('2.5学时'))).toMatchObject({ value: 2.5, problems: [{ code: 'value.normalised' }] });
    expect(read('平均答复天数', cell('3处'))).toMatchObject({
      value: null,
      problems: [
        { severity: 'error', code: 'value.invalid', summary: '填写为「3处」，单位「处」与本栏的单位「天」不同，应为数字（单位：天）' },
      ],
    });
  });

  it('tells a computed formula’s value as the column keeps it: a percentage’s 0.9 is 90.0', () => {
    const formula = { text: '=C5/B5', computed: true } as const;
    const rate = read('整改率', cell('0.9', { number: 0.9, percent: true, formula }));
    expect(rate.value).toBe(90);
    expect(rate.problems).toMatchObject([
      { code: 'value.formula_computed', summary: '单元格中的公式「=C5/B5」没有保存计算结果，已按公式算出「90.0」' },
    ]);
    const count = read('排查点位数', cell('12', { number: 12, formula: { text: '=SUM(B5:C5)', computed: true } }));
    expect(count.problems[0]!.summary).toBe('单元格中的公式「=SUM(B5:C5)」没有保存计算结果，已按公式算出「12」');
  });

  it('reads nothing from a column the table lacks', () => {
    expect(read('排查点位数', undefined)).toEqual({ value: null, problems: [] });
  });
});
