import { describe, expect, it } from 'vitest';
import { error } from '../../intake/kernel/problems.js';
import { problemItems } from './mail-data.js';

describe('a problem as a unit reads it', () => {
  it('says a broken rule once: its summary already has the values found and what they should be', () => {
    const summary = '「其中：新开工 + 其中：续建」为 0，「项目总数」为 4，前者应等于后者';
    const [item] = problemItems([
      error('rule.failed', summary, {
        unit: '庞村镇',
        file: '庞村镇报表.xlsx',
        found: '0（其中：新开工 + 其中：续建），4（项目总数）',
        expected: '等于 4（项目总数）',
      }),
    ]);
    expect(item!.text).toContain(summary);
    expect(item!.text).not.toContain('填写的是');
    expect(item!.text).not.toContain('应为');
  });

  it('adds what was written and what is expected to a value problem whose summary lacks them', () => {
    const [item] = problemItems([
      error('value.invalid', '「项目总数」不是整数', { unit: '庞村镇', file: '庞村镇报表.xlsx', found: '若干', expected: '0 或正整数' }),
    ]);
    expect(item!.text).toContain('填写的是「若干」');
    expect(item!.text).toContain('应为0 或正整数');
  });
});
