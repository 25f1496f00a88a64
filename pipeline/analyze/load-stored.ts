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
import { StoreQueue } from '../../intake/kernel/files/write-queue.js';
import type { RawStore, Receipt } from '../../intake/store/raw-store.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { StoredMessage } from './facts.js';
import { dependsOnEnvironment, type MessageFacts } from './facts.js';
import { FactsCache } from './facts-cache.js';

export interface LoadStoredOptions {
  /** Called after each message analysed (not for cache hits), for progress output. */
  onAnalysed?: (done: number, total: number) => void;
  /** Raw mail held in memory at once by in-thread analysis. Default 32 MB. */
  batchBytes?: number;
  /** Worker threads for pass 1; 0 analyses in this thread. Default: one per core (max 4) for large runs. */
  workers?: number;
  environment?: Omit<AnalyzeEnvironment, 'dataDir' | 'deferConversions'>;
}

/** Below this many new messages, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 40;
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
  const missing = receipts.filter((receipt) => !known.has(receipt.id));
  if (missing.length === 0) return { messages: receipts.map((receipt) => ({ receipt, facts: known.get(receipt.id)! })), analysed: 0 };

  // mailparser, exceljs and the converters load only when a message needs analysing:
  // `status` on a warm cache never pays for them.
  const { analyzeMessages } = await import('./analyze-batch.js');
  const { AnalyzePool, defaultPoolSize, workersAvailable } = await import('./analyze-pool.js');
  const environment: AnalyzeEnvironment = { ...options.environment, dataDir };
  const writes = new StoreQueue(PARALLEL_IO);
  const deferredIds: string[] = [];
  let analysed = 0;
  const accept = async (facts: MessageFacts) => {
    known.set(facts.id, facts);
    analysed++;
    options.onAnalysed?.(analysed, missing.length);
    // Facts that a missing program spoiled are recomputed next time, not kept. A cache write
    // that fails costs only a recomputation next time.
    if (!dependsOnEnvironment(facts)) await writes.add(facts.id, () => cache.put(facts).catch(() => undefined));
  };

  const workers = options.workers ?? (missing.length >= WORKER_THRESHOLD && workersAvailable() ? defaultPoolSize() : 0);
  if (workers > 0) {
    const pool = new AnalyzePool(workers, campaign, environment);
    try {
      const pending = new Set<Promise<void>>();
      for (const receipt of missing) {
        const job: Promise<void> = pool.analyse(receipt.id, store.emlPath(receipt.id)).then(async (reply) => {
          deferredIds.push(...reply.deferred.ids);
          for (const facts of reply.facts) await accept(facts);
        });
        const tracked = job.finally(() => pending.delete(tracked));
        pending.add(tracked);
        // Keep every worker busy without queueing the whole run in memory.
        while (pending.size >= workers * 4) await Promise.race(pending);
      }
      await Promise.all(pending);
    } finally {
      await pool.close();
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
  await writes.drain();
  return { messages: receipts.map((receipt) => ({ receipt, facts: known.get(receipt.id)! })), analysed };
}
