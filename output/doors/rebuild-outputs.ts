/**
 * Steps 2–6 of a cycle from stored mail alone: analyse (or take from cache) every stored
 * message, merge with the clerk's decisions, write the outputs. `run` calls it after intake,
 * `merge` on its own, `status` without the writing.
 */

import { type Decisions, loadDecisions } from '../../intake/kernel/campaign/decisions.js';
import { RawStore } from '../../intake/store/raw-store.js';
import { readDataState } from '../../intake/store/state.js';
import type { StoredMessage } from '../../pipeline/analyze/facts.js';
import { loadStoredMessages } from '../../pipeline/analyze/load-stored.js';
import { merge } from '../../pipeline/merge/merge.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { type OutputReport, writeOutputs } from '../write-outputs.js';
import type { CommandContext } from './context.js';

export interface MergeState {
  result: MergeResult;
  decisions: Decisions;
  /** Messages analysed now (not taken from the cache). */
  analysed: number;
  /** Every stored message with its facts (the console's unit pages show the tables as read). */
  messages: StoredMessage[];
}

export async function computeMergeState(context: CommandContext, onAnalysed?: (done: number, total: number) => void): Promise<MergeState> {
  const { campaign, dataDir } = context;
  const decisions = await loadDecisions(
    campaign.dir,
    campaign.roster.map((unit) => unit.name),
  );
  const state = await readDataState(dataDir);
  const { messages, analysed } = await loadStoredMessages(new RawStore(dataDir), dataDir, campaign, onAnalysed ? { onAnalysed } : {});
  const result = merge({ campaign, decisions, messages, asOf: state.lastIntakeAt });
  return { result, decisions, analysed, messages };
}

export interface Rebuilt {
  state: MergeState;
  written: OutputReport;
  /** 2 when a document could not be made because its template is wrong (a configuration error; everything else was still written), else 0. */
  exitCode: number;
}

/** Analyse, merge, write. The caller holds the data lock; what to print is the caller's. */
export async function rebuildOutputs(context: CommandContext, onAnalysed?: (done: number, total: number) => void): Promise<Rebuilt> {
  const state = await computeMergeState(context, onAnalysed);
  const written = await writeOutputs(context.outDir, context.campaign, state.result, state.decisions);
  return { state, written, exitCode: written.failedDocuments === 0 ? 0 : 2 };
}
