/**
 * Steps 2–6 of a cycle from stored mail alone: analyse (or take from cache) every stored
 * message, merge with the clerk's decisions, write the outputs. `run` calls it after intake,
 * `merge` on its own, `status` without the writing.
 */
import { loadStoredMessages } from './analyze/load-stored.js';
import { loadDecisions, type Decisions } from './campaign/decisions.js';
import type { CommandContext } from './cli/context.js';
import { merge, type MergeResult } from './merge/merge.js';
import { RawStore } from '../intake/store/raw-store.js';
import { readDataState } from '../intake/store/state.js';

export interface MergeState {
  result: MergeResult;
  decisions: Decisions;
  /** Messages analysed now (not taken from the cache). */
  analysed: number;
}

export async function computeMergeState(context: CommandContext, onAnalysed?: (done: number, total: number) => void): Promise<MergeState> {
  const { campaign, dataDir } = context;
  const decisions = await loadDecisions(campaign.dir, campaign.roster.map((unit) => unit.name));
  const state = await readDataState(dataDir);
  const { messages, analysed } = await loadStoredMessages(new RawStore(dataDir), dataDir, campaign, onAnalysed ? { onAnalysed } : {});
  const result = merge({ campaign, decisions, messages, lastPollAt: state.lastPollAt });
  return { result, decisions, analysed };
}
