/**
 * The keywords proposed for a checklist's areas: whole words that only the area uses, never a word
 * of the campaign's title (every report names its campaign, so such a word would mark every area
 * covered).
 */
import { describe, expect, it } from 'vitest';
import { proposeAreaKeywords } from './area-keywords.js';

const FIRE = [
  {
    title: '消防安全责任制落实情况',
    items: ['重点检查单位主要负责人消防安全责任制、消防安全管理人职责和员工岗位责任落实情况。'],
  },
  { title: '火灾隐患排查整治情况', items: ['重点检查人员密集场所、高层建筑、仓储物流等火灾隐患排查和整改销号情况。'] },
  { title: '灭火救援准备情况', items: ['重点检查灭火救援预案、演练和消防物资储备情况。'] },
];

describe('proposeAreaKeywords', () => {
  it("leaves out the words of the campaign's title and proposes the area's own words", () => {
    const [responsibility] = proposeAreaKeywords(FIRE, { campaignTitle: '2026年度消防安全大检查' });
    expect(responsibility).toContain('责任制');
    for (const keyword of responsibility!) expect('2026年度消防安全大检查').not.toContain(keyword);
    // Nor a word merely carrying one of the title's (消防安全责任制 says no more than 责任制).
    expect(responsibility).not.toContain('消防安全');
    expect(responsibility).not.toContain('消防安全责任制');
  });

  it('never proposes a piece of a word: 防安全责任, 任制落实', () => {
    const keywords = proposeAreaKeywords(FIRE, { campaignTitle: '2026年度消防安全大检查' }).flat();
    // Each keyword begins and ends where a word does.
    for (const keyword of keywords) expect(keyword).not.toMatch(/^(防|全|任|制|患|查|援)|(消|安|责|隐|排|灭|救)$/u);
  });

  it('cuts no word at the end of a phrase either: 地质灾害隐患点, 处理拟公开的', () => {
    const keywords = proposeAreaKeywords([
      { title: '地质灾害隐患点情况', items: ['地质灾害隐患点是否落实监测责任人。', '地质灾害隐患点是否设立警示标志。'] },
      { title: '网络使用管理情况', items: ['是否使用连接互联网的计算机处理拟公开的信息。', '处理拟公开的信息是否经过审批。'] },
    ]).flat();
    expect(keywords).not.toContain('害隐患点');
    expect(keywords).not.toContain('处理拟公');
    expect(keywords).toContain('地质灾害');
  });
});
