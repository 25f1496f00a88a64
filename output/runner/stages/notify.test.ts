import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../intake/kernel/campaign/campaign.js';
import { campaignPlace, mailFolder } from '../../../test/support/runner-place.js';
import { analyse } from './analyse.js';
import { gatherInputs } from './inputs.js';
import { intake } from './intake.js';
import { mergeCampaign } from './merge.js';
import { notify } from './notify.js';

/** The campaign with notify: set as given (the stage reads nothing else of it to decide). */
const withNotify = (campaign: Campaign, receipts: 'off' | 'preview', reminders: 'off' | 'preview'): Campaign => ({
  ...campaign,
  file: { ...campaign.file, notify: { ...campaign.file.notify, receipts, reminders } },
});

describe('the notify stage', () => {
  it('does what notify: says — nothing when off, a line per kind to send when preview — and sends nothing', async () => {
    const place = await campaignPlace();
    await intake({ storeDir: place.storeDir, campaigns: [place.campaign], source: { kind: 'folder', dir: await mailFolder() } });
    const { storedIds, decisions } = await gatherInputs({ store: place, place, reuse: 'nothing' });
    const { messages } = await analyse({ store: place, place, storedIds });
    const result = mergeCampaign({ campaign: place.campaign, decisions, messages, lastPollAt: null });
    const logged: string[] = [];
    const base = { storeDir: place.storeDir, result, decisions, files: [], log: (line: string) => logged.push(line) };

    expect(await notify({ ...base, place: { ...place, campaign: withNotify(place.campaign, 'off', 'off') } })).toEqual({ lines: [] });
    const preview = await notify({ ...base, place: { ...place, campaign: withNotify(place.campaign, 'preview', 'preview') } });
    expect(preview.lines).toEqual([
      '有 3 封回执待发送（预览：huizong receipts，发送：加 --send）',
      // Every unit but 庞村镇 (on time) and 寇店镇 (late): 李村镇's first table has an error.
      `有 ${place.campaign.roster.length - 2} 封催报待发送（预览：huizong remind，发送：加 --send）`,
    ]);
    expect(logged).toEqual(preview.lines);
  });
});
