import { describe, expect, it } from 'vitest';
import { readDate } from './date.js';

const context = { year: 2026 };
const typed = (text: string) => readDate({ text }, context);

describe('readDate (日期)', () => {
  it('takes a real date cell as its day', () => {
    expect(readDate({ text: '2026年5月18日', date: '2026-05-18' }, context)).toEqual({ ok: true, value: '2026-05-18' });
  });

  it('reads every way units write a full date, without a warning', () => {
    for (const text of [
      '2026-05-18',
      '2026/5/18',
      '2026.5.18',
      '2026年5月18日',
      '2026年05月18号',
      ' 2026-5-18 ',
      '2026-05-18 00:00:00',
      '２０２６．５．１８',
    ])
      expect(typed(text), text).toEqual({ ok: true, value: '2026-05-18' });
  });

  it('reads Chinese numerals', () => {
    expect(typed('二〇二六年五月十八日')).toEqual({ ok: true, value: '2026-05-18' });
    expect(typed('二零二六年十二月三十一日')).toEqual({ ok: true, value: '2026-12-31' });
  });

  it('takes the campaign’s year for 5月18日, and says so', () => {
    expect(typed('5月18日')).toEqual({
      ok: true,
      value: '2026-05-18',
      note: '填写为「5月18日」，没有写年份，按活动所在的 2026 年读作 2026-05-18',
    });
    expect(typed('五月十八日')).toMatchObject({ ok: true, value: '2026-05-18' });
  });

  it('reads 20260518 with a warning', () => {
    expect(typed('20260518')).toEqual({ ok: true, value: '2026-05-18', note: '填写为「20260518」，按 2026-05-18 计' });
    expect(readDate({ text: '20260518', number: 20260518 }, context)).toMatchObject({ ok: true, value: '2026-05-18' });
  });

  it('refuses an ambiguous day, never guessing', () => {
    for (const text of ['5/6', '18/5', '6/5/2026', '26-5-18', '5.6'])
      expect(typed(text), text).toMatchObject({ ok: false, code: 'value.date_ambiguous' });
    expect(typed('5/6')).toEqual({
      ok: false,
      code: 'value.date_ambiguous',
      reason: '无法确定是哪一天（年、月、日的先后不明，也没有写年份）',
    });
  });

  it('refuses what is no day of the calendar, words and bare serial numbers', () => {
    expect(typed('2026-02-30')).toEqual({ ok: false, reason: '不是日历上的日期' });
    expect(typed('2026年5月')).toEqual({ ok: false, reason: '不是日期' });
    expect(typed('五月中旬')).toEqual({ ok: false, reason: '不是日期' });
    expect(readDate({ text: '46160', number: 46160 }, context)).toMatchObject({ ok: false });
  });
});
