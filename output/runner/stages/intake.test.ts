import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawStore } from '../../../intake/store/raw-store.js';
import { campaignPlace, mailFolder, THREE_MESSAGES } from '../../../test/support/runner-place.js';
import { intake } from './intake.js';

describe('the intake stage', () => {
  it('takes in a folder of .eml files, announcing each message once it is stored', async () => {
    const place = await campaignPlace();
    const dir = await mailFolder();
    const stored: string[] = [];
    const first = await intake({
      storeDir: place.storeDir,
      campaigns: [place.campaign],
      source: { kind: 'folder', dir },
      onStored: (id) => stored.push(id),
    });
    expect(first).toMatchObject({ kind: 'folder', report: { seen: 3, stored: 3, duplicates: 0, failed: [] } });
    expect(stored.sort()).toEqual((await new RawStore(place.storeDir).listIds()).sort());

    // Read again: the files are as they were when stored (folder-seen.json beside the store), nothing is read or announced.
    stored.length = 0;
    const again = await intake({
      storeDir: place.storeDir,
      campaigns: [place.campaign],
      source: { kind: 'folder', dir },
      onStored: (id) => stored.push(id),
    });
    expect(again.report).toMatchObject({ seen: 3, stored: 0, duplicates: 3 });
    expect(stored).toEqual([]);

    // A file touched since is read again, and recognised by its content.
    await utimes(join(dir, THREE_MESSAGES[0]!), new Date(), new Date('2020-01-01'));
    const touched = await intake({ storeDir: place.storeDir, campaigns: [place.campaign], source: { kind: 'folder', dir } });
    expect(touched.report).toMatchObject({ stored: 0, duplicates: 3 });
  });

  it('takes in single files, a missing one reported without stopping the others', async () => {
    const place = await campaignPlace();
    const dir = await mailFolder(['01-pangcun.eml']);
    const taken = await intake({
      storeDir: place.storeDir,
      campaigns: [place.campaign],
      source: { kind: 'files', files: [join(dir, '01-pangcun.eml'), join(dir, '没有这个文件.eml')] },
    });
    expect(taken.kind).toBe('files');
    expect(taken.report).toMatchObject({ seen: 2, stored: 1, duplicates: 0 });
    expect((taken.report as { failed: { reason: string }[] }).failed.map((failure) => failure.reason)).toEqual(['文件不存在']);
    expect((await new RawStore(place.storeDir).list()).map((receipt) => receipt.source)).toEqual(['import']);
  });
});
