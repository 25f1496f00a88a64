import { describe, expect, it } from 'vitest';
import { formatBeijing, formatChineseDate, formatChineseDateTime } from './time.js';

describe('Beijing time', () => {
  it('formats instants in UTC+8 whatever the machine zone', () => {
    expect(formatBeijing('2013-08-18T10:00:00.000Z')).toBe('2013-08-18 18:00');
    expect(formatBeijing('2013-08-18T16:30:00.000Z')).toBe('2013-08-19 00:30');
    expect(formatChineseDate('2013-08-19T15:59:59.000Z')).toBe('2013年8月19日');
    expect(formatChineseDateTime('2013-08-18T10:00:00.000Z')).toBe('2013年8月18日18时');
    expect(formatChineseDateTime('2013-08-18T10:05:00.000Z')).toBe('2013年8月18日18时5分');
  });

  it('agrees with the time zone database, summer time of 1986–1991 included', () => {
    for (const iso of [
      '1988-07-01T12:00:00Z',
      '1991-12-31T15:59:00Z',
      '1991-12-31T16:00:00Z',
      '2000-02-29T16:00:00Z',
      '2026-11-27T03:04:05Z',
    ]) {
      const expected = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso));
      expect(formatBeijing(iso)).toBe(expected);
    }
  });
});
