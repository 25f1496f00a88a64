import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { describeProblem } from '../../intake/kernel/problems.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { BODY_FILE_NAME } from '../analyze/body-material.js';
import type { FoundRow, FoundTable, RawValue } from '../extract/find-table.js';
import { validateTable } from './validate-table.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

function row(values: Record<string, string | number>, label = '', r = 7): FoundRow {
  const cells: Record<string, RawValue> = {};
  campaign.columns.forEach((column, index) => {
    const value = values[column.key] ?? 0;
    const address = `${String.fromCharCode(65 + index)}${r}`;
    cells[column.key] = typeof value === 'number' ? { text: String(value), number: value, address } : { text: value, address };
  });
  return { location: `第${r}行`, label, cells };
}

function table(rows: FoundRow[], unit = '庞村镇'): FoundTable {
  return {
    table: campaign.tables[0]!.key,
    source: '',
    headerAddress: 'A5',
    unitName: { text: unit, location: 'A3' },
    date: null,
    rows,
    missingColumns: [],
  };
}

/** A 统计表's validation (the demo campaign has only one). */
function validateRow(...args: Parameters<typeof validateTable>) {
  const result = validateTable(...args);
  if (result.kind !== 'row') throw new Error('a 统计表 validates as a row');
  return result;
}

const context = { file: '统计表.xlsx' };

describe('validateTable', () => {
  it('reads a clean row without problems', () => {
    const result = validateRow(
      table([row({ departments: 12, computersClassified: 4, sealedComputersClassified: 1, remarks: '已整改' })]),
      campaign,
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.values.departments).toBe(12);
    expect(result.values.remarks).toBe('已整改');
    expect(result.row).toBe('第7行');
  });

  it('names unit-less problems with file, cell, field, found and expected', () => {
    const result = validateRow(table([row({ computersClassified: '若干' })]), campaign, context);
    expect(result.values.computersClassified).toBeNull();
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({
      severity: 'error',
      code: 'value.invalid',
      file: '统计表.xlsx',
      location: 'D7',
      field: '检查计算机数量(台)·涉密',
      found: '若干',
      expected: '非负整数',
    });
    expect(describeProblem({ ...problem!, unit: '庞村镇' })).toBe(
      '庞村镇，《统计表.xlsx》D7，「检查计算机数量(台)·涉密」：填写为「若干」，不是数字，应为非负整数',
    );
  });

  it('applies 封存 ≤ 检查 for each 涉密/非涉密 pair', () => {
    const result = validateRow(
      table([row({ mediaUnclassified: 3, sealedMediaUnclassified: 5, computersClassified: 2, sealedComputersClassified: 2 })]),
      campaign,
      context,
    );
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({
      code: 'rule.lte',
      location: 'K7',
      field: '封存移动存储介质数量(个)·非涉密',
      found: '5',
      expected: '不大于 3',
    });
    expect(result.problems[0]?.summary).toBe(
      '「封存移动存储介质数量(个)·非涉密」为 5，大于「检查移动存储介质数量(个)·非涉密」的 3，前者不应大于后者',
    );
  });

  it('turns normalised values into warnings, not errors', () => {
    const result = validateRow(
      table([row({ departments: '１２', networksClassified: '无', computersClassified: '4台' })]),
      campaign,
      context,
    );
    expect(result.problems.map((problem) => problem.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(result.values).toMatchObject({ departments: 12, networksClassified: 0, computersClassified: 4 });
  });

  it('is an error when the table has no data row', () => {
    const result = validateRow(table([]), campaign, context);
    expect(result.problems[0]).toMatchObject({ severity: 'error', code: 'table.no_data' });
    expect(Object.values(result.values).every((value) => value === null)).toBe(true);
  });

  it('reads a 统计表 whose one data row is hidden, and says so', () => {
    const result = validateRow(table([{ ...row({ departments: 12 }), hidden: true }]), campaign, context);
    expect(result.values).toMatchObject({ departments: 12 });
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'table.hidden_row',
        location: '第7行',
        summary: '统计表的数据行（第7行）是隐藏行，仍按其数据计入',
      }),
    ]);
  });

  it('takes a 合计 row among several rows, with a warning', () => {
    const result = validateRow(
      table([row({ departments: 1 }, '一村', 7), row({ departments: 2 }, '二村', 8), row({ departments: 3 }, '合计', 9)]),
      campaign,
      context,
    );
    expect(result.values.departments).toBe(3);
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'table.several_rows_total_used' })]);
  });

  it('takes the one row of data when the row under it is a 合计 written in a value column (a template without a label column)', () => {
    const data = row({ departments: 4 }, '', 5);
    const total = row({ departments: '合计' }, '', 6);
    const result = validateRow(table([data, total]), campaign, context);
    expect(result.values.departments).toBe(4);
    expect(result.row).toBe('第5行');
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'table.several_rows_total_used',
        summary: expect.stringContaining('第6行是合计行'),
      }),
    ]);
  });

  it('never sums several rows without a 合计', () => {
    const result = validateRow(table([row({ departments: 1 }, '一村', 7), row({ departments: 2 }, '二村', 8)]), campaign, context);
    expect(result.values.departments).toBeNull();
    expect(result.problems[0]).toMatchObject({ severity: 'error', code: 'table.several_rows' });
  });

  it('reports missing columns and a blank unit field', () => {
    const found = { ...table([row({})], ''), missingColumns: ['备注'] };
    const codes = validateRow(found, campaign, context).problems.map((problem) => problem.code);
    expect(codes).toEqual(['table.missing_column', 'table.unit_field_blank']);
  });

  it('asks no 填报单位 of a table pasted into the mail body (the mail says who sent it)', () => {
    const codes = validateRow(table([row({})], ''), campaign, { ...context, file: BODY_FILE_NAME }).problems.map((problem) => problem.code);
    expect(codes).toEqual([]);
  });
});
