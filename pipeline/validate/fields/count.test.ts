import { describe, expect, it } from 'vitest';
import { readCount } from './count.js';

const text = (value: string) => ({ text: value });

describe('readCount', () => {
  it('takes numeric cells as they are', () => {
    expect(readCount({ text: '12', number: 12 })).toEqual({ ok: true, value: 12 });
    expect(readCount({ text: '3', number: 3.0000000000000004 })).toEqual({ ok: true, value: 3 });
  });

  it('rejects negative and fractional numbers', () => {
    expect(readCount({ text: '-1', number: -1 })).toEqual({ ok: false, reason: '不能为负数' });
    expect(readCount({ text: '2.5', number: 2.5 })).toEqual({ ok: false, reason: '应为整数' });
    expect(readCount(text('-3'))).toEqual({ ok: false, reason: '不能为负数' });
    expect(readCount(text('2.5'))).toEqual({ ok: false, reason: '应为整数' });
  });

  it('reads plain digits typed as text without a note', () => {
    expect(readCount(text(' 12 '))).toEqual({ ok: true, value: 12 });
    expect(readCount(text('7.0'))).toEqual({ ok: true, value: 7 });
  });

  it('reads 全角 digits with a note', () => {
    expect(readCount(text('１２'))).toEqual({ ok: true, value: 12, note: '填写为「１２」，全角数字已按半角读取，按 12 计' });
  });

  it('reads thousands separators with a note naming them, as amounts do', () => {
    expect(readCount(text('1,056'))).toEqual({ ok: true, value: 1056, note: '填写为「1,056」，千位分隔符已去掉，按 1056 计' });
    expect(readCount(text('1,056人'), '人')).toEqual({
      ok: true,
      value: 1056,
      note: '填写为「1,056人」，千位分隔符已去掉，去掉单位「人」，按 1056 计',
    });
  });

  it('strips a trailing unit of measure with a note', () => {
    expect(readCount(text('12台'), '台')).toEqual({ ok: true, value: 12, note: '填写为「12台」，去掉单位「台」，按 12 计' });
    expect(readCount(text('５个'), '个')).toMatchObject({ ok: true, value: 5 });
    expect(readCount(text('3条'))).toMatchObject({ ok: true, value: 3 });
  });

  it('reads words and dashes for "none" as 0 with a note', () => {
    for (const none of ['无', '/', '／', '—', '——', '-', '－', '没有']) {
      expect(readCount(text(none))).toEqual({ ok: true, value: 0, note: `填写为「${none}」，按 0 计` });
    }
  });

  it('reads a blank cell as 0 with a note', () => {
    expect(readCount(text(''))).toEqual({ ok: true, value: 0, note: '未填写，按 0 计' });
  });

  it('never turns text that is not a number into 0', () => {
    expect(readCount(text('若干'))).toEqual({ ok: false, reason: '不是数字' });
    expect(readCount(text('多'))).toEqual({ ok: false, reason: '不是数字' });
    expect(readCount(text('12台左右'))).toEqual({ ok: false, reason: '不是数字' });
    expect(readCount(text('=1+1'))).toEqual({ ok: false, reason: '不是数字' });
  });

  it('reports spreadsheet error values', () => {
    expect(readCount({ text: '#DIV/0!', error: '#DIV/0!' })).toEqual({ ok: false, reason: '单元格是错误值 #DIV/0!' });
  });

  it('accepts thousands separators', () => {
    expect(readCount(text('1,234'))).toMatchObject({ ok: true, value: 1234 });
  });
  it('reads Chinese numerals with a note; words for "some" stay errors', () => {
    expect(readCount(text('十二'))).toEqual({ ok: true, value: 12, note: '填写为「十二」，按中文数字读作 12' });
    expect(readCount(text('一百零三'))).toMatchObject({ ok: true, value: 103 });
    expect(readCount(text('两'))).toMatchObject({ ok: true, value: 2 });
    expect(readCount(text('二十五台'), '台')).toEqual({
      ok: true,
      value: 25,
      note: '填写为「二十五台」，去掉单位「台」，按中文数字读作 25',
    });
    expect(readCount(text('零'))).toMatchObject({ ok: true, value: 0 });
    for (const word of ['若干', '多', '十几', '三四个']) expect(readCount(text(word), '个')).toEqual({ ok: false, reason: '不是数字' });
  });
});
