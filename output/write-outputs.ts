/**
 * Writes every output of a merge into the output folder, each file atomically. Returns the
 * paths written, in the order the clerk should look at them.
 */
import type { Campaign } from '../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../intake/kernel/campaign/decisions.js';
import { sweepStaleTemps } from '../intake/kernel/files/sweep-temps.js';
import type { MergeResult } from '../pipeline/merge/merge-result.js';
import { startDocumentsWorker, writeDocumentsAside } from './documents/write-documents-aside.js';
import { writeWorkbooks } from './workbook/write-workbook.js';

export interface OutputReport {
  files: string[];
  /** Remarks for the clerk about what was (not) written, in Chinese. */
  notes: string[];
  /** Documents not written because their template is missing or wrong (the rest was written). */
  failedDocuments: number;
}

/**
 * Gets the writers ready ahead of a merge whose outputs will be written: the documents' worker
 * starts loading its own, and compiling the campaign's templates.
 */
export function prepareWriters(campaign: Pick<Campaign, 'dir'>): void {
  startDocumentsWorker(campaign.dir);
}

export interface WrittenOutputs {
  report: OutputReport;
  /** The merge result's cache file, encoded aside when asked for (`encodeResultFor`). */
  encodedResult: Uint8Array<ArrayBuffer> | null;
}

/** `encodeResultFor`: the fingerprint of the merge result's cache file, encoded beside the documents. */
export async function writeOutputs(
  outDir: string,
  campaign: Campaign,
  result: MergeResult,
  decisions: Decisions,
  encodeResultFor?: string,
): Promise<WrittenOutputs> {
  await sweepStaleTemps(outDir);
  // The documents in a worker thread while this one writes the workbooks; both are done (or
  // failed) before this returns: nothing is written after the caller lets go of the data lock.
  const [workbooks, documents] = await Promise.allSettled([
    writeWorkbooks(outDir, campaign, result),
    writeDocumentsAside({ outDir, campaign, result, decisions, ...(encodeResultFor === undefined ? {} : { encodeResultFor }) }),
  ]);
  if (workbooks.status === 'rejected') throw workbooks.reason;
  if (documents.status === 'rejected') throw documents.reason;
  const { workbook, sendUp } = workbooks.value;
  const { files, notes, failed } = documents.value.report;
  return { report: { files: [workbook, sendUp, ...files], notes, failedDocuments: failed }, encodedResult: documents.value.encodedResult };
}
