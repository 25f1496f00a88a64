/**
 * One way through the pipeline for every door: intake → inputs → analyse → route → merge →
 * write → notify, each stage a function of its own (stages/), this core only naming them,
 * running them in order and telling the caller (stage-events.ts). `run`, `merge`, `watch`,
 * `serve` (its schedule, 立即收信, each decision, 重新汇总, template saves) and `status` all come
 * here; they keep only what is theirs: arguments, the data lock, printing or rendering.
 *
 * A run serves one store and every campaign that reads from it (a workspace; a lone campaign is a
 * workspace of one): intake once for the store; inputs for each campaign asked for (the targets);
 * when any of them must be merged again, every campaign's facts (routing weighs them all), one
 * routing, then merge, write and notify for each target. Nothing is redone that has not changed:
 * when a target's inputs — with what routing reads of every campaign — are those its outputs were
 * written from, its last merge stands. An archived campaign is never merged or written again: its
 * last merge stands whatever came since. The caller holds the data lock.
 */

import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { sweepStaleTemps } from '../../intake/kernel/files/sweep-temps.js';
import { RawStore } from '../../intake/store/raw-store.js';
import type { StoredMessage } from '../../pipeline/analyze/facts.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import type { CampaignPlace, CommandContext, StorePlace } from './context.js';
import { type ListRows, readLastMergeResult } from './merge-result-cache.js';
import { type RoutingBasis, routingBases, routingKey } from './route-basis.js';
import type { RunnerEvents, SkipReason, StageEvent, StageName, StageOutputs } from './stage-events.js';
import { type Analysed, type AnalysisStart, analyse, type FactsInMemory, startAnalysis } from './stages/analyse.js';
import { gatherInputs, type Inputs } from './stages/inputs.js';
import { type IntakeOutput, intake, type MailSource } from './stages/intake.js';
import { mergeCampaign } from './stages/merge.js';
import { notify } from './stages/notify.js';
import { type Routing, route, routeName, shareOf } from './stages/route.js';
import { type OutputReport, preloadWriters, recordedOutputs, type WriteInput, writeCampaignOutputs } from './stages/write.js';

export interface CampaignTarget extends CampaignPlace {
  /** Facts the caller already holds (the console's): used when they are exactly the stored messages. */
  facts?: FactsInMemory;
}

export interface RunRequest {
  store: StorePlace;
  /** Every campaign reading from the store, active and archived: routing weighs them all. */
  campaigns: readonly CampaignTarget[];
  /** The campaigns to merge (and write and notify, as asked), by routeName; default every active one. */
  only?: readonly string[];
  /** Take in new mail first; absent: work from what is stored (merge, status, a decision). */
  source?: MailSource;
  /**
   * Write the outputs when their inputs changed ('write'), always ('force'), or not at all ('none':
   * the state only). 'behind': as 'write', but a target merged anew is not written: the run ends
   * after its merge and hands the writing back as `CampaignRun.writeBehind` (the console's
   * decisions: the page is current at once, the files follow).
   */
  outputs: 'write' | 'force' | 'none' | 'behind';
  /** With outputs 'none': take the last merge when nothing changed (status); otherwise every message's facts are read. */
  reuseMerge?: boolean;
  /** Receipts, reminders and the clerk's copy as notify: says (the scheduled cycles). */
  notify?: boolean;
  /** Analyse again what a memory or time budget stopped before. */
  retryFailed?: boolean;
  /**
   * 'skip': the caller shows statuses, counts and problems only, so a merge that stands is read
   * without its lists' rows (merge-result-cache.ts). Ignored when notifying (receipts list rows).
   */
  listRows?: ListRows;
  /** Route even when every target's last merge stands (the workspace's overview lists the mail no campaign took). */
  routeAlways?: boolean;
  /** Stop after intake: nothing else is done (Ctrl-C during a cycle). */
  signal?: AbortSignal;
}

export interface CampaignRun {
  place: CampaignPlace;
  result: MergeResult;
  decisions: Decisions;
  /** Every stored message routed to it, with its facts; absent when the last merge was reused (no facts were read). */
  messages?: StoredMessage[];
  /** Messages analysed now (for this campaign). */
  analysed: number;
  /** The facts are all as the next read will give them (see Analysed.complete). */
  complete: boolean;
  /** What the outputs say, null when none were asked for (or they are still to be written: writeBehind). */
  written: OutputReport | null;
  /**
   * With outputs 'behind', when this merge's outputs are still to be written: what
   * writeCampaignOutputs takes to write them and their record (plain data: the console writes
   * them in a worker thread). The caller writes them holding the data lock it held for the run,
   * and never two at once for the same campaign.
   */
  writeBehind?: WriteInput;
  /** Nothing was written: the outputs were already those of these inputs; `asOf` is the 数据截至 they state. */
  unchanged: { asOf: string | null } | null;
  /** 2 when a document could not be made because its template is wrong (everything else was written), else 0. */
  exitCode: number;
}

export interface RunOutcome {
  intake: IntakeOutput | null;
  /** Told to stop after intake: no campaign was merged. */
  stopped: boolean;
  /** The targets' runs, in the order of `campaigns`. */
  campaigns: CampaignRun[];
  /** Where every stored message went, when routing ran (some target was merged anew). */
  routing: Routing | null;
  exitCode: number;
}

/** What the doors of one campaign call: the campaign and the store it reads from, and its run (null when stopped). */
export async function runCampaignOf(
  context: CommandContext & { facts?: FactsInMemory },
  request: Omit<RunRequest, 'store' | 'campaigns' | 'only'>,
  events: RunnerEvents = {},
): Promise<RunOutcome & { run: CampaignRun | null }> {
  const outcome = await runPipeline({ ...request, store: context, campaigns: [context] }, events);
  return { ...outcome, run: outcome.campaigns[0] ?? null };
}

/** Runs one stage between its start and done events. */
async function stage<S extends StageName>(
  name: S,
  events: RunnerEvents,
  place: CampaignPlace | undefined,
  work: () => Promise<StageOutputs[S]> | StageOutputs[S],
): Promise<StageOutputs[S]> {
  const at = place ? { place } : {};
  events.onStage?.({ stage: name, phase: 'start', ...at });
  const output = await work();
  events.onStage?.({ stage: name, phase: 'done', output, ...at } as StageEvent);
  return output;
}

function skip(events: RunnerEvents, stages: readonly StageName[], reason: SkipReason, place?: CampaignPlace): void {
  for (const name of stages) events.onStage?.({ stage: name, phase: 'skipped', reason, ...(place ? { place } : {}) });
}

function reuseOf(request: RunRequest): 'merge' | 'merge-and-outputs' | 'nothing' {
  if (request.outputs === 'force' || request.retryFailed) return 'nothing';
  if (request.outputs === 'write' || request.outputs === 'behind') return 'merge-and-outputs';
  return request.reuseMerge ? 'merge' : 'nothing';
}

const archived = (place: CampaignPlace) => place.workspace?.archived === true;

/** `work` done on the first call only. */
function once<A extends unknown[]>(work: (...args: A) => void): (...args: A) => void {
  let done = false;
  return (...args) => {
    if (done) return;
    done = true;
    work(...args);
  };
}

/** A console decision's run: a merge's outputs are handed back to be written after it (nothing notified waits for them). */
const writesBehind = (request: Pick<RunRequest, 'outputs' | 'notify'>): boolean => request.outputs === 'behind' && request.notify !== true;

/** Whether the outputs a merge makes are written by this run itself, rather than not at all or behind it (mergeAndWrite). */
export function writesOutputsHere(request: Pick<RunRequest, 'outputs' | 'notify'>): boolean {
  return request.outputs !== 'none' && !writesBehind(request);
}

/** A target's inputs, and the merge that still stands for it (null: merge again). */
interface Pending {
  target: CampaignTarget;
  place: CampaignPlace;
  inputs: Inputs;
  standing: MergeResult | null;
}

export async function runPipeline(request: RunRequest, events: RunnerEvents = {}): Promise<RunOutcome> {
  const { store, campaigns, source } = request;
  // The data lock clears what a crash left in the store; a workspace's campaigns keep their caches
  // outside it (<campaign>/data), cleared here by the run that writes them.
  if (source || request.outputs !== 'none')
    for (const place of campaigns) if (place.dataDir !== store.storeDir) await sweepStaleTemps(place.dataDir);
  // Analysis starts while intake stores, for each campaign (each has its own facts index; with
  // several, each keeps its workers until its own analysis is done). A lone campaign also starts
  // a child at its first new message, to be ready when the message is handed to it; several do
  // not, not to start children for every campaign at once for a handful of messages.
  const ahead = { warmEarly: campaigns.length === 1 };
  const starts = source ? campaigns.map((place) => startAnalysis(store, place, ahead)) : [];
  try {
    let intook: IntakeOutput | null = null;
    if (source) {
      intook = await stage('intake', events, undefined, () =>
        intake({
          storeDir: store.storeDir,
          campaigns: campaigns.map((place) => place.campaign),
          source,
          ...(request.signal ? { signal: request.signal } : {}),
          ...(events.onIntakeProgress ? { onProgress: events.onIntakeProgress } : {}),
          onStored: (id) => {
            for (const start of starts) start.offer(id);
          },
        }),
      );
    } else skip(events, ['intake'], 'no-source');
    if (request.signal?.aborted) {
      skip(events, ['inputs', 'analyse', 'route', 'merge', 'write', 'notify'], 'stopped');
      return { intake: intook, stopped: true, campaigns: [], routing: null, exitCode: 0 };
    }
    const { runs, routing } = await runCampaigns(request, starts, events);
    return { intake: intook, stopped: false, campaigns: runs, routing, exitCode: Math.max(0, ...runs.map((run) => run.exitCode)) };
  } finally {
    for (const start of starts) await start.close();
  }
}

async function runCampaigns(
  request: RunRequest,
  starts: readonly AnalysisStart[],
  events: RunnerEvents,
): Promise<{ runs: CampaignRun[]; routing: Routing | null }> {
  const { store, campaigns } = request;
  const only = request.only ? new Set(request.only) : null;
  const targets = campaigns.filter((place) => (only ? only.has(routeName(place)) : !archived(place)));
  const storedIds = await new RawStore(store.storeDir).listIds();
  const bases = await routingBases(campaigns);
  const key = routingKey(campaigns, bases);
  const pending: Pending[] = [];
  for (const target of targets) {
    const basis = bases[campaigns.indexOf(target)]!;
    pending.push(await targetInputs(request, target, { storedIds, basis, key }, events));
  }
  if (pending.every((item) => item.standing !== null) && !request.routeAlways) {
    for (const item of pending) skip(events, ['analyse'], 'up-to-date', item.place);
    skip(events, ['route'], 'up-to-date');
    const runs: CampaignRun[] = [];
    for (const item of pending) runs.push(await reuseLast(request, item, events));
    return { runs, routing: null };
  }
  // Some target is merged again, so its outputs are likely written: their writers load while the
  // analysis children work (not for a console decision: its files are written in a worker) —
  // once the children have their messages: loading blocks this thread for ~0.5 s. The documents'
  // worker also prepares the templates of the campaign analysed first (a lone one's, mostly).
  const preload = writesOutputsHere(request) ? once(preloadWriters) : undefined;
  // Routing weighs every campaign: each one's facts are read (from its index, mostly).
  const analysed: Analysed[] = [];
  for (const [index, place] of campaigns.entries())
    analysed.push(await analyseCampaign(request, place, storedIds, { ahead: starts[index], preload }, events));
  const routing = await stage('route', events, undefined, () =>
    route({
      storedIds,
      campaigns: campaigns.map((place, index) => ({ place, messages: analysed[index]!.messages, basis: bases[index]! })),
    }),
  );
  const complete = analysed.every((item) => item.complete);
  const runs: CampaignRun[] = [];
  for (const item of pending) {
    if (item.standing) runs.push(await reuseLast(request, item, events));
    else runs.push(await mergeAndWrite(request, item, { analysed: analysed[campaigns.indexOf(item.target)]!, routing, complete }, events));
  }
  return { runs, routing };
}

/** Stage inputs for one target; an archived one keeps its last merge, whatever came since. */
async function targetInputs(
  request: RunRequest,
  target: CampaignTarget,
  shared: { storedIds: readonly string[]; basis: RoutingBasis; key: string | null },
  events: RunnerEvents,
): Promise<Pending> {
  const { facts: _facts, ...place } = target;
  const reuse = archived(place) ? 'nothing' : reuseOf(request);
  const listRows: ListRows = request.notify ? 'read' : (request.listRows ?? 'read');
  const inputs = await stage('inputs', events, place, () =>
    gatherInputs({
      store: request.store,
      place,
      reuse,
      decisions: shared.basis.decisions,
      storedIds: shared.storedIds,
      routingKey: shared.key,
      listRows,
    }),
  );
  if (archived(place)) return { target, place, inputs, standing: await readLastMergeResult(place.dataDir, inputs.lastPollAt, listRows) };
  const standing = inputs.cached && (request.outputs === 'none' || inputs.record) ? inputs.cached : null;
  return { target, place, inputs, standing };
}

async function analyseCampaign(
  request: RunRequest,
  target: CampaignTarget,
  storedIds: readonly string[],
  { ahead, preload }: { ahead: AnalysisStart | undefined; preload: ((campaign: Campaign) => void) | undefined },
  events: RunnerEvents,
): Promise<Analysed> {
  const { facts, ...place } = target;
  const analysed = await stage('analyse', events, place, () =>
    analyse({
      store: request.store,
      place,
      storedIds,
      ...(facts ? { inMemory: facts } : {}),
      ...(ahead ? { ahead } : {}),
      ...(request.retryFailed ? { retryFailed: true } : {}),
      ...(events.onAnalysed ? { onAnalysed: events.onAnalysed } : {}),
      ...(preload ? { onHandedOut: () => preload(place.campaign) } : {}),
    }),
  );
  // The analysis workers end before merging and writing: their heaps must not add to the peak.
  await ahead?.close();
  return analysed;
}

async function mergeAndWrite(
  request: RunRequest,
  item: Pending,
  made: { analysed: Analysed; routing: Routing; complete: boolean },
  events: RunnerEvents,
): Promise<CampaignRun> {
  const { place, inputs } = item;
  const { decisions, lastPollAt } = inputs;
  const share = shareOf(made.routing, place, made.analysed.messages);
  const result = await stage('merge', events, place, () =>
    mergeCampaign({
      campaign: place.campaign,
      decisions,
      messages: share.messages,
      lastPollAt,
      contested: share.contested,
      elsewhere: share.elsewhere,
    }),
  );
  // An archived campaign is read-only: merged in memory when asked (status with no merge kept), never written or notified.
  const frozen = archived(place);
  const toWrite = { place, result, decisions, fingerprint: made.complete ? inputs.fingerprint : null };
  // Written behind: the caller's page is current now, the files follow.
  const behind = !frozen && writesBehind(request);
  if (behind) skip(events, ['write'], 'behind', place);
  let written: OutputReport | null = null;
  if (frozen) skipWrite(events, place);
  else if (!behind) written = await writeStage(request, toWrite, events);
  if (frozen) skip(events, ['notify'], 'not-asked', place);
  else await notifyStage(request, place, result, decisions, written, events);
  return {
    ...(behind ? { writeBehind: toWrite } : {}),
    place,
    result,
    decisions,
    messages: share.messages,
    analysed: made.analysed.analysed,
    complete: made.complete,
    written,
    unchanged: null,
    exitCode: written && written.failedDocuments > 0 ? 2 : 0,
  };
}

function skipWrite(events: RunnerEvents, place: CampaignPlace): null {
  skip(events, ['write'], 'not-asked', place);
  return null;
}

/**
 * Nothing changed since the last run (or the campaign is archived): its merge stands, and its
 * outputs when they were asked for. (Its analysis was skipped, or ran for routing's sake.)
 */
async function reuseLast(request: RunRequest, item: Pending, events: RunnerEvents): Promise<CampaignRun> {
  const { place, inputs } = item;
  const result = item.standing!;
  skip(events, ['merge'], 'up-to-date', place);
  const record = archived(place) ? null : inputs.record;
  const written = record ? recordedOutputs(place, record) : null;
  skip(events, ['write'], written ? 'up-to-date' : 'not-asked', place);
  if (archived(place)) skip(events, ['notify'], 'not-asked', place);
  else await notifyStage(request, place, result, inputs.decisions, written, events);
  return {
    place,
    result,
    decisions: inputs.decisions,
    analysed: 0,
    complete: true,
    written,
    unchanged: record ? { asOf: record.asOf } : archived(place) ? { asOf: result.asOf } : null,
    exitCode: written && written.failedDocuments > 0 ? 2 : 0,
  };
}

async function writeStage(request: RunRequest, made: WriteInput, events: RunnerEvents): Promise<OutputReport | null> {
  if (request.outputs === 'none') return skipWrite(events, made.place);
  return stage('write', events, made.place, () => writeCampaignOutputs(made));
}

async function notifyStage(
  request: RunRequest,
  place: CampaignPlace,
  result: MergeResult,
  decisions: Decisions,
  written: OutputReport | null,
  events: RunnerEvents,
): Promise<void> {
  if (!request.notify) {
    skip(events, ['notify'], 'not-asked', place);
    return;
  }
  await stage('notify', events, place, () =>
    notify({
      place,
      storeDir: request.store.storeDir,
      result,
      decisions,
      files: written?.files ?? [],
      log: (line) => events.onNotice?.(line),
    }),
  );
}
