import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { documentsFingerprint } from './plan-documents.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

describe("the clerk's copy: what the documents show", () => {
  // The demo's deadline is 2013-08-18 18:00 (北京时间).
  const at = (asOf: string, readAt: string | null) => ({ ...mergeResult(campaign, { 佃庄镇: { status: 'missing' } }, asOf), readAt });

  it('does not change with the time the mailbox was read, on the same side of the deadline', () => {
    const print = documentsFingerprint(at('2013-08-20T02:00:00.000Z', '2013-08-20T02:00:00.000Z'), NO_DECISIONS);
    expect(documentsFingerprint(at('2013-08-21T02:00:00.000Z', '2013-08-21T02:00:00.000Z'), NO_DECISIONS)).toBe(print);
    expect(documentsFingerprint(at('2013-08-17T02:00:00.000Z', '2013-08-17T02:00:00.000Z'), NO_DECISIONS)).toBe(
      documentsFingerprint(at('2013-08-16T02:00:00.000Z', '2013-08-16T02:00:00.000Z'), NO_DECISIONS),
    );
  });

  it('changes once a read passes the deadline: the circular is drafted from then on', () => {
    expect(documentsFingerprint(at('2013-08-17T02:00:00.000Z', '2013-08-17T02:00:00.000Z'), NO_DECISIONS)).not.toBe(
      documentsFingerprint(at('2013-08-20T02:00:00.000Z', '2013-08-20T02:00:00.000Z'), NO_DECISIONS),
    );
  });
});
