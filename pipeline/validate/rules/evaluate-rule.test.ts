import { describe, expect, it } from 'vitest';
import { parseRule } from '../../../intake/kernel/campaign/rules/parse-rule.js';
import type { ColumnRef } from '../../../intake/kernel/campaign/rules/rule-ast.js';
import { RuleNames } from '../../../intake/kernel/campaign/rules/rule-names.js';
import { tableSchema } from '../../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../../intake/kernel/campaign/tables.js';
import { describeBrokenRule } from './broken-rule.js';
import { evaluateRule, type RuleValues } from './evaluate-rule.js';

const tables = [
  buildTable(
    tableSchema.parse({
      name: '统计表',
      columns: [
        { label: '一般隐患(处)' },
        { label: '重大隐患(处)' },
        { label: '合计(处)' },
        { label: '已整改(处)' },
        { label: '整改率(%)', type: 'percent', places: 1 },
      ],
    }),
  ),
  buildTable(
    tableSchema.parse({
      name: '台账',
      kind: 'list',
      columns: [
        { label: '发现日期', type: 'date' },
        { label: '整改时限', type: 'date' },
        { label: '资金(万元)', type: 'amount' },
        { label: '整改状态', type: 'choice', options: ['已整改', '整改中', '未整改'] },
      ],
    }),
  ),
];
const names = new RuleNames(tables);
const rule = (line: string) => parseRule(line, names, 0);

function values(row: Record<string, number | string | null>, rows: number | null = null): RuleValues {
  return {
    value: (ref: ColumnRef) => row[ref.column] ?? null,
    rows: () => rows,
    sum: () => null,
  };
}

describe('judging a rule', () => {
  it('compares a 单选 column with one of its values, written bare though it is also a column’s name', () => {
    const done = rule('整改状态 = 已整改');
    expect(evaluateRule(done, values({ 整改状态: '已整改' }), tables)).toEqual({ status: 'held' });
    expect(evaluateRule(done, values({ 整改状态: '整改中' }), tables)).toEqual({
      status: 'broken',
      at: 0,
      left: '整改中',
      right: '已整改',
    });
    expect(evaluateRule(done, values({ 整改状态: null }), tables)).toEqual({ status: 'not-judged' });
    expect(evaluateRule(rule('整改状态 ≠ 未整改'), values({ 整改状态: '未整改' }), tables).status).toBe('broken');
  });

  it('holds, breaks with both sides, or is not judged when a value is blank', () => {
    const sum = rule('合计 = 一般隐患 + 重大隐患');
    expect(evaluateRule(sum, values({ 一般隐患: 3, 重大隐患: 2, 合计: 5 }), tables)).toEqual({ status: 'held' });
    expect(evaluateRule(sum, values({ 一般隐患: 3, 重大隐患: 2, 合计: 6 }), tables)).toEqual({
      status: 'broken',
      at: 0,
      left: 6,
      right: 5,
    });
    expect(evaluateRule(sum, values({ 一般隐患: 3, 重大隐患: null, 合计: 6 }), tables)).toEqual({ status: 'not-judged' });
  });

  it('compares a computed percentage at the places the column keeps (85.7 = 6 / 7 × 100)', () => {
    const rate = rule('整改率 = 已整改 / 合计 × 100');
    expect(evaluateRule(rate, values({ 已整改: 6, 合计: 7, 整改率: 85.7 }), tables).status).toBe('held');
    expect(evaluateRule(rate, values({ 已整改: 6, 合计: 7, 整改率: 86 }), tables).status).toBe('broken');
    // 0 / 0: nothing to judge, never a false alarm.
    expect(evaluateRule(rate, values({ 已整改: 0, 合计: 0, 整改率: 0 }), tables).status).toBe('not-judged');
  });

  it('says which end of a range is crossed, and dates as dates', () => {
    const range = rule('0 <= 整改率 <= 100');
    const broken = evaluateRule(range, values({ 整改率: 120 }), tables);
    expect(broken).toEqual({ status: 'broken', at: 1, left: 120, right: 100 });
    if (broken.status !== 'broken') throw new Error('unreachable');
    expect(describeBrokenRule(range, broken)).toEqual({
      summary: '不符合规则「0 <= 整改率 <= 100」：「整改率」为 120，应不大于 100',
      found: '120',
      expected: '不大于 100',
    });
    const dates = rule('整改时限 >= 发现日期');
    const late = evaluateRule(dates, values({ 发现日期: '2026-05-18', 整改时限: '2026-05-10' }), tables);
    if (late.status !== 'broken') throw new Error('should break');
    expect(describeBrokenRule(dates, late).summary).toBe(
      '不符合规则「整改时限 >= 发现日期」：「整改时限」为 2026-05-10，「发现日期」为 2026-05-18，前者应不早于后者',
    );
    // A day against a fixed day reads as a date too, not as a size.
    const deadline = rule('整改时限 <= "2026-06-30"');
    const after = evaluateRule(deadline, values({ 整改时限: '2026-07-02' }), tables);
    if (after.status !== 'broken') throw new Error('should break');
    expect(describeBrokenRule(deadline, after)).toMatchObject({ expected: '不晚于 2026-06-30' });
    expect(evaluateRule(rule('整改时限 - 发现日期 <= 30'), values({ 发现日期: '2026-05-18', 整改时限: '2026-06-30' }), tables).status).toBe(
      'broken',
    );
  });

  it('counts a list’s rows, and waits for the list when it was not sent', () => {
    const count = rule('行数(台账) = 重大隐患');
    expect(evaluateRule(count, values({ 重大隐患: 2 }, 2), tables).status).toBe('held');
    expect(evaluateRule(count, values({ 重大隐患: 2 }, 1), tables)).toMatchObject({ status: 'broken', left: 1, right: 2 });
    expect(evaluateRule(count, values({ 重大隐患: 2 }, null), tables).status).toBe('not-judged');
  });
});
