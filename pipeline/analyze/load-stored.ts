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
import { StoreQueue } from '../../intake/kernel/files/write-queue.js';
import type { RawStore, Receipt } from '../../intake/store/raw-store.js';
import { type AnalysisLogEntry, appendAnalysisLog } from './analysis-log.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { AnalyzePool, TaskOutcome } from './analyze-pool.js';
import { ANALYZER_VERSION, dependsOnEnvironment, hitLimits, type MessageFacts, type Overrun, type StoredMessage } from './facts.js';
import { FactsCache } from './facts-cache.js';
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
}

/** Cache reads and writes overlapped. */
const PARALLEL_IO = 16;

async function readCached(cache: FactsCache, receipts: readonly Receipt[]): Promise<Map<string, MessageFacts>> {
  const known = new Map<string, MessageFacts>();
  for (let start = 0; start < receipts.length; start += PARALLEL_IO) {
    const slice = receipts.slice(start, start + PARALLEL_IO);
    const facts = await Promise.all(slice.map((receipt) => cache.get(receipt.id)));
    facts.forEach((item, index) => {
      if (item) known.set(slice[index]!.id, item);
    });
  }
  return known;
}

export async function loadStoredMessages(
  store: RawStore,
  dataDir: string,
  campaign: Campaign,
  options: LoadStoredOptions = {},
): Promise<{ messages: StoredMessage[]; analysed: number }> {
  const cache = new FactsCache(dataDir, campaign.extractionFingerprint);
  const receipts = await store.list();
  const known = await readCached(cache, receipts);
  if (options.retryFailed) for (const [id, facts] of known) if (hitLimits(facts)) known.delete(id);
  const missing = receipts.filter((receipt) => !known.has(receipt.id));
  if (missing.length === 0) return { messages: receipts.map((receipt) => ({ receipt, facts: known.get(receipt.id)! })), analysed: 0 };

  // mailparser, exceljs and the converters load only when a message needs analysing:
  // `status` on a warm cache never pays for them.
  const { analyzeMessages } = await import('./analyze-batch.js');
  const { AnalyzePool, defaultPoolSize, workersAvailable } = await import('./analyze-pool.js');
  const environment: AnalyzeEnvironment = { ...options.environment, dataDir };
  const writes = new StoreQueue(PARALLEL_IO);
  let analysed = 0;
  const accept = async (facts: MessageFacts) => {
    known.set(facts.id, facts);
    analysed++;
    options.onAnalysed?.(analysed, missing.length);
    // Facts that a missing program spoiled are recomputed next time, not kept. A cache write
    // that fails costs only a recomputation next time.
    if (!dependsOnEnvironment(facts)) await writes.add(facts.id, () => cache.put(facts).catch(() => undefined));
  };

  const budget = budgetOf(campaign.file.limits);
  const workers = options.workers ?? (workersAvailable() ? Math.min(defaultPoolSize(budget.memoryMB), missing.length) : 0);
  if (workers > 0) {
    const pool = new AnalyzePool(workers, campaign, environment, budget);
    try {
      await analyseIsolated(missing, store, pool, accept, dataDir);
    } finally {
      await pool.close();
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
  await writes.drain();
  return { messages: receipts.map((receipt) => ({ receipt, facts: known.get(receipt.id)! })), analysed };
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
    for (;;) {
      const outcome = await pool.analyse({ id, path: store.emlPath(id), defer, skip, ...(headersOnly ? { headersOnly } : {}) });
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
