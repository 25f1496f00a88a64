/**
 * The last merge result, kept in the data folder (cache/merge-result.json) with the input
 * fingerprint it was made from, so `status` answers from it without reading every message's
 * facts and merging again. Written by the commands that merge (run, merge, watch); `status`
 * only reads it. The one input outside the fingerprint, when the mailbox was last read
 * (数据截至), is not taken from the cache: the caller sets it (merge only passes it through,
 * merge.test.ts checks that). The file's layout: output/merge-result-file.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { dataAsOf } from '../../pipeline/merge/as-of.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { type DecodedMergeResult, decodeMergeResult, encodeMergeResult, type ListRows } from '../merge-result-file.js';

export type { ListRows } from '../merge-result-file.js';

const pathOf = (dataDir: string) => join(dataDir, 'cache', 'merge-result.json');

/** The result as written (rows restored unless skipped), or null when the file is missing, of another format, or not for `fingerprint` (when given). */
export async function readMergeResultFile(dataDir: string, rows: ListRows, fingerprint?: string): Promise<DecodedMergeResult | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(pathOf(dataDir));
  } catch {
    return null;
  }
  return decodeMergeResult(bytes, rows, fingerprint);
}

export async function readMergeResult(dataDir: string, fingerprint: string, rows: ListRows = 'read'): Promise<MergeResult | null> {
  return (await readMergeResultFile(dataDir, rows, fingerprint))?.result ?? null;
}

/**
 * The last merge whatever it was made from, its 数据截至 worked out anew: what an archived
 * campaign shows (it is never merged again); null when there is none.
 */
export async function readLastMergeResult(
  dataDir: string,
  lastPollAt: string | null,
  rows: ListRows = 'read',
): Promise<MergeResult | null> {
  const file = await readMergeResultFile(dataDir, rows);
  if (!file) return null;
  const result = file.result;
  return {
    ...result,
    asOf: dataAsOf(
      lastPollAt,
      result.messages.map((message) => ({ at: message.receivedAt, source: message.receivedSource })),
    ),
    readAt: lastPollAt,
  };
}

/**
 * A failure only means `status` merges again itself. `encoded`: the file's bytes when another
 * thread made them already (encodeMergeResult of this fingerprint and result).
 */
export async function writeMergeResult(dataDir: string, fingerprint: string, result: MergeResult, encoded?: Uint8Array): Promise<void> {
  await writeFileAtomic(pathOf(dataDir), encoded ?? encodeMergeResult(fingerprint, result)).catch(() => undefined);
}
