import { describe, expect, it } from 'vitest';
import { readPercent } from './percent.js';

const column = { places: 1 };

describe('readPercent (百分比)', () => {
  it('reads 85.7 for 85.7 % whichever way the cell holds it', () => {
    expect(readPercent({ text: '0.857', number: 0.857, percent: true }, column)).toEqual({ ok: true, value: 85.7 });
    expect(readPercent({ text: '85.7', number: 85.7 }, column)).toEqual({ ok: true, value: 85.7 });
    expect(readPercent({ text: '85.7' }, column)).toEqual({ ok: true, value: 85.7 });
    expect(readPercent({ text: '85.7%' }, column)).toEqual({ ok: true, value: 85.7, note: '填写为「85.7%」，去掉单位「%」，按 85.7 计' });
    expect(readPercent({ text: '８５．７％' }, column)).toEqual({
      ok: true,
      value: 85.7,
      note: '填写为「８５．７％」，全角数字已按半角读取，去掉单位「%」，按 85.7 计',
    });
    expect(readPercent({ text: '1', number: 1, percent: true }, column)).toEqual({ ok: true, value: 100 });
  });

  it('refuses a bare fraction it cannot tell from a tiny percentage, takes one it can', () => {
    expect(readPercent({ text: '0.857', number: 0.857 }, column)).toEqual({
      ok: false,
      reason: '是 85.7% 还是 0.857%，无法确定',
    });
    expect(readPercent({ text: '0.857' }, column).ok).toBe(false);
    expect(readPercent({ text: '0.5', number: 0.5 }, column)).toEqual({ ok: true, value: 0.5 });
    expect(readPercent({ text: '0.857%' }, column)).toMatchObject({ ok: true, value: 0.857 });
  });

  it('reads / as blank (nothing to rate), refuses words and other signs', () => {
    expect(readPercent({ text: '/' }, column)).toEqual({ ok: true, value: null, note: '填写为「/」，按未填写计' });
    expect(readPercent({ text: '85.7‰' }, column)).toEqual({ ok: false, reason: '数字后面多了「‰」' });
    expect(readPercent({ text: '全部整改' }, column)).toEqual({ ok: false, reason: '不是数字' });
  });
});
