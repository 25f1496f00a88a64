import { describe, expect, it } from 'vitest';
import { deadlinePassed, unitStatusLabel } from './merge-result.js';

describe('the deadline as the data sees it', () => {
  // A mailbox read over IMAP at 数据截至.
  const result = { deadline: '2026-06-15T17:00:00+08:00', asOf: '2026-06-14T03:02:00.000Z', readAt: '2026-06-14T03:02:00.000Z' };

  it('has not passed while the mailbox was read before it, nor when there is no time at all', () => {
    expect(deadlinePassed(result)).toBe(false);
    expect(deadlinePassed({ ...result, asOf: '2026-06-15T09:00:00.000Z' })).toBe(false);
    expect(deadlinePassed({ ...result, asOf: null })).toBe(false);
    expect(deadlinePassed({ ...result, asOf: null }, '2026-06-16T00:00:00.000Z')).toBe(true);
    expect(deadlinePassed({ ...result, asOf: '2026-06-15T09:00:01.000Z' })).toBe(true);
  });

  it('has passed for mail from a folder once any is in: it says when mail arrived, not when it was read', () => {
    expect(deadlinePassed({ ...result, readAt: null })).toBe(true);
    expect(deadlinePassed({ deadline: result.deadline, asOf: result.asOf })).toBe(true);
    expect(deadlinePassed({ ...result, readAt: null, asOf: null })).toBe(false);
  });

  it('calls a unit that has sent nothing 尚未报送 until then, 未报送 after', () => {
    expect(unitStatusLabel('missing', false)).toBe('尚未报送');
    expect(unitStatusLabel('missing', true)).toBe('未报送');
    expect(unitStatusLabel('incomplete', false)).toBe('材料不全');
  });
});
