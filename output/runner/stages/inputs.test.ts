import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignPlace, mailFolder } from '../../../test/support/runner-place.js';
import { gatherInputs } from './inputs.js';
import { intake } from './intake.js';
import { mergeCampaign } from './merge.js';
import { writeCampaignOutputs } from './write.js';

describe('the inputs stage', () => {
  it('fingerprints what the outputs would be made from, by the store listing alone', async () => {
    const place = await campaignPlace();
    const empty = await gatherInputs({ store: place, place, reuse: 'nothing' });
    expect(empty.storedIds).toEqual([]);
    expect(await gatherInputs({ store: place, place, reuse: 'nothing' })).toMatchObject({ fingerprint: empty.fingerprint });

    await intake({ storeDir: place.storeDir, campaigns: [place.campaign], source: { kind: 'folder', dir: await mailFolder() } });
    const withMail = await gatherInputs({ store: place, place, reuse: 'nothing' });
    expect(withMail.storedIds).toHaveLength(3);
    expect(withMail.fingerprint).not.toBe(empty.fingerprint);

    await writeFile(join(place.campaign.dir, 'decisions.yaml'), 'circular:\n  final: true\n');
    const decided = await gatherInputs({ store: place, place, reuse: 'nothing' });
    expect(decided.decisions.circular.final).toBe(true);
    expect(decided.fingerprint).not.toBe(withMail.fingerprint);
  });

  it('finds the last merge and the outputs made from the same inputs, and neither once an output was deleted', async () => {
    const place = await campaignPlace();
    const inputs = await gatherInputs({ store: place, place, reuse: 'merge-and-outputs' });
    expect(inputs.cached).toBeNull();
    expect(inputs.record).toBeNull();
    const result = mergeCampaign({ campaign: place.campaign, decisions: inputs.decisions, messages: [], lastPollAt: null });
    const written = await writeCampaignOutputs({ place, result, decisions: inputs.decisions, fingerprint: inputs.fingerprint });

    const again = await gatherInputs({ store: place, place, reuse: 'merge-and-outputs' });
    expect(again.record?.fingerprint).toBe(inputs.fingerprint);
    expect(again.cached?.units.map((unit) => unit.status)).toEqual(result.units.map((unit) => unit.status));
    // status asks for the merge alone; a forced rebuild for nothing.
    expect((await gatherInputs({ store: place, place, reuse: 'merge' })).record).toBeNull();
    expect((await gatherInputs({ store: place, place, reuse: 'merge' })).cached).not.toBeNull();
    expect((await gatherInputs({ store: place, place, reuse: 'nothing' })).cached).toBeNull();

    await rm(written.files[0]!);
    const deleted = await gatherInputs({ store: place, place, reuse: 'merge-and-outputs' });
    expect(deleted.record).toBeNull();
    expect(deleted.cached).toBeNull();
  });
});
