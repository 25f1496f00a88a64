/**
 * The last merge result, kept in the data folder (cache/merge-result.json) with the input
 * fingerprint it was made from, so `status` answers from it without reading every message's
 * facts and merging again. Written by the commands that merge (run, merge, watch); `status`
 * only reads it. The one input outside the fingerprint, when the mailbox was last read
 * (数据截至), is not taken from the cache: the caller sets it (merge only passes it through,
 * merge.test.ts checks that).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { dataAsOf } from '../../pipeline/merge/as-of.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';

const FORMAT = 1;

const pathOf = (dataDir: string) => join(dataDir, 'cache', 'merge-result.json');

export async function readMergeResult(dataDir: string, fingerprint: string): Promise<MergeResult | null> {
  try {
    const text = await readFile(pathOf(dataDir), 'utf8');
    // Written with these keys first (writeMergeResult): another fingerprint is seen without parsing megabytes.
    if (!text.startsWith(`{"format":${FORMAT},"fingerprint":"${fingerprint}",`)) return null;
    const file = JSON.parse(text) as { format: number; fingerprint: string; result: MergeResult };
    return file.result ?? null;
  } catch {
    return null;
  }
}

/**
 * The last merge whatever it was made from, its 数据截至 worked out anew: what an archived
 * campaign shows (it is never merged again); null when there is none.
 */
export async function readLastMergeResult(dataDir: string, lastPollAt: string | null): Promise<MergeResult | null> {
  try {
    const file = JSON.parse(await readFile(pathOf(dataDir), 'utf8')) as { format: number; result?: MergeResult };
    if (file.format !== FORMAT || !file.result) return null;
    const result = file.result;
    return {
      ...result,
      asOf: dataAsOf(
        lastPollAt,
        result.messages.map((message) => ({ at: message.receivedAt, source: message.receivedSource })),
      ),
    };
  } catch {
    return null;
  }
}

/** A failure only means `status` merges again itself. */
export async function writeMergeResult(dataDir: string, fingerprint: string, result: MergeResult): Promise<void> {
  await writeFileAtomic(pathOf(dataDir), JSON.stringify({ format: FORMAT, fingerprint, result })).catch(() => undefined);
}
