import { describe, expect, it } from 'vitest';
import { entryState, type OutboxEntry, retriesByItself } from './outbox-journal.js';

const entry = (attempts: OutboxEntry['attempts'], extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  version: 1,
  id: 'receipt-1',
  kind: 'receipt',
  unit: '庞村镇',
  to: ['a@b.cn'],
  subject: 's',
  covers: ['m'],
  createdAt: '2013-08-20T00:00:00Z',
  attempts,
  ...extra,
});
const started = { startedAt: '2013-08-20T00:00:00Z', messageId: '<m@b.cn>' };

describe('outbox entry states', () => {
  it('takes an intent without a result for 可能已发送, never for unsent', () => {
    expect(entryState(entry([started]))).toBe('可能已发送');
    expect(retriesByItself(entry([started]))).toBe(false);
    expect(entryState(entry([{ ...started, outcome: 'unknown' }]))).toBe('可能已发送');
  });

  it("follows the last attempt, and the clerk's confirmation", () => {
    expect(entryState(entry([{ ...started, outcome: 'sent' }]))).toBe('已发送');
    expect(entryState(entry([{ ...started, outcome: 'deferred' }]))).toBe('稍后重试');
    expect(retriesByItself(entry([{ ...started, outcome: 'deferred' }]))).toBe(true);
    expect(entryState(entry([{ ...started, outcome: 'rejected' }]))).toBe('被拒收');
    expect(retriesByItself(entry([{ ...started, outcome: 'rejected' }]))).toBe(false);
    expect(
      entryState(
        entry([
          { ...started, outcome: 'deferred' },
          { ...started, outcome: 'sent' },
        ]),
      ),
    ).toBe('已发送');
    expect(entryState(entry([started], { confirmedAt: '2013-08-21T00:00:00Z' }))).toBe('已发送');
  });
});
