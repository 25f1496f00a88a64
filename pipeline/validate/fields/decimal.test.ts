import { describe, expect, it } from 'vitest';
import { readDecimal } from './decimal.js';

const text = (value: string) => ({ text: value });

describe('readDecimal (小数)', () => {
  it('takes a number cell as it is, places are not cut', () => {
    expect(readDecimal({ text: '3.25', number: 3.25 }, {})).toEqual({ ok: true, value: 3.25 });
  });

  it('reads numbers typed as text: plain silently, full-width and thousands with a warning', () => {
    expect(readDecimal(text('3.5'), {})).toEqual({ ok: true, value: 3.5 });
    expect(readDecimal(text('３．５'), {})).toEqual({ ok: true, value: 3.5, note: '填写为「３．５」，全角数字已按半角读取，按 3.5 计' });
    expect(readDecimal(text('1,234.5'), {})).toEqual({
      ok: true,
      value: 1234.5,
      note: '填写为「1,234.5」，千位分隔符已去掉，按 1234.5 计',
    });
  });

  it('takes the column’s own unit off with a warning, refuses any other', () => {
    expect(readDecimal(text('3.5天'), { unit: '天' })).toEqual({
      ok: true,
      value: 3.5,
      note: '填写为「3.5天」，去掉单位「天」，按 3.5 计',
    });
    expect(readDecimal(text('3.5小时'), { unit: '天' })).toEqual({ ok: false, reason: '单位「小时」与本栏的单位「天」不同' });
    expect(readDecimal(text('3.5天'), {})).toEqual({ ok: false, reason: '数字后面多了「天」' });
  });

  it('reads 无 and / as 0 with a warning; words, dates and errors are refusals', () => {
    expect(readDecimal(text('无'), {})).toEqual({ ok: true, value: 0, note: '填写为「无」，按 0 计' });
    expect(readDecimal(text('若干'), {})).toEqual({ ok: false, reason: '不是数字' });
    expect(readDecimal(text('约3.5'), {})).toEqual({ ok: false, reason: '不是数字' });
    expect(readDecimal({ text: '2026年5月18日', date: '2026-05-18' }, {})).toEqual({ ok: false, reason: '是日期，不是数字' });
    expect(readDecimal({ text: '#DIV/0!', error: '#DIV/0!' }, {})).toEqual({ ok: false, reason: '单元格是错误值 #DIV/0!' });
  });
});
