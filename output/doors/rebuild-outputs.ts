/**
 * Steps 2–6 of a cycle from stored mail alone: analyse (or take from the facts index) every
 * stored message, merge with the clerk's decisions, write the outputs. `run` calls it after
 * intake, `merge` on its own, `status` without the writing.
 *
 * Nothing is redone that has not changed: when the input fingerprint (input-fingerprint.ts) is
 * the one the outputs were written from and the outputs are as they were written
 * (output-record.ts), nothing is written; the last merge result (merge-result-cache.ts) says what
 * they contain. `force` writes everything anyway.
 */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { programFingerprint } from '../../intake/kernel/program-fingerprint.js';
import { RawStore } from '../../intake/store/raw-store.js';
import { readDataState } from '../../intake/store/state.js';
import { ANALYZER_VERSION, type StoredMessage } from '../../pipeline/analyze/facts.js';
import { type AnalysisAhead, loadStoredMessages } from '../../pipeline/analyze/load-stored.js';
import { dataAsOf } from '../../pipeline/merge/as-of.js';
import { merge } from '../../pipeline/merge/merge.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { forgetOutputRecord, unchangedOutputs, writeOutputRecord } from '../output-record.js';
import type { OutputReport } from '../write-outputs.js';
import { type CommandContext, contextDecisions } from './context.js';
import { inputFingerprint } from './input-fingerprint.js';
import { readMergeResult, writeMergeResult } from './merge-result-cache.js';

export interface MergeState {
  result: MergeResult;
  decisions: Decisions;
  /** Messages analysed now (not taken from the facts index). */
  analysed: number;
  /** The input fingerprint; null when some facts will be different next time (a program was missing). */
  fingerprint: string | null;
  /**
   * Every stored message with its facts (the console's unit pages show the tables as read); absent when
   * the state came from the merge-result cache (nothing changed), where no facts were read.
   */
  messages?: StoredMessage[];
}

/** The campaign's templates folder, every file by name (the documents read their templates from it). */
async function readTemplates(campaignDir: string): Promise<Map<string, Uint8Array> | null> {
  const dir = join(campaignDir, 'templates');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  const files = new Map<string, Uint8Array>();
  await Promise.all(
    names.map(async (name) => {
      try {
        files.set(name, await readFile(join(dir, name)));
      } catch {
        // A sub-folder or an unreadable file: the documents do not use it.
      }
    }),
  );
  return files;
}

async function fingerprintOf(context: CommandContext, decisions: Decisions, storedIds: readonly string[]): Promise<string> {
  const [templates, program] = await Promise.all([readTemplates(context.campaign.dir), programFingerprint()]);
  return inputFingerprint({ storedIds, analyzerVersion: ANALYZER_VERSION, campaign: context.campaign, decisions, templates, program });
}

/** The input fingerprint from the store's listing alone, without reading any facts: what a rebuild would be made from now. */
export async function currentFingerprint(context: CommandContext): Promise<{ fingerprint: string; decisions: Decisions }> {
  const [decisions, ids] = await Promise.all([contextDecisions(context), new RawStore(context.dataDir).listIds()]);
  return { fingerprint: await fingerprintOf(context, decisions, ids), decisions };
}

export interface MergeOptions {
  onAnalysed?: (done: number, total: number) => void;
  /** Analysis `run` started while storing new mail. */
  ahead?: AnalysisAhead;
  /** Compute the input fingerprint too (not needed by `status`). Default true. */
  fingerprint?: boolean;
  /** Analyse again the messages a memory or time budget stopped before (`merge --retry-failed`). */
  retryFailed?: boolean;
}

export async function computeMergeState(context: CommandContext, options: MergeOptions = {}): Promise<MergeState> {
  const { campaign, dataDir } = context;
  const decisions = await contextDecisions(context);
  const state = await readDataState(dataDir);
  const { messages, analysed, complete } = await loadStoredMessages(new RawStore(dataDir), dataDir, campaign, {
    ...(options.onAnalysed ? { onAnalysed: options.onAnalysed } : {}),
    ...(options.ahead ? { ahead: options.ahead } : {}),
    ...(options.retryFailed ? { retryFailed: true } : {}),
  });
  const result = merge({ campaign, decisions, messages, lastPollAt: state.lastPollAt });
  const fingerprint =
    complete && options.fingerprint !== false
      ? await fingerprintOf(
          context,
          decisions,
          messages.map((message) => message.receipt.id),
        )
      : null;
  return { result, decisions, analysed, fingerprint, messages };
}

/**
 * The state from the last merge when nothing it was made from has changed; null when it must be
 * merged again. The last poll is the one input outside the fingerprint: 数据截至 is worked out
 * again from it and the messages' receipt times, as merge does.
 */
export async function cachedMergeState(context: CommandContext): Promise<MergeState | null> {
  const [{ fingerprint, decisions }, data] = await Promise.all([currentFingerprint(context), readDataState(context.dataDir)]);
  return stateFromCache(context, fingerprint, decisions, data.lastPollAt);
}

async function stateFromCache(
  context: CommandContext,
  fingerprint: string,
  decisions: Decisions,
  lastPollAt: string | null,
): Promise<MergeState | null> {
  const result = await readMergeResult(context.dataDir, fingerprint);
  if (!result) return null;
  const asOf = dataAsOf(
    lastPollAt,
    result.messages.map((message) => ({ at: message.receivedAt, source: message.receivedSource })),
  );
  return { result: { ...result, asOf }, decisions, analysed: 0, fingerprint };
}

export interface Rebuilt {
  state: MergeState;
  written: OutputReport;
  /**
   * Nothing was written: the outputs (written.files) were already those of these inputs.
   * `asOf` is the 数据截至 time they state (the time of the rebuild that wrote them).
   */
  unchanged: { asOf: string | null } | null;
  /** 2 when a document could not be made because its template is wrong (a configuration error; everything else was still written), else 0. */
  exitCode: number;
}

export interface RebuildOptions extends Omit<MergeOptions, 'fingerprint'> {
  /** Write every output even when nothing they are made from has changed. */
  force?: boolean;
}

/** Analyse, merge, write (or find nothing to write). The caller holds the data lock; what to print is the caller's. */
export async function rebuildOutputs(context: CommandContext, options: RebuildOptions = {}): Promise<Rebuilt> {
  // A retry of what a budget stopped may read those messages differently: it always merges again.
  if (!options.force && !options.retryFailed) {
    const { fingerprint, decisions } = await currentFingerprint(context);
    const record = await unchangedOutputs(context.outDir, fingerprint);
    const cached = record ? await stateFromCache(context, fingerprint, decisions, (await readDataState(context.dataDir)).lastPollAt) : null;
    if (record && cached) {
      const written: OutputReport = {
        files: record.files.map((file) => join(context.outDir, file.name)),
        notes: record.notes,
        failedDocuments: record.failedDocuments,
      };
      return { state: cached, written, unchanged: { asOf: record.asOf }, exitCode: record.failedDocuments === 0 ? 0 : 2 };
    }
  }
  const state = await computeMergeState(context, options);
  // The output writers (exceljs, docx) load only when something is written.
  const { writeOutputs } = await import('../write-outputs.js');
  const written = await writeOutputs(context.outDir, context.campaign, state.result, state.decisions);
  if (state.fingerprint === null) {
    await forgetOutputRecord(context.outDir);
  } else {
    await writeMergeResult(context.dataDir, state.fingerprint, state.result);
    await writeOutputRecord(context.outDir, {
      fingerprint: state.fingerprint,
      asOf: state.result.asOf,
      paths: written.files,
      notes: written.notes,
      failedDocuments: written.failedDocuments,
    });
  }
  return { state, written, unchanged: null, exitCode: written.failedDocuments === 0 ? 0 : 2 };
}
