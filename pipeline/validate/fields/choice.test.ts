import { describe, expect, it } from 'vitest';
import { readChoice } from './choice.js';

const yesNo = { options: ['是', '否'] };
const grades = { options: ['A', 'B', 'C'] };
const typed = (text: string, column = yesNo) => readChoice({ text }, column);

describe('readChoice (单选)', () => {
  it('takes an option as it is', () => {
    expect(typed('是')).toEqual({ ok: true, value: '是' });
    expect(typed('B', grades)).toEqual({ ok: true, value: 'B' });
  });

  it('normalises spaces, full-width letters and case with a warning', () => {
    expect(typed(' 是 ')).toEqual({ ok: true, value: '是', note: '填写为「 是 」，按「是」计' });
    expect(typed('是 。')).toEqual({ ok: true, value: '是', note: '填写为「是 。」，按「是」计' });
    expect(typed('Ｂ', grades)).toEqual({ ok: true, value: 'B', note: '填写为「Ｂ」，按「B」计' });
    expect(typed('b', grades)).toMatchObject({ ok: true, value: 'B' });
  });

  it('reads the ways people say yes and no in a 是/否 column, with a warning', () => {
    expect(typed('是的')).toEqual({ ok: true, value: '是', note: '填写为「是的」，按「是」计' });
    expect(typed('√')).toMatchObject({ ok: true, value: '是' });
    expect(typed('没有')).toMatchObject({ ok: true, value: '否' });
    expect(typed('不是')).toMatchObject({ ok: true, value: '否' });
    // Only where 是/否 are the options.
    expect(typed('是的', grades)).toMatchObject({ ok: false });
  });

  it('refuses a value off the list, naming the allowed ones', () => {
    expect(typed('已建立')).toEqual({ ok: false, code: 'value.not_an_option', reason: '不是可选的值，可选：是、否' });
    expect(typed('D', grades)).toEqual({ ok: false, code: 'value.not_an_option', reason: '不是可选的值，可选：A、B、C' });
  });
});
