/**
 * Every stored message with its facts, read from the cache or analysed now: the step between
 * the raw store (edge) and merge (pure).
 *
 * Messages not in the cache are analysed in two passes, so that a whole run starts LibreOffice
 * at most once while memory stays bounded:
 *   1. every message, conversions deferred: most are complete at once; those holding a legacy
 *      file the conversion cache lacks are set aside (only their ids are kept);
 *   2. the set-aside messages together, their legacy files converted in one LibreOffice start.
 * Pass 1 runs on worker threads when there are many messages (analyze-pool.ts).
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { RawStore, Receipt } from '../../intake/store/raw-store.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { AnalyzePool } from './analyze-pool.js';
import type { StoredMessage } from './facts.js';
import { dependsOnEnvironment, type MessageFacts } from './facts.js';
import { FactsIndex } from './facts-index.js';

export interface LoadStoredOptions {
  /** Called after each message analysed (not for cache hits), for progress output. */
  onAnalysed?: (done: number, total: number) => void;
  /** Raw mail held in memory at once by in-thread analysis. Default 32 MB. */
  batchBytes?: number;
  /** Worker threads for pass 1; 0 analyses in this thread. Default: one per core (max 4) for large runs. */
  workers?: number;
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

/** Below this many new messages, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 40;
/** Receipt reads overlapped. */
const PARALLEL_IO = 16;
/**
 * During a long first run the index is saved now and then, so a crash does not cost every
 * analysis: whenever the unsaved entries reach half the index (at least this many). Growing
 * steps keep the total written proportional to the index, not to its square.
 */
const CHECKPOINT_MIN = 200;

type PoolReply = Awaited<ReturnType<AnalyzePool['analyse']>>;

/**
 * Analysis started while `run` is still storing the messages of a large first intake: each
 * newly stored message goes to the analysis workers at once, so storing (which waits for the
 * disk) and analysing (which waits for the processors) overlap. Workers start only once enough
 * new messages came to pay for them; before that, messages are only counted. The results are
 * taken by loadStoredMessages; the caller closes it.
 */
export class AnalysisAhead {
  private readonly offered: string[] = [];
  private readonly replies = new Map<string, Promise<PoolReply>>();
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
    this.pool = new AnalyzePool(defaultPoolSize(), this.campaign, { dataDir: this.dataDir });
    for (const id of this.offered) this.dispatch(id);
    return this.pool;
  }

  private dispatch(id: string): void {
    if (!this.pool || this.replies.has(id)) return;
    const reply = this.pool.analyse(id, this.store.emlPath(id));
    // Failures are seen by whoever takes the reply; an untaken one must not crash the process.
    reply.catch(() => undefined);
    this.replies.set(id, reply);
  }

  /** The pool, once started (null when workers are not available or too few messages came). */
  async workers(): Promise<AnalyzePool | null> {
    return this.started ? this.started : null;
  }

  take(id: string): Promise<PoolReply> | undefined {
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
  const missing = await readReceipts(
    store,
    ids.filter((id) => !index.get(id)),
  );
  // Facts a missing program spoiled: used this time, never kept (installing the program fixes them).
  const volatile = new Map<string, StoredMessage>();
  const result = (analysed: number): StoredMessages => ({
    messages: ids.map((id) => index.get(id) ?? volatile.get(id)!),
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
  const deferredIds: string[] = [];
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

  const aheadPool = options.environment === undefined ? await options.ahead?.workers() : null;
  const workers = aheadPool
    ? aheadPool.size
    : (options.workers ?? (missing.length >= WORKER_THRESHOLD && workersAvailable() ? defaultPoolSize() : 0));
  if (workers > 0) {
    const pool = aheadPool ?? new AnalyzePool(workers, campaign, environment);
    try {
      const pending = new Set<Promise<void>>();
      for (const receipt of missing) {
        const job: Promise<void> = (options.ahead?.take(receipt.id) ?? pool.analyse(receipt.id, store.emlPath(receipt.id))).then(
          async (reply) => {
            deferredIds.push(...reply.deferred.ids);
            for (const facts of reply.facts) await accept(facts);
          },
        );
        const tracked = job.finally(() => pending.delete(tracked));
        pending.add(tracked);
        // Keep every worker busy without queueing the whole run in memory.
        while (pending.size >= workers * 4) await Promise.race(pending);
      }
      await Promise.all(pending);
    } finally {
      // Closed at once, the pool started during intake too: the workers' heaps must not stay
      // alive through merging and writing (at 5,000 units they raised the peak past 600 MB).
      if (pool === aheadPool) await options.ahead!.close();
      else await pool.close();
    }
  } else {
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
  }

  // Pass 2: the messages waiting for conversions, all legacy files in one LibreOffice start.
  if (deferredIds.length > 0) {
    const inputs = await Promise.all(deferredIds.map(async (id) => ({ id, raw: await store.read(id) })));
    const { facts } = await analyzeMessages(inputs, campaign, environment);
    for (const item of facts) await accept(item);
  }
  await index.save().catch(() => undefined);
  return result(analysed);
}
