/**
 * Stage 2, inputs: what a campaign's outputs would be made from now — the stored messages (by
 * the store's listing alone, no facts read), the clerk's decisions, the templates, the campaign
 * and the program, folded into one fingerprint (input-fingerprint.ts) — and what is still
 * current from the last time: the merge made from these very inputs (merge-result-cache.ts) and
 * the outputs written from them, untouched since (output-record.ts). When both are, the later
 * stages have nothing to do.
 *
 * The one input outside the fingerprint, when the mailbox was last read (数据截至), is read here
 * too: a cached merge takes it from now, as merge does.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Decisions } from '../../../intake/kernel/campaign/decisions.js';
import { programFingerprint } from '../../../intake/kernel/program-fingerprint.js';
import { RawStore } from '../../../intake/store/raw-store.js';
import { readDataState } from '../../../intake/store/state.js';
import { ANALYZER_VERSION } from '../../../pipeline/analyze/facts.js';
import { dataAsOf } from '../../../pipeline/merge/as-of.js';
import type { MergeResult } from '../../../pipeline/merge/merge-result.js';
import { type CampaignPlace, contextDecisions, type StorePlace } from '../context.js';
import { inputFingerprint } from '../input-fingerprint.js';
import { type ListRows, readMergeResult } from '../merge-result-cache.js';
import { type OutputRecord, unchangedOutputs } from '../output-record.js';

export interface InputsInput {
  store: StorePlace;
  place: CampaignPlace;
  /**
   * What to look up from last time: the last merge alone (status), the merge and the outputs
   * written from it (a rebuild), or nothing (`merge --force`, `--retry-failed`: always redone).
   */
  reuse: 'merge' | 'merge-and-outputs' | 'nothing';
  /** Already read by the caller (route-basis.ts): the campaign's decisions, the store's listing. */
  decisions?: Decisions;
  storedIds?: readonly string[];
  /** What routing reads of every campaign of the store (route-basis.ts), when there are several. */
  routingKey?: string | null;
  /** Whether a cached merge is read with its lists' rows (merge-result-cache.ts); default 'read'. */
  listRows?: ListRows;
}

export interface Inputs {
  decisions: Decisions;
  /** Ids of every stored message, in the store's order (the facts come in this order). */
  storedIds: string[];
  /** When the mailbox was last read to the end (state.json beside the store). */
  lastPollAt: string | null;
  fingerprint: string;
  /** The merge made from these inputs, its 数据截至 worked out anew; null: merge again. */
  cached: MergeResult | null;
  /** The outputs written from these inputs, every file as written; null: not looked up, or changed. */
  record: OutputRecord | null;
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

async function cachedMerge(
  place: CampaignPlace,
  fingerprint: string,
  lastPollAt: string | null,
  listRows: ListRows,
): Promise<MergeResult | null> {
  const result = await readMergeResult(place.dataDir, fingerprint, listRows);
  if (!result) return null;
  const asOf = dataAsOf(
    lastPollAt,
    result.messages.map((message) => ({ at: message.receivedAt, source: message.receivedSource })),
  );
  return { ...result, asOf, readAt: lastPollAt };
}

export async function gatherInputs(input: InputsInput): Promise<Inputs> {
  const { store, place } = input;
  const [decisions, storedIds, state, templates, program] = await Promise.all([
    input.decisions ?? contextDecisions(place),
    input.storedIds ? [...input.storedIds] : new RawStore(store.storeDir).listIds(),
    readDataState(store.storeDir),
    readTemplates(place.campaign.dir),
    programFingerprint(),
  ]);
  const fingerprint = inputFingerprint({
    storedIds,
    analyzerVersion: ANALYZER_VERSION,
    campaign: place.campaign,
    decisions,
    templates,
    program,
    routing: input.routingKey ?? null,
    readBeforeDeadline: state.lastPollAt !== null && Date.parse(state.lastPollAt) <= Date.parse(place.campaign.file.deadline),
  });
  const inputs: Inputs = { decisions, storedIds, lastPollAt: state.lastPollAt, fingerprint, cached: null, record: null };
  if (input.reuse === 'nothing') return inputs;
  // The outputs first: when they changed, the cached merge is not needed to write them again.
  if (input.reuse === 'merge-and-outputs') {
    inputs.record = await unchangedOutputs(place.outDir, fingerprint);
    if (!inputs.record) return inputs;
  }
  inputs.cached = await cachedMerge(place, fingerprint, state.lastPollAt, input.listRows ?? 'read');
  return inputs;
}
