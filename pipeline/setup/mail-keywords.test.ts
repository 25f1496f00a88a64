import { describe, expect, it } from 'vitest';
import { mailKeywordsOf } from './mail-keywords.js';

describe('the keywords init --from proposes for the mail of a campaign', () => {
  it('proposes the title, the words of it that name the campaign and the tables’ names, never 报告, 统计, 总结 or 台账', () => {
    expect(
      mailKeywordsOf({
        title: '2026年度背街小巷整治项目进度统计',
        tables: ['2026年度背街小巷整治项目进度统计表'],
        report: '书面总结报告',
        materialsWord: '统计材料',
      }),
    ).toEqual(['2026年度背街小巷整治项目进度统计', '背街小巷整治', '2026年度背街小巷整治项目进度统计表']);
    expect(mailKeywordsOf({ title: '文明单位创建登记工作', tables: ['文明单位创建登记台账'], report: null, materialsWord: null })).toEqual([
      '文明单位创建登记工作',
      '文明单位创建',
      '文明单位创建登记台账',
    ]);
  });

  it('keeps the notice’s own word for its materials or its report when it says what they are about', () => {
    expect(mailKeywordsOf({ title: '汛期安全隐患排查', tables: ['统计表'], report: '防汛工作总结', materialsWord: '自查材料' })).toEqual([
      '汛期安全隐患排查',
      '汛期安全隐患',
      '防汛工作总结',
    ]);
  });
});
