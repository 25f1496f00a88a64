import { describe, expect, it } from 'vitest';
import { readAmount } from './amount.js';

const wan = { amountUnit: '万元' as const };
const yuan = { amountUnit: '元' as const };
const text = (value: string) => ({ text: value });

describe('readAmount (金额)', () => {
  it('takes a number as it is, in the column’s unit', () => {
    expect(readAmount({ text: '12.5', number: 12.5 }, wan)).toEqual({ ok: true, value: 12.5 });
    expect(readAmount(text('12.5'), wan)).toEqual({ ok: true, value: 12.5 });
  });

  it('takes the column’s own unit off with a warning (万元 and 万 alike)', () => {
    expect(readAmount(text('12.5万元'), wan)).toEqual({ ok: true, value: 12.5, note: '填写为「12.5万元」，去掉单位「万元」，按 12.5 计' });
    expect(readAmount(text('12.5万'), wan)).toMatchObject({ ok: true, value: 12.5 });
    expect(readAmount(text('¥3,500元'), yuan)).toEqual({
      ok: true,
      value: 3500,
      note: '填写为「¥3,500元」，去掉「¥」，去掉单位「元」，千位分隔符已去掉，按 3500 计',
    });
  });

  it('names what was folded: full-width digits are no thousands separators', () => {
    expect(readAmount(text('１２６０００'), yuan)).toEqual({
      ok: true,
      value: 126000,
      note: '填写为「１２６０００」，全角数字已按半角读取，按 126000 计',
    });
    expect(readAmount(text('1,234.50'), yuan)).toEqual({
      ok: true,
      value: 1234.5,
      note: '填写为「1,234.50」，千位分隔符已去掉，按 1234.5 计',
    });
  });

  it('converts the other unit with a warning naming both', () => {
    expect(readAmount(text('125000元'), wan)).toEqual({
      ok: true,
      value: 12.5,
      converted: true,
      note: '填写为「125000元」，单位是「元」，本栏以「万元」为单位，已换算为 12.5 万元',
    });
    expect(readAmount(text('1.2万元'), yuan)).toMatchObject({ ok: true, value: 12000, converted: true });
  });

  it('refuses any other unit and any word', () => {
    expect(readAmount(text('3千元'), wan)).toEqual({ ok: false, reason: '单位「千元」不是本栏的「万元」，无法换算' });
    expect(readAmount(text('2亿元'), wan)).toMatchObject({ ok: false });
    expect(readAmount(text('100美元'), wan)).toMatchObject({ ok: false });
    expect(readAmount(text('待定'), wan)).toEqual({ ok: false, reason: '不是数字' });
    expect(readAmount(text('无'), wan)).toEqual({ ok: true, value: 0, note: '填写为「无」，按 0 计' });
  });
});
