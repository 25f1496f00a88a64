/**
 * Stage 5, write: every output into the campaign's output folder (output/write-outputs.ts), then
 * what was written from which inputs — the merge result beside the campaign's other caches
 * (merge-result-cache.ts, read by `status`) and the output record beside the outputs
 * (output-record.ts), so the next run with the same inputs writes nothing. Outputs made from
 * facts a missing program spoiled are never reused: their record is removed instead.
 */

import { join } from 'node:path';
import type { Campaign } from '../../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../../intake/kernel/campaign/decisions.js';
import { loadExcelJs } from '../../../intake/kernel/load-exceljs.js';
import type { MergeResult } from '../../../pipeline/merge/merge-result.js';
import type { OutputReport } from '../../write-outputs.js';
import type { CampaignPlace } from '../context.js';
import { writeMergeResult } from '../merge-result-cache.js';
import { forgetOutputRecord, type OutputRecord, writeOutputRecord } from '../output-record.js';

export type { OutputReport } from '../../write-outputs.js';

export interface WriteInput {
  place: CampaignPlace;
  result: MergeResult;
  decisions: Decisions;
  /** The inputs' fingerprint; null when the facts are not all as the next read will give them. */
  fingerprint: string | null;
}

/**
 * Starts loading the output writers (exceljs here, docx and the templates' engine in the
 * documents' worker: ~0.7 s of module loading) without waiting: called when outputs will be
 * written, once the analysis children have their messages (they work meanwhile); the worker
 * also parses and compiles the campaign's document templates. A failure is left to the write
 * itself to report.
 */
export function preloadWriters(campaign: Pick<Campaign, 'dir'>): void {
  // The documents' worker first: it loads on its own thread, exceljs then on this one.
  void import('../../write-outputs.js').then(
    (writers) => writers.prepareWriters(campaign),
    () => undefined,
  );
  void loadExcelJs().catch(() => undefined);
}

export async function writeCampaignOutputs(input: WriteInput): Promise<OutputReport> {
  const { place, result, decisions, fingerprint } = input;
  // The output writers (exceljs, docx) load only when something is written.
  const { writeOutputs } = await import('../../write-outputs.js');
  const { report: written, encodedResult } = await writeOutputs(place.outDir, place.campaign, result, decisions, fingerprint ?? undefined);
  if (fingerprint === null) {
    await forgetOutputRecord(place.outDir);
    return written;
  }
  await writeMergeResult(place.dataDir, fingerprint, result, encodedResult ?? undefined);
  await writeOutputRecord(place.outDir, {
    fingerprint,
    asOf: result.asOf,
    paths: written.files,
    notes: written.notes,
    failedDocuments: written.failedDocuments,
  });
  return written;
}

/** The outputs as the record says they were written (nothing written now). */
export function recordedOutputs(place: CampaignPlace, record: OutputRecord): OutputReport {
  return {
    files: record.files.map((file) => join(place.outDir, file.name)),
    notes: record.notes,
    failedDocuments: record.failedDocuments,
  };
}
