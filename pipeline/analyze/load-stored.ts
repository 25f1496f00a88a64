/**
 * Every stored message with its facts, read from the cache or analysed now: the step between
 * the raw store (edge) and merge (pure).
 *
 * Messages not in the cache are analysed in two passes, so that a whole run starts LibreOffice
 * at most once while memory stays bounded:
 *   1. every message, conversions deferred: most are complete at once; those holding a legacy
 *      file the conversion cache lacks are set aside (only their ids are kept);
 *   2. the set-aside messages together, their legacy files converted in one LibreOffice start.
 * Whenever compiled workers exist (always, outside the unit tests), every message is analysed
 * on a worker thread under the campaign's memory and time budget (analyze-pool.ts): a file that
 * exhausts it becomes a problem naming it, the message is analysed again without that file, and
 * the outcome is cached like any other, so later runs never try it again — unless asked to
 * (`retryFailed`, `merge --retry-failed`).
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { RawStore, Receipt } from '../../intake/store/raw-store.js';
import { type AnalysisLogEntry, appendAnalysisLog } from './analysis-log.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { AnalyzePool, TaskOutcome } from './analyze-pool.js';
import { ANALYZER_VERSION, dependsOnEnvironment, hitLimits, type MessageFacts, type Overrun, type StoredMessage } from './facts.js';
import { FactsIndex } from './facts-index.js';
import { budgetOf, messageOverrunProblem } from './overrun.js';

export interface LoadStoredOptions {
  /** Called after each message analysed (not for cache hits), for progress output. */
  onAnalysed?: (done: number, total: number) => void;
  /** Raw mail held in memory at once by in-thread analysis. Default 32 MB. */
  batchBytes?: number;
  /** Worker threads; 0 analyses in this thread, without a budget (tests of sources only). Default: defaultPoolSize. */
  workers?: number;
  /** Analyse again the messages whose cached facts say a budget stopped them. */
  retryFailed?: boolean;
  environment?: Omit<AnalyzeEnvironment, 'dataDir' | 'deferConversions'>;
  /** Analysis already started during intake (AnalysisAhead); its results and workers are used. */
  ahead?: AnalysisAhead;
}

export interface StoredMessages {
  messages: StoredMessage[];
  /** Messages analysed now (not taken from the facts index). */
  analysed: number;
  /**
   * Every message's facts are in the index: none was spoiled by a missing program (those are
   * recomputed each time). Only then do the same stored messages give the same facts next time.
   */
  complete: boolean;
}

/**
 * Below this many messages stored by one intake, analysis waits for loadStoredMessages (which
 * starts the pool itself); above, starting workers while storing pays.
 */
const WORKER_THRESHOLD = 40;
/** Receipt reads overlapped. */
const PARALLEL_IO = 16;
/**
 * During a long first run the index is saved now and then, so a crash does not cost every
 * analysis: whenever the unsaved entries reach half the index (at least this many). Growing
 * steps keep the total written proportional to the index, not to its square.
 */
const CHECKPOINT_MIN = 200;

/**
 * Analysis started while `run` is still storing the messages of a large first intake: each
 * newly stored message goes to the analysis workers at once, so storing (which waits for the
 * disk) and analysing (which waits for the processors) overlap. Workers start only once enough
 * new messages came to pay for them; before that, messages are only counted. The results are
 * taken by loadStoredMessages; the caller closes it.
 */
export class AnalysisAhead {
  private readonly offered: string[] = [];
  private readonly replies = new Map<string, Promise<TaskOutcome>>();
  private started: Promise<AnalyzePool | null> | null = null;
  private pool: AnalyzePool | null = null;
  private closed = false;

  constructor(
    private readonly store: RawStore,
    private readonly dataDir: string,
    private readonly campaign: Campaign,
  ) {}

  offer(id: string): void {
    if (this.closed) return;
    this.offered.push(id);
    if (this.started === null && this.offered.length >= WORKER_THRESHOLD) this.started = this.start();
    else if (this.started !== null) this.dispatch(id);
  }

  private async start(): Promise<AnalyzePool | null> {
    const { AnalyzePool, defaultPoolSize, workersAvailable } = await import('./analyze-pool.js');
    if (!workersAvailable()) return null;
    const budget = budgetOf(this.campaign.file.limits);
    this.pool = new AnalyzePool(defaultPoolSize(budget.memoryMB), this.campaign, { dataDir: this.dataDir }, budget);
    for (const id of this.offered) this.dispatch(id);
    return this.pool;
  }

  private dispatch(id: string): void {
    if (!this.pool || this.replies.has(id)) return;
    // The first attempt of the isolated path (conversions deferred, nothing skipped): its outcome is taken as such.
    const reply = this.pool.analyse({ id, path: this.store.emlPath(id), defer: true, skip: new Map() });
    // Failures are seen by whoever takes the reply; an untaken one must not crash the process.
    reply.catch(() => undefined);
    this.replies.set(id, reply);
  }

  /** The pool, once started (null when workers are not available or too few messages came). */
  async workers(): Promise<AnalyzePool | null> {
    return this.started ? this.started : null;
  }

  take(id: string): Promise<TaskOutcome> | undefined {
    const reply = this.replies.get(id);
    this.replies.delete(id);
    return reply;
  }

  /** Ends the workers; idempotent. Replies not taken are dropped. */
  async close(): Promise<void> {
    const pool = await this.workers();
    this.closed = true;
    this.started = null;
    this.pool = null;
    this.replies.clear();
    await pool?.close();
  }
}

async function readReceipts(store: RawStore, ids: readonly string[]): Promise<Receipt[]> {
  const receipts: Receipt[] = [];
  for (let start = 0; start < ids.length; start += PARALLEL_IO)
    receipts.push(...(await Promise.all(ids.slice(start, start + PARALLEL_IO).map((id) => store.readReceipt(id)))));
  return receipts;
}

export async function loadStoredMessages(
  store: RawStore,
  dataDir: string,
  campaign: Campaign,
  options: LoadStoredOptions = {},
): Promise<StoredMessages> {
  const [index, ids] = await Promise.all([FactsIndex.open(dataDir, campaign.extractionFingerprint), store.listIds()]);
  index.retain(new Set(ids));
  const wanted = (id: string): boolean => {
    const known = index.get(id);
    return !known || (options.retryFailed === true && hitLimits(known.facts));
  };
  const missing = await readReceipts(store, ids.filter(wanted));
  // Facts a missing program spoiled: used this time, never kept (installing the program fixes them).
  const volatile = new Map<string, StoredMessage>();
  const result = (analysed: number): StoredMessages => ({
    messages: ids.map((id) => volatile.get(id) ?? index.get(id)!),
    analysed,
    complete: volatile.size === 0,
  });
  if (missing.length === 0) {
    // Only messages gone from the store changed the index.
    await index.save().catch(() => undefined);
    return result(0);
  }

  // mailparser, exceljs and the converters load only when a message needs analysing:
  // `status` on a warm cache never pays for them.
  const { analyzeMessages } = await import('./analyze-batch.js');
  const { AnalyzePool, defaultPoolSize, workersAvailable } = await import('./analyze-pool.js');
  const environment: AnalyzeEnvironment = { ...options.environment, dataDir };
  const receiptOf = new Map(missing.map((receipt) => [receipt.id, receipt]));
  let analysed = 0;
  const accept = async (facts: MessageFacts) => {
    const receipt = receiptOf.get(facts.id)!;
    analysed++;
    options.onAnalysed?.(analysed, missing.length);
    if (dependsOnEnvironment(facts)) {
      volatile.set(facts.id, { receipt, facts });
      return;
    }
    index.set(receipt, facts);
    // A checkpoint that fails costs only a recomputation next time.
    if (index.unsavedChanges >= Math.max(CHECKPOINT_MIN, index.size / 2)) await index.save().catch(() => undefined);
  };

  const budget = budgetOf(campaign.file.limits);
  const aheadPool = options.environment === undefined ? await options.ahead?.workers() : null;
  const workers = aheadPool
    ? aheadPool.size
    : (options.workers ?? (workersAvailable() ? Math.min(defaultPoolSize(budget.memoryMB), missing.length) : 0));
  if (workers > 0) {
    const pool = aheadPool ?? new AnalyzePool(workers, campaign, environment, budget);
    try {
      await analyseIsolated(missing, store, pool, accept, dataDir, options.ahead);
    } finally {
      // Closed at once, the pool started during intake too: the workers' heaps must not stay
      // alive through merging and writing (at 5,000 units they raised the peak past 600 MB).
      if (pool === aheadPool) await options.ahead!.close();
      else await pool.close();
    }
  } else {
    const deferredIds: string[] = [];
    const limit = options.batchBytes ?? 32 * 1024 * 1024;
    for (let start = 0; start < missing.length; ) {
      const batch: Receipt[] = [];
      let bytes = 0;
      while (start < missing.length && (batch.length === 0 || bytes + missing[start]!.size <= limit)) {
        bytes += missing[start]!.size;
        batch.push(missing[start++]!);
      }
      const inputs = await Promise.all(batch.map(async (receipt) => ({ id: receipt.id, raw: await store.read(receipt.id) })));
      const { facts, deferred } = await analyzeMessages(inputs, campaign, { ...environment, deferConversions: true });
      deferredIds.push(...deferred.ids);
      for (const item of facts) await accept(item);
    }
    // Pass 2: the messages waiting for conversions, all legacy files in one LibreOffice start.
    if (deferredIds.length > 0) {
      const inputs = await Promise.all(deferredIds.map(async (id) => ({ id, raw: await store.read(id) })));
      const { facts } = await analyzeMessages(inputs, campaign, environment);
      for (const item of facts) await accept(item);
    }
  }
  await index.save().catch(() => undefined);
  return result(analysed);
}

/**
 * Every message on the pool, in two passes like the in-thread path (conversions deferred, then
 * all legacy files of the run in one LibreOffice start), each message retried until it completes:
 * a file that stopped its worker is skipped (named in a problem), and a message that stopped it
 * before any file is read for its headers only.
 */
async function analyseIsolated(
  missing: readonly Receipt[],
  store: RawStore,
  pool: AnalyzePool,
  accept: (facts: MessageFacts) => Promise<void>,
  dataDir: string,
  ahead?: AnalysisAhead,
): Promise<void> {
  const skips = new Map<string, Map<string, Overrun>>();
  // Written as the run goes, so that even a run that is killed leaves its trace.
  let log: AnalysisLogEntry[] = [];
  let writing = Promise.resolve();
  const flush = () => {
    const entries = log;
    log = [];
    writing = writing.then(() => appendAnalysisLog(dataDir, entries));
    return writing;
  };
  const note = (entry: AnalysisLogEntry) => {
    log.push(entry);
    if (log.length >= 20) void flush();
  };
  const runMessage = async (id: string, defer: boolean): Promise<Extract<TaskOutcome, { ok: true }>> => {
    const skip = skips.get(id) ?? new Map<string, Overrun>();
    skips.set(id, skip);
    let headersOnly: Overrun | undefined;
    let spent = 0;
    // The first attempt may have been started during intake (AnalysisAhead), with the same task.
    let started = defer ? ahead?.take(id) : undefined;
    for (;;) {
      const outcome = await (started ??
        pool.analyse({ id, path: store.emlPath(id), defer, skip, ...(headersOnly ? { headersOnly } : {}) }));
      started = undefined;
      spent += outcome.ms;
      if (outcome.ok) {
        if (outcome.facts.length > 0) note(logEntry(id, spent, outcome.facts[0]!));
        return outcome;
      }
      note({ id, ms: outcome.ms, stopped: outcome.overrun, file: outcome.file?.name ?? null });
      if (outcome.file && !skip.has(outcome.file.sha256)) skip.set(outcome.file.sha256, outcome.overrun);
      else if (!headersOnly) headersOnly = outcome.overrun;
      else return { ok: true, facts: [bareFacts(id, outcome.overrun)], deferredIds: [], ms: spent };
    }
  };

  const deferredIds: string[] = [];
  await eachBounded(
    missing.map((receipt) => receipt.id),
    pool,
    async (id) => {
      const outcome = await runMessage(id, true);
      deferredIds.push(...outcome.deferredIds);
      for (const facts of outcome.facts) await accept(facts);
    },
  );
  if (deferredIds.length > 0) {
    // One LibreOffice start for the whole run; should the batch itself fail, each message
    // converts its own files below.
    await pool.convert(deferredIds.map((id) => ({ id, path: store.emlPath(id) })));
    await eachBounded(deferredIds, pool, async (id) => {
      for (const facts of (await runMessage(id, false)).facts) await accept(facts);
    });
  }
  await flush();
}

/** Keeps every worker busy without queueing the whole run in memory. */
async function eachBounded(ids: readonly string[], pool: AnalyzePool, work: (id: string) => Promise<void>): Promise<void> {
  const pending = new Set<Promise<void>>();
  for (const id of ids) {
    const tracked: Promise<void> = work(id).finally(() => pending.delete(tracked));
    pending.add(tracked);
    while (pending.size >= pool.size * 4) await Promise.race(pending);
  }
  await Promise.all(pending);
}

function logEntry(id: string, ms: number, facts: MessageFacts): AnalysisLogEntry {
  const details = [...facts.problems, ...facts.attachments.flatMap((file) => file.problems)]
    .filter((item) => item.detail)
    .map((item) => `${item.code}: ${item.detail}`);
  return { id, ms, stopped: null, file: null, ...(details.length > 0 ? { details } : {}) };
}

/** A message whose headers could not be read within budget either: known only by its id. */
function bareFacts(id: string, overrun: Overrun): MessageFacts {
  return {
    analyzerVersion: ANALYZER_VERSION,
    id,
    messageId: null,
    fromAddress: null,
    fromName: null,
    subject: '',
    dateHeader: null,
    receivedHeader: null,
    forwardedFrom: [],
    attachments: [],
    problems: [messageOverrunProblem(overrun, undefined)],
    overrun,
  };
}
