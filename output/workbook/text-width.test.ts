import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../intake/kernel/text/display-width.js';
import { textWidth } from './text-width.js';

describe('textWidth', () => {
  it('measures as displayWidth does: CJK and full-width two, the rest one, a surrogate pair one', () => {
    const samples = [
      '',
      'abc 123',
      '示范单位00004第1处隐患点（29号地块）',
      '区安全生产监督管理局',
      'ｆｕｌｌ－ｗｉｄｔｈ，。！',
      '한국어 ㄱ ᄀ',
      '𠀀𡃁 emoji 😀 end',
      '\ud800 lone high, lone low \udc00',
      '￠￦ ¢ ₩ ⺀ ꓏ ꓐ ﹏ ﹐ ｠ ｡',
      String.fromCharCode(...Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => code < 0xd800 || code > 0xdfff)),
    ];
    for (const sample of samples) expect(textWidth(sample), sample.slice(0, 20)).toBe(displayWidth(sample));
  });
});
