/**
 * Every stored message with its facts, read from the cache or analysed now: the step between
 * the raw store (edge) and merge (pure).
 *
 * Messages not in the cache are analysed in two passes, so that a whole run starts LibreOffice
 * at most once while memory stays bounded:
 *   1. every message, conversions deferred: most are complete at once; those holding a legacy
 *      file the conversion cache lacks are set aside (only their ids are kept);
 *   2. the set-aside messages together, their legacy files converted in one LibreOffice start.
 * Whenever the compiled child exists (always, outside the unit tests), every message is analysed
 * in a child process under the campaign's memory and time budget (analyze-pool.ts): a file that
 * exhausts it or kills the child becomes a problem naming it, the message is analysed again
 * without that file, and the outcome is cached like any other, so later runs never try it again
 * — unless asked to (`retryFailed`, `merge --retry-failed`). Before messages start, the journal
 * says so (analysis-journal.ts): a message under way when a whole process died is read for its
 * headers only from then on.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { RawStore, Receipt } from '../../intake/store/raw-store.js';
import { AnalysisJournal, readInterrupted } from './analysis-journal.js';
import { type AnalysisLogEntry, appendAnalysisLog } from './analysis-log.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { AnalyzePool, TaskOutcome } from './analyze-pool.js';
import { dependsOnEnvironment, emptyFacts, hitLimits, type MessageFacts, type Overrun, type StoredMessage } from './facts.js';
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
  /**
   * Called once, when the messages to analyse are with the children (the first of them, when
   * there are many), or at once when there is none: the caller's own heavy synchronous work
   * (loading the output writers, ~0.5 s) waits for it, so as not to hold back the children.
   */
  onHandedOut?: () => void;
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
 * starts the pool itself, or takes the children started early: AheadOptions.warmEarly); above,
 * starting workers while storing pays.
 */
const WORKER_THRESHOLD = 40;
/** Messages recorded as started by one journal line during intake (analysis-journal.ts). */
const JOURNAL_BATCH = 16;
/** How long a message stored during intake waits for others to share its journal line. */
const JOURNAL_WAIT_MS = 20;
/**
 * Messages whose legacy files one LibreOffice start converts. LibreOffice keeps much of what it
 * loaded until it ends: 200 of its own regression documents in one start took it to 1.2 GB. A
 * start costs about a second; this many files take a minute or more.
 */
const CONVERT_BATCH = 50;
/** Receipt reads overlapped. */
const PARALLEL_IO = 16;
/**
 * During a long first run the index is saved now and then, so a crash does not cost every
 * analysis: whenever the unsaved entries reach half the index (at least this many). Growing
 * steps keep the total written proportional to the index, not to its square.
 */
const CHECKPOINT_MIN = 200;

export interface AheadOptions {
  /**
   * Start children as the first messages come, one per message up to the pool's size, without
   * giving them any (a lone campaign: `run` with a few new messages): a child's start-up (~0.4 s
   * of module loading) then overlaps intake, and it is ready when loadStoredMessages hands it its
   * message. Nothing is recorded as started before that: a run killed during intake leaves no
   * message looking as if it had killed the process (analysis-journal.ts).
   */
  warmEarly?: boolean;
}

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
  /** The pool, once asked for (by enough messages, or by warmEarly). */
  private opening: Promise<AnalyzePool | null> | null = null;
  private pool: AnalyzePool | null = null;
  /** Messages go to the children as they are stored (enough came: WORKER_THRESHOLD). */
  private dispatching = false;
  private closed = false;
  /** Messages offered since the last journal line, and when that line is written. */
  private batch: string[] = [];
  private batchWritten: Promise<void> | null = null;

  constructor(
    private readonly store: RawStore,
    private readonly dataDir: string,
    private readonly campaign: Campaign,
    private readonly options: AheadOptions = {},
  ) {}

  offer(id: string): void {
    if (this.closed) return;
    this.offered.push(id);
    if (!this.dispatching && this.offered.length >= WORKER_THRESHOLD) {
      this.dispatching = true;
      void this.open().then(() => {
        for (const offered of this.offered) this.dispatch(offered);
      });
    } else if (this.dispatching) this.dispatch(id);
    else if (this.options.warmEarly) {
      const children = this.offered.length;
      void this.open().then((pool) => pool?.warmUpTo(children));
    }
  }

  private open(): Promise<AnalyzePool | null> {
    this.opening ??= (async () => {
      const { AnalyzePool, defaultPoolSize, workersAvailable } = await import('./analyze-pool.js');
      if (!workersAvailable() || this.closed) return null;
      const budget = budgetOf(this.campaign.file.limits);
      this.pool = new AnalyzePool(defaultPoolSize(budget.memoryMB), this.campaign, { dataDir: this.dataDir }, budget);
      if (this.dispatching) this.pool.warm();
      return this.pool;
    })();
    return this.opening;
  }

  private dispatch(id: string): void {
    const pool = this.pool;
    if (!pool || this.closed || this.replies.has(id)) return;
    // The first attempt of the isolated path (conversions deferred, nothing skipped): its outcome
    // is taken as such. It starts once the journal says so (messages stored together share a line).
    const reply = this.journaled(id).then(() => pool.analyse({ id, path: this.store.emlPath(id), defer: true, skip: new Map() }));
    // Failures are seen by whoever takes the reply; an untaken one must not crash the process.
    reply.catch(() => undefined);
    this.replies.set(id, reply);
  }

  /** Resolves once the journal records this message as started: one line per burst of stored messages. */
  private journaled(id: string): Promise<void> {
    this.batch.push(id);
    if (this.batch.length >= JOURNAL_BATCH) return this.writeBatch();
    this.batchWritten ??= new Promise<void>((resolve) => setTimeout(resolve, JOURNAL_WAIT_MS)).then(() => this.writeBatch());
    return this.batchWritten;
  }

  private writeBatch(): Promise<void> {
    const ids = this.batch;
    this.batch = [];
    this.batchWritten = null;
    return AnalysisJournal.of(this.dataDir).start(ids);
  }

  /** The pool, once started (null when children are not available or too few messages came). */
  async workers(): Promise<AnalyzePool | null> {
    return this.opening ? this.opening : null;
  }

  take(id: string): Promise<TaskOutcome> | undefined {
    const reply = this.replies.get(id);
    this.replies.delete(id);
    return reply;
  }

  /** Ends the children; idempotent. Replies not taken are dropped. */
  async close(): Promise<void> {
    const pool = await this.workers();
    this.closed = true;
    this.opening = null;
    this.pool = null;
    this.replies.clear();
    await pool?.close();
    // Whatever was still under way was abandoned by this process, not the end of it.
    await AnalysisJournal.of(this.dataDir).close();
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
  const [index, ids, interrupted] = await Promise.all([
    FactsIndex.open(dataDir, campaign.extractionFingerprint),
    store.listIds(),
    readInterrupted(dataDir),
  ]);
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
    options.onHandedOut?.();
    // Only messages gone from the store changed the index.
    await index.save().catch(() => undefined);
    if (interrupted.ids.size > 0) await interrupted.forget().catch(() => undefined);
    return result(0);
  }

  const environment: AnalyzeEnvironment = { ...options.environment, dataDir };
  const receiptOf = new Map(missing.map((receipt) => [receipt.id, receipt]));
  const journal = AnalysisJournal.of(dataDir);
  let analysed = 0;
  const accept = async (facts: MessageFacts) => {
    const receipt = receiptOf.get(facts.id)!;
    analysed++;
    journal.done(facts.id);
    options.onAnalysed?.(analysed, missing.length);
    if (dependsOnEnvironment(facts)) {
      volatile.set(facts.id, { receipt, facts });
      return;
    }
    index.set(receipt, facts);
    // A checkpoint that fails costs only a recomputation next time.
    if (index.unsavedChanges >= Math.max(CHECKPOINT_MIN, index.size / 2)) await index.save().catch(() => undefined);
  };
  // A message under way when a process died is read for its headers only, unless asked to try again.
  const stopped = (id: string): Overrun | undefined => (interrupted.ids.has(id) && !options.retryFailed ? 'interrupted' : undefined);

  try {
    await analyseMissing(missing, { store, dataDir, campaign, options, environment, accept, stopped });
  } finally {
    // Nothing is under way any more: whatever ends this process now ends no analysis.
    await journal.close();
  }
  // A save that fails costs only a recomputation next time; once it is done, the outcome of the
  // messages a dead process left is durable and its journal has said all it had to say.
  if (
    await index.save().then(
      () => true,
      () => false,
    )
  )
    await interrupted.forget().catch(() => undefined);
  return result(analysed);
}

interface MissingContext {
  store: RawStore;
  dataDir: string;
  campaign: Campaign;
  options: LoadStoredOptions;
  environment: AnalyzeEnvironment;
  accept: (facts: MessageFacts) => Promise<void>;
  /** Why a message must not be analysed in full (read for its headers only), if it must not. */
  stopped: (id: string) => Overrun | undefined;
}

/** The messages not in the index, analysed on the pool (or in this process, for tests of the sources). */
async function analyseMissing(missing: readonly Receipt[], context: MissingContext): Promise<void> {
  const { campaign, options, environment } = context;
  // mailparser, exceljs and the converters load only when a message needs analysing:
  // `status` on a warm cache never pays for them.
  const { AnalyzePool, defaultPoolSize, workersAvailable } = await import('./analyze-pool.js');
  const budget = budgetOf(campaign.file.limits);
  const aheadPool = options.environment === undefined ? await options.ahead?.workers() : null;
  const workers = aheadPool
    ? aheadPool.size
    : (options.workers ?? (workersAvailable() ? Math.min(defaultPoolSize(budget.memoryMB), missing.length) : 0));
  if (workers === 0) {
    options.onHandedOut?.();
    return analyseInProcess(missing, context);
  }
  const pool = aheadPool ?? new AnalyzePool(workers, campaign, environment, budget);
  // A pool started during intake starts its children as tasks come (as many as there are, at most its size).
  if (!aheadPool) pool.warm();
  try {
    await analyseIsolated(missing, pool, context);
  } finally {
    // Closed at once, the pool started during intake too: the children's memory must not stay
    // taken through merging and writing (at 5,000 units it raised the peak past 600 MB).
    if (pool === aheadPool) await options.ahead!.close();
    else await pool.close();
  }
}

/** In this process, without a budget: only for tests that run the sources (no compiled child). */
async function analyseInProcess(missing: readonly Receipt[], context: MissingContext): Promise<void> {
  const { store, campaign, options, environment, accept } = context;
  const { analyzeMessages } = await import('./analyze-batch.js');
  const deferredIds: string[] = [];
  const limit = options.batchBytes ?? 32 * 1024 * 1024;
  for (let start = 0; start < missing.length; ) {
    const batch: Receipt[] = [];
    let bytes = 0;
    while (start < missing.length && (batch.length === 0 || bytes + missing[start]!.size <= limit)) {
      bytes += missing[start]!.size;
      batch.push(missing[start++]!);
    }
    const open = batch.filter((receipt) => context.stopped(receipt.id) === undefined);
    for (const receipt of batch) {
      const overrun = context.stopped(receipt.id);
      if (overrun) await accept(bareFacts(receipt.id, overrun));
    }
    const inputs = await Promise.all(open.map(async (receipt) => ({ id: receipt.id, raw: await store.read(receipt.id) })));
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

/**
 * Every message on the pool, in two passes like the in-process path (conversions deferred, then
 * all legacy files of the run in one LibreOffice start), each message retried until it completes:
 * a file that stopped its child is skipped (named in a problem), and a message that stopped it
 * before any file is read for its headers only. Each batch of messages is recorded in the journal
 * before it starts.
 */
async function analyseIsolated(missing: readonly Receipt[], pool: AnalyzePool, context: MissingContext): Promise<void> {
  const { store, dataDir, options, accept } = context;
  const journal = AnalysisJournal.of(dataDir);
  const log = new LogWriter(dataDir);
  const skips = new Map<string, Map<string, Overrun>>();
  const runMessage = async (id: string, defer: boolean): Promise<Extract<TaskOutcome, { ok: true }>> => {
    const skip = skips.get(id) ?? new Map<string, Overrun>();
    skips.set(id, skip);
    let headersOnly = context.stopped(id);
    let spent = 0;
    // The first attempt may have been started during intake (AnalysisAhead), with the same task.
    let started = defer && !headersOnly ? options.ahead?.take(id) : undefined;
    for (;;) {
      const outcome = await (started ??
        pool.analyse({ id, path: store.emlPath(id), defer, skip, ...(headersOnly ? { headersOnly } : {}) }));
      started = undefined;
      spent += outcome.ms;
      if (outcome.ok) {
        if (outcome.facts.length > 0) log.note(logEntry(id, spent, outcome.facts[0]!));
        return outcome;
      }
      log.note({ id, ms: outcome.ms, stopped: outcome.overrun, file: outcome.file?.name ?? null, ...detailOf(outcome) });
      if (outcome.file && !skip.has(outcome.file.sha256)) skip.set(outcome.file.sha256, outcome.overrun);
      else if (!headersOnly) headersOnly = outcome.overrun;
      else return { ok: true, facts: [bareFacts(id, headersOnly)], deferredIds: [], ms: spent };
    }
  };

  const ids = missing.map((receipt) => receipt.id);
  const deferredIds: string[] = [];
  await eachBounded(
    ids,
    pool,
    journal,
    async (id) => {
      const outcome = await runMessage(id, true);
      deferredIds.push(...outcome.deferredIds);
      for (const facts of outcome.facts) await accept(facts);
    },
    options.onHandedOut,
  );
  if (deferredIds.length > 0) {
    // One LibreOffice start for every CONVERT_BATCH messages, one after the other; should a batch
    // itself fail, each of its messages converts its own files below.
    for (let at = 0; at < deferredIds.length; at += CONVERT_BATCH) {
      const batch = deferredIds.slice(at, at + CONVERT_BATCH);
      await pool.convert(batch.map((id) => ({ id, path: store.emlPath(id), skip: skips.get(id) ?? new Map() })));
    }
    await eachBounded(deferredIds, pool, journal, async (id) => {
      for (const facts of (await runMessage(id, false)).facts) await accept(facts);
    });
  }
  await log.flush();
}

/**
 * Keeps every child busy without queueing the whole run in memory; each batch of messages is
 * recorded in the journal (one synced append) before the first of them starts.
 */
async function eachBounded(
  ids: readonly string[],
  pool: AnalyzePool,
  journal: AnalysisJournal,
  work: (id: string) => Promise<void>,
  onHandedOut?: () => void,
): Promise<void> {
  const pending = new Set<Promise<void>>();
  // As many as may be handed to the pool at once: a message recorded as started is at most queued.
  const inFlight = pool.size * 4;
  let handed = onHandedOut;
  const handedOut = () => {
    handed?.();
    handed = undefined;
  };
  for (const [at, id] of ids.entries()) {
    if (!journal.has(id)) await journal.start(ids.slice(at, at + inFlight));
    // work() hands its message to the pool before its first wait.
    const tracked: Promise<void> = work(id).finally(() => pending.delete(tracked));
    pending.add(tracked);
    if (pending.size >= inFlight) handedOut();
    while (pending.size >= inFlight) await Promise.race(pending);
  }
  handedOut();
  await Promise.all(pending);
}

/** The analysis log, written as the run goes, so that even a run that is killed leaves its trace. */
class LogWriter {
  private entries: AnalysisLogEntry[] = [];
  private writing = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  note(entry: AnalysisLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length >= 20) void this.flush();
  }

  flush(): Promise<void> {
    const entries = this.entries;
    this.entries = [];
    this.writing = this.writing.then(() => appendAnalysisLog(this.dataDir, entries));
    return this.writing;
  }
}

function detailOf(outcome: { detail?: string }): { details?: string[] } {
  return outcome.detail ? { details: [outcome.detail] } : {};
}

function logEntry(id: string, ms: number, facts: MessageFacts): AnalysisLogEntry {
  const details = [...facts.problems, ...facts.attachments.flatMap((file) => file.problems)]
    .filter((item) => item.detail)
    .map((item) => `${item.code}: ${item.detail}`);
  return { id, ms, stopped: null, file: null, ...(details.length > 0 ? { details } : {}) };
}

/** A message whose headers could not be read within budget either (or not tried again): known only by its id. */
function bareFacts(id: string, overrun: Overrun): MessageFacts {
  return { ...emptyFacts(id), problems: [messageOverrunProblem(overrun, undefined)], overrun };
}
