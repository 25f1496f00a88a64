import { describe, expect, it } from 'vitest';
import { campaignPlace, mailFolder } from '../../../test/support/runner-place.js';
import { analyse } from './analyse.js';
import { gatherInputs } from './inputs.js';
import { intake } from './intake.js';
import { mergeCampaign } from './merge.js';

describe('the merge stage', () => {
  it('merges the messages it is given, wherever they came from, the same way every time', async () => {
    const place = await campaignPlace();
    await intake({ storeDir: place.storeDir, campaigns: [place.campaign], source: { kind: 'folder', dir: await mailFolder() } });
    const { storedIds, decisions } = await gatherInputs({ store: place, place, reuse: 'nothing' });
    const { messages } = await analyse({ store: place, place, storedIds });
    const input = { campaign: place.campaign, decisions, messages, lastPollAt: null };
    const result = mergeCampaign(input);
    const status = (unit: string) => result.units.find((item) => item.unit === unit)?.status;
    expect([status('庞村镇'), status('李村镇'), status('寇店镇'), status('佃庄镇')]).toEqual(['onTime', 'invalid', 'late', 'missing']);
    expect(mergeCampaign({ ...input, messages: [...messages] })).toEqual(result);
    // When the mailbox was last read moves 数据截至 (and the reading time) only.
    const polled = mergeCampaign({ ...input, lastPollAt: '2013-08-21T02:00:00.000Z' });
    expect(polled.asOf).toBe('2013-08-21T02:00:00.000Z');
    expect(polled.readAt).toBe('2013-08-21T02:00:00.000Z');
    expect({ ...polled, asOf: result.asOf, readAt: null }).toEqual(result);
  });
});
