import { describe, expect, it } from 'vitest';
import { campaignPlace, mailFolder } from '../../../test/support/runner-place.js';
import { analyse } from './analyse.js';
import { gatherInputs } from './inputs.js';
import { intake } from './intake.js';

describe('the analyse stage', () => {
  it('reads every stored message once, in the store’s order, then takes the facts from the index', async () => {
    const place = await campaignPlace();
    await intake({ storeDir: place.storeDir, campaigns: [place.campaign], source: { kind: 'folder', dir: await mailFolder() } });
    const { storedIds } = await gatherInputs({ store: place, place, reuse: 'nothing' });
    const progress: number[] = [];
    const first = await analyse({ store: place, place, storedIds, onAnalysed: (done) => progress.push(done) });
    expect(first).toMatchObject({ analysed: 3, complete: true, fromMemory: false });
    expect(first.messages.map((message) => message.receipt.id)).toEqual(storedIds);
    expect(progress).toEqual([1, 2, 3]);
    const second = await analyse({ store: place, place, storedIds });
    expect(second).toMatchObject({ analysed: 0, complete: true, fromMemory: false });
    expect(second.messages).toEqual(first.messages);
  });

  it('takes facts in memory when they are exactly the stored messages, and reads them otherwise', async () => {
    const place = await campaignPlace();
    await intake({ storeDir: place.storeDir, campaigns: [place.campaign], source: { kind: 'folder', dir: await mailFolder() } });
    const { storedIds } = await gatherInputs({ store: place, place, reuse: 'nothing' });
    const read = await analyse({ store: place, place, storedIds });
    // Held in another order (a Map of the console's): given back in the store's.
    const held = { messages: [...read.messages].reverse(), complete: true };
    const taken = await analyse({ store: place, place, storedIds, inMemory: held });
    expect(taken).toMatchObject({ analysed: 0, fromMemory: true });
    expect(taken.messages.map((message) => message.receipt.id)).toEqual(storedIds);

    // One more stored message: the facts in memory are not the store's, everything is read (from the index).
    await intake({
      storeDir: place.storeDir,
      campaigns: [place.campaign],
      source: { kind: 'folder', dir: await mailFolder(['08-jingfa-error.eml']) },
    });
    const now = await gatherInputs({ store: place, place, reuse: 'nothing' });
    const reread = await analyse({ store: place, place, storedIds: now.storedIds, inMemory: held });
    expect(reread).toMatchObject({ analysed: 1, fromMemory: false });
    expect(reread.messages).toHaveLength(4);
  });
});
