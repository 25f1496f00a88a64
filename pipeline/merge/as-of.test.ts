import { describe, expect, it } from 'vitest';
import { dataAsOf } from './as-of.js';

describe('数据截至 from the data', () => {
  it('is the latest server receipt among stored messages when the mail came from a folder', () => {
    expect(
      dataAsOf(null, [
        { at: '2013-08-15T02:12:00.000Z', source: 'received-header' },
        { at: '2013-08-20T02:00:00.000Z', source: 'received-header' },
        { at: '2013-08-16T02:00:00.000Z', source: 'internaldate' },
      ]),
    ).toBe('2013-08-20T02:00:00.000Z');
  });

  it('is the last successful poll when it is later than every receipt (IMAP)', () => {
    expect(dataAsOf('2013-08-21T00:00:00.000Z', [{ at: '2013-08-20T02:00:00.000Z', source: 'internaldate' }])).toBe(
      '2013-08-21T00:00:00.000Z',
    );
  });

  it('does not let a sender clock in the future re-date the data when server times exist', () => {
    expect(
      dataAsOf(null, [
        { at: '2013-08-20T02:00:00.000Z', source: 'received-header' },
        { at: '2030-01-01T00:00:00.000Z', source: 'date-header' },
      ]),
    ).toBe('2013-08-20T02:00:00.000Z');
    expect(dataAsOf(null, [{ at: '2013-08-19T02:00:00+08:00', source: 'date-header' }])).toBe('2013-08-18T18:00:00.000Z');
  });

  it('is unknown when nothing was ever read', () => {
    expect(dataAsOf(null, [])).toBeNull();
    expect(dataAsOf(null, [{ at: null, source: 'unknown' }])).toBeNull();
  });
});
