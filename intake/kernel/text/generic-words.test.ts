import { describe, expect, it } from 'vitest';
import { isGenericWord, specificWords } from './generic-words.js';

describe('words that name no campaign', () => {
  it('calls a word made only of kinds of papers, steps of reporting and everyday office words generic', () => {
    for (const word of [
      '报告',
      '统计',
      '总结',
      '材料',
      '情况',
      '工作',
      '台账',
      '统计表',
      '书面总结报告',
      '自查报告',
      '工作情况报告',
      '2026年度统计',
      '签字盖章扫描件',
      '专项检查',
      '报送材料',
    ])
      expect(isGenericWord(word), word).toBe(true);
  });

  it('keeps a word that says what the campaign is about', () => {
    for (const word of [
      '背街小巷整治',
      '文明单位创建登记台账',
      '2026年度背街小巷整治进度统计',
      '保密审查',
      '政务公开',
      '培训台账',
      '隐患排查',
      '防汛',
    ])
      expect(isGenericWord(word), word).toBe(false);
  });

  it('finds the words of a title or a table name that name its campaign', () => {
    expect(specificWords('2026年度背街小巷整治项目进度统计')).toEqual(['背街小巷整治']);
    expect(specificWords('文明单位创建登记工作')).toEqual(['文明单位创建']);
    expect(specificWords('关于报送2026年度政务公开工作统计数据的通知')).toEqual(['政务公开']);
    expect(specificWords('政府信息公开保密审查专项检查')).toEqual(['政府信息公开保密审查']);
    expect(specificWords('书面总结报告')).toEqual([]);
  });

  it('leaves no piece of a word a generic word ends: 大 of 大检查, 大排查 goes with it', () => {
    expect(specificWords('2026年度安全生产大检查')).toEqual(['安全生产']);
    expect(specificWords('全区防汛安全隐患大排查')).toEqual(['防汛安全隐患']);
    // A word of two characters that ends in one is kept whole.
    expect(specificWords('区人大工作')).toEqual(['区人大']);
  });

  it('takes quarters, 建设 and 重点 for what they are: words of any campaign', () => {
    // Nothing is left of this title: it is routed by itself and its tables' names, not by a piece.
    expect(specificWords('2026年第二季度重点项目建设进展情况统计')).toEqual([]);
    expect(specificWords('政务公开平台建设')).toEqual(['政务公开平台']);
  });
});
