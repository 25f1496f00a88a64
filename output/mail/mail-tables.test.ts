import { describe, expect, it } from 'vitest';
import { tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../intake/kernel/campaign/tables.js';
import { labelledValues } from './mail-tables.js';

const table = buildTable(
  tableSchema.parse({
    name: '进度统计表',
    columns: [
      { label: '涉及户数(户)', type: '整数' },
      { label: '计划投资(万元)', type: '金额', places: 2 },
      { label: '补助资金', type: '金额', places: 2, unit: '元' },
      { label: '完成率(%)', type: '百分比', places: 1 },
      { label: '整改率', type: '百分比', places: 1 },
      { label: '平均面积', type: '小数', places: 1, unit: '平方米' },
      { label: '检查人次', type: '整数' },
      { label: '开工日期', type: '日期' },
      { label: '是否完工', type: '单选', options: ['是', '否'] },
      { group: '资金(万元)', type: '金额', places: 2, columns: [{ label: '中央' }, { label: '地方' }] },
    ],
  }),
);

const text = (values: Record<string, number | string>) => labelledValues(table, values).map((item) => `${item.label}：${item.value}`);

describe('labelledValues (a receipt’s read values)', () => {
  it('prints a unit once: after the value unless the column’s label already carries it', () => {
    expect(
      text({
        涉及户数: 412,
        计划投资: 1234.5,
        补助资金: 300,
        完成率: 85,
        整改率: 92.5,
        平均面积: 60.5,
        检查人次: 12,
        开工日期: '2026-05-08',
        是否完工: '是',
        资金·中央: 100,
      }),
    ).toEqual([
      '涉及户数(户)：412',
      '计划投资(万元)：1234.50',
      '补助资金：300.00元',
      '完成率(%)：85.0',
      '整改率：92.5%',
      '平均面积：60.5平方米',
      '检查人次：12',
      '开工日期：2026年5月8日',
      '是否完工：是',
      '资金(万元)·中央：100.00',
    ]);
  });

  it('reads a full-width unit in the label as the same unit', () => {
    const wide = buildTable(tableSchema.parse({ name: '表', columns: [{ label: '完成率（％）', type: '百分比', places: 1 }] }));
    expect(labelledValues(wide, { 完成率: 85 })).toEqual([{ label: '完成率（％）', value: '85.0' }]);
  });
});
