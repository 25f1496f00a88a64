import { describe, expect, it } from 'vitest';
import { readRules } from '../../../intake/kernel/campaign/rules/read-rules.js';
import { tableSchema } from '../../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../../intake/kernel/campaign/tables.js';
import { type AdoptedTable, unitRuleProblems } from './unit-rules.js';

const tables = [
  buildTable(tableSchema.parse({ name: '统计表', columns: [{ label: '重大隐患(处)' }, { label: '整改资金(万元)', type: '金额' }] })),
  buildTable(
    tableSchema.parse({
      name: '台账',
      kind: '台账',
      columns: [
        { label: '隐患地点', type: '文字' },
        { label: '整改资金(万元)', type: '金额' },
      ],
    }),
  ),
];
const campaign = { tables, rules: readRules(['行数(台账) = 重大隐患', '求和(台账.整改资金) <= 统计表.整改资金'], tables).rules };

const stat = (major: number, money: number): AdoptedTable => ({
  file: '统计表.xlsx',
  values: { 重大隐患: major, 整改资金: money },
  cells: { 重大隐患: 'C6', 整改资金: 'D6' },
  rows: [],
});
const list = (...money: number[]): AdoptedTable => ({
  file: '台账.xlsx',
  values: null,
  cells: {},
  rows: money.map((value, index) => ({
    location: `第${index + 5}行`,
    values: { 隐患地点: '某处', 整改资金: value },
    cells: {},
    hasErrors: false,
  })),
});

describe('unitRuleProblems', () => {
  it('counts a list’s rows and sums its column against the 统计表', () => {
    expect(unitRuleProblems(campaign, { 统计表: stat(2, 10), 台账: list(4, 5) })).toEqual({ problems: [], inDoubt: new Set() });
    const broken = unitRuleProblems(campaign, { 统计表: stat(3, 8), 台账: list(4, 5) });
    expect(broken.problems.map((item) => [item.code, item.file, item.location, item.found])).toEqual([
      ['rule.failed', '统计表.xlsx、台账.xlsx', 'C6', '2（行数(台账)），3（重大隐患）'],
      ['rule.failed', '统计表.xlsx、台账.xlsx', 'D6', '9（求和(台账.整改资金)），8（统计表.整改资金）'],
    ]);
    expect(broken.inDoubt).toEqual(new Set(['统计表', '台账']));
  });

  it('judges nothing while one of the tables was not sent', () => {
    expect(unitRuleProblems(campaign, { 统计表: stat(3, 8) })).toEqual({ problems: [], inDoubt: new Set() });
  });
});
