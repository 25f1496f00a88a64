import { describe, expect, it } from 'vitest';
import { dateOfReceivedHeader, parseMailDate, topmostReceivedDate } from './received-time.js';

describe('received time', () => {
  it('parses RFC 5322 dates with offsets and comments', () => {
    expect(parseMailDate('Mon, 19 Aug 2013 09:31:02 +0800 (CST)')?.toISOString()).toBe('2013-08-19T01:31:02.000Z');
    expect(parseMailDate('not a date')).toBeNull();
  });

  it('takes the date after the last semicolon of a Received header', () => {
    expect(dateOfReceivedHeader('from a (b [1.2.3.4]) by mx; id x; Sun, 18 Aug 2013 18:00:01 +0800')?.toISOString()).toBe(
      '2013-08-18T10:00:01.000Z',
    );
    expect(dateOfReceivedHeader('from a by b')).toBeNull();
  });

  it('uses the topmost Received header (the last hop)', () => {
    const lines = [
      { key: 'received', line: 'Received: from relay by mx.office;\r\n\tMon, 19 Aug 2013 09:31:02 +0800' },
      { key: 'received', line: 'Received: from pc by relay; Sun, 18 Aug 2013 17:50:00 +0800' },
      { key: 'date', line: 'Date: Sun, 18 Aug 2013 17:49:00 +0800' },
    ];
    expect(topmostReceivedDate(lines)?.toISOString()).toBe('2013-08-19T01:31:02.000Z');
    expect(topmostReceivedDate([{ key: 'date', line: 'Date: x' }])).toBeNull();
  });
});
