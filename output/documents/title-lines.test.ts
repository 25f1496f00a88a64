import { describe, expect, it } from 'vitest';
import { TITLE_CHARS, titleLines, titleWidth } from './title-lines.js';

describe('a title’s printed lines', () => {
  it('keeps the lines a clerk broke when each fits', () => {
    expect(titleLines(['关于对2013年保密自查自评工作中', '未按时报送材料单位的通报'])).toEqual([
      '关于对2013年保密自查自评工作中',
      '未按时报送材料单位的通报',
    ]);
  });

  it('breaks a line too long for the page between words, into even lines, never inside a word', () => {
    // The word processor would have printed 关于对2026年汛前防汛安全隐患排查整治工 / 作中.
    const lines = titleLines(['关于对2026年汛前防汛安全隐患排查整治工作中', '未按时报送材料单位的通报']);
    expect(lines).toEqual(['关于对2026年汛前防汛', '安全隐患排查整治工作中', '未按时报送材料单位的通报']);
    for (const line of lines) expect(titleWidth(line)).toBeLessThanOrEqual(TITLE_CHARS);
  });

  it('keeps a number with what it counts, and starts no line with a particle or closing punctuation', () => {
    const lines = titleLines(['关于开展全区机关事业单位2026年度政务公开工作年度报告统计暨政府信息公开工作情况的汇总报告']);
    expect(lines.length).toBe(3);
    expect(lines.join('')).toBe('关于开展全区机关事业单位2026年度政务公开工作年度报告统计暨政府信息公开工作情况的汇总报告');
    for (const line of lines) {
      expect(line).not.toMatch(/^[的中，。）》”]|[0-9]$/u);
      expect(titleWidth(line)).toBeLessThanOrEqual(TITLE_CHARS);
    }
  });

  it('measures digits and letters as half a character, with the space beside Chinese', () => {
    expect(titleWidth('关于')).toBe(2);
    expect(titleWidth('2026年')).toBe(3.25);
  });
});
