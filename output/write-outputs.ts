/**
 * Writes every output of a merge into the output folder, each file atomically. Returns the
 * paths written, in the order the clerk should look at them.
 */
import type { Campaign } from '../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../intake/kernel/campaign/decisions.js';
import { sweepStaleTemps } from '../intake/kernel/files/sweep-temps.js';
import type { MergeResult } from '../pipeline/merge/merge-result.js';
import { writeDocuments } from './documents/write-documents.js';
import { writeWorkbooks } from './workbook/write-workbook.js';

export interface OutputReport {
  files: string[];
  /** Remarks for the clerk about what was (not) written, in Chinese. */
  notes: string[];
  /** Documents not written because their template is missing or wrong (the rest was written). */
  failedDocuments: number;
}

export async function writeOutputs(outDir: string, campaign: Campaign, result: MergeResult, decisions: Decisions): Promise<OutputReport> {
  await sweepStaleTemps(outDir);
  const { workbook, sendUp } = await writeWorkbooks(outDir, campaign, result);
  const documents = await writeDocuments(outDir, campaign, result, decisions);
  return { files: [workbook, sendUp, ...documents.files], notes: documents.notes, failedDocuments: documents.failed };
}
