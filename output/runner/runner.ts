/**
 * One way through the pipeline for every door: intake → inputs → analyse → merge → write →
 * notify, each stage a function of its own (stages/), this core only naming them, running them in
 * order and telling the caller (stage-events.ts). `run`, `merge`, `watch`, `serve` (its schedule,
 * 立即收信, each decision, 重新汇总, template saves) and `status` all come here; they keep only what
 * is theirs: arguments, the data lock, printing or rendering.
 *
 * A run serves one store and the campaigns that read from it: intake once for the store, the
 * rest once per campaign. Nothing is redone that has not changed: when a campaign's inputs are
 * those its outputs were written from (stage inputs), analyse, merge and write are skipped and
 * the last merge stands. The caller holds the data lock.
 */
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import type { StoredMessage } from '../../pipeline/analyze/facts.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import type { CampaignPlace, CommandContext, StorePlace } from './context.js';
import type { RunnerEvents, SkipReason, StageEvent, StageName, StageOutputs } from './stage-events.js';
import { type AnalysisStart, analyse, type FactsInMemory, startAnalysis } from './stages/analyse.js';
import { gatherInputs, type Inputs } from './stages/inputs.js';
import { type IntakeOutput, intake, type MailSource } from './stages/intake.js';
import { mergeCampaign } from './stages/merge.js';
import { notify } from './stages/notify.js';
import { type OutputReport, recordedOutputs, writeCampaignOutputs } from './stages/write.js';

export interface CampaignTarget extends CampaignPlace {
  /** Facts the caller already holds (the console's): used when they are exactly the stored messages. */
  facts?: FactsInMemory;
}

export interface RunRequest {
  store: StorePlace;
  campaigns: readonly CampaignTarget[];
  /** Take in new mail first; absent: work from what is stored (merge, status, a decision). */
  source?: MailSource;
  /** Write the outputs when their inputs changed ('write'), always ('force'), or not at all ('none': the state only). */
  outputs: 'write' | 'force' | 'none';
  /** With outputs 'none': take the last merge when nothing changed (status); otherwise every message's facts are read. */
  reuseMerge?: boolean;
  /** Receipts, reminders and the clerk's copy as notify: says (the scheduled cycles). */
  notify?: boolean;
  /** Analyse again what a memory or time budget stopped before. */
  retryFailed?: boolean;
  /** Stop after intake: nothing else is done (Ctrl-C during a cycle). */
  signal?: AbortSignal;
}

export interface CampaignRun {
  place: CampaignPlace;
  result: MergeResult;
  decisions: Decisions;
  /** Every stored message with its facts; absent when the last merge was reused (no facts were read). */
  messages?: StoredMessage[];
  /** Messages analysed now. */
  analysed: number;
  /** The facts are all as the next read will give them (see Analysed.complete). */
  complete: boolean;
  /** What the outputs say, null when none were asked for. */
  written: OutputReport | null;
  /** Nothing was written: the outputs were already those of these inputs; `asOf` is the 数据截至 they state. */
  unchanged: { asOf: string | null } | null;
  /** 2 when a document could not be made because its template is wrong (everything else was written), else 0. */
  exitCode: number;
}

export interface RunOutcome {
  intake: IntakeOutput | null;
  /** Told to stop after intake: no campaign was merged. */
  stopped: boolean;
  campaigns: CampaignRun[];
  exitCode: number;
}

/** What the doors of one campaign call: the campaign and the store it reads from, and its run (null when stopped). */
export async function runCampaignOf(
  context: CommandContext & { facts?: FactsInMemory },
  request: Omit<RunRequest, 'store' | 'campaigns'>,
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
  if (request.outputs === 'write') return 'merge-and-outputs';
  return request.reuseMerge ? 'merge' : 'nothing';
}

export async function runPipeline(request: RunRequest, events: RunnerEvents = {}): Promise<RunOutcome> {
  const { store, campaigns, source } = request;
  // Analysis starts while intake stores, for each campaign (each has its own facts index; with
  // several, each keeps its workers until its own analysis is done).
  const starts = source ? campaigns.map((place) => startAnalysis(store, place)) : [];
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
      skip(events, ['inputs', 'analyse', 'merge', 'write', 'notify'], 'stopped');
      return { intake: intook, stopped: true, campaigns: [], exitCode: 0 };
    }
    const runs: CampaignRun[] = [];
    for (const [index, place] of campaigns.entries()) runs.push(await runCampaign(request, place, starts[index], events));
    return { intake: intook, stopped: false, campaigns: runs, exitCode: Math.max(0, ...runs.map((run) => run.exitCode)) };
  } finally {
    for (const start of starts) await start.close();
  }
}

async function runCampaign(
  request: RunRequest,
  target: CampaignTarget,
  ahead: AnalysisStart | undefined,
  events: RunnerEvents,
): Promise<CampaignRun> {
  const { facts, ...place } = target;
  const inputs = await stage('inputs', events, place, () => gatherInputs({ store: request.store, place, reuse: reuseOf(request) }));
  const reused = inputs.cached && (request.outputs === 'none' || inputs.record) ? inputs.cached : null;
  if (reused) return reuseLast(request, place, inputs, reused, events);

  const analysed = await stage('analyse', events, place, () =>
    analyse({
      store: request.store,
      place,
      storedIds: inputs.storedIds,
      ...(facts ? { inMemory: facts } : {}),
      ...(ahead ? { ahead } : {}),
      ...(request.retryFailed ? { retryFailed: true } : {}),
      ...(events.onAnalysed ? { onAnalysed: events.onAnalysed } : {}),
    }),
  );
  // The analysis workers end before merging and writing: their heaps must not add to the peak.
  await ahead?.close();
  const { decisions, lastPollAt } = inputs;
  const result = await stage('merge', events, place, () =>
    mergeCampaign({ campaign: place.campaign, decisions, messages: analysed.messages, lastPollAt }),
  );
  const written = await writeStage(
    request,
    place,
    { result, decisions, fingerprint: analysed.complete ? inputs.fingerprint : null },
    events,
  );
  await notifyStage(request, place, result, decisions, written, events);
  return {
    place,
    result,
    decisions,
    messages: analysed.messages,
    analysed: analysed.analysed,
    complete: analysed.complete,
    written,
    unchanged: null,
    exitCode: written && written.failedDocuments > 0 ? 2 : 0,
  };
}

/** Nothing changed since the last run: its merge stands, and its outputs when they were asked for. */
async function reuseLast(
  request: RunRequest,
  place: CampaignPlace,
  inputs: Inputs,
  result: MergeResult,
  events: RunnerEvents,
): Promise<CampaignRun> {
  skip(events, ['analyse', 'merge'], 'up-to-date', place);
  const written = inputs.record ? recordedOutputs(place, inputs.record) : null;
  skip(events, ['write'], written ? 'up-to-date' : 'not-asked', place);
  await notifyStage(request, place, result, inputs.decisions, written, events);
  return {
    place,
    result,
    decisions: inputs.decisions,
    analysed: 0,
    complete: true,
    written,
    unchanged: inputs.record ? { asOf: inputs.record.asOf } : null,
    exitCode: written && written.failedDocuments > 0 ? 2 : 0,
  };
}

async function writeStage(
  request: RunRequest,
  place: CampaignPlace,
  made: { result: MergeResult; decisions: Decisions; fingerprint: string | null },
  events: RunnerEvents,
): Promise<OutputReport | null> {
  if (request.outputs === 'none') {
    skip(events, ['write'], 'not-asked', place);
    return null;
  }
  return stage('write', events, place, () => writeCampaignOutputs({ place, ...made }));
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
    notify({ place, result, decisions, files: written?.files ?? [], log: (line) => events.onNotice?.(line) }),
  );
}
