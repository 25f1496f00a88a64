/**
 * Every stored message with its facts, read from the cache or analysed now. The step between
 * the raw store (edge) and merge (pure). Messages not in the cache are analysed together
 * (analyzeMessages), in batches of bounded size, so their legacy files convert in one
 * LibreOffice start per batch.
 */
import type { Campaign } from '../campaign/campaign.js';
import type { StoredMessage } from '../merge/merge.js';
import type { Receipt, RawStore } from '../../intake/store/raw-store.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import { FactsCache } from './facts-cache.js';
import { dependsOnEnvironment, type MessageFacts } from './facts.js';

export interface LoadStoredOptions {
  /** Called after each message analysed (not for cache hits), for progress output. */
  onAnalysed?: (done: number, total: number) => void;
  /** Raw mail held in memory at once while analysing. Default 256 MB (one batch in practice). */
  batchBytes?: number;
  environment?: Omit<AnalyzeEnvironment, 'dataDir'>;
}

export async function loadStoredMessages(store: RawStore, dataDir: string, campaign: Campaign, options: LoadStoredOptions = {}): Promise<{ messages: StoredMessage[]; analysed: number }> {
  const cache = new FactsCache(dataDir, campaign.extractionFingerprint);
  const receipts = await store.list();
  const known = new Map<string, MessageFacts>();
  const missing: Receipt[] = [];
  for (const receipt of receipts) {
    const facts = await cache.get(receipt.id);
    if (facts) known.set(receipt.id, facts);
    else missing.push(receipt);
  }

  const limit = options.batchBytes ?? 256 * 1024 * 1024;
  let analysed = 0;
  for (let start = 0; start < missing.length; ) {
    const batch: Receipt[] = [];
    let bytes = 0;
    while (start < missing.length && (batch.length === 0 || bytes + missing[start]!.size <= limit)) {
      bytes += missing[start]!.size;
      batch.push(missing[start++]!);
    }
    // mailparser, exceljs and the converters load only when a message needs analysing:
    // `status` on a warm cache never pays for them.
    const { analyzeMessages } = await import('./analyze-batch.js');
    const inputs = await Promise.all(batch.map(async (receipt) => ({ id: receipt.id, raw: await store.read(receipt.id) })));
    const { facts } = await analyzeMessages(inputs, campaign, { ...options.environment, dataDir });
    for (const item of facts) {
      // Facts that a missing program spoiled are recomputed next time, not kept.
      if (!dependsOnEnvironment(item)) await cache.put(item);
      known.set(item.id, item);
      analysed++;
      options.onAnalysed?.(analysed, missing.length);
    }
  }
  return { messages: receipts.map((receipt) => ({ receipt, facts: known.get(receipt.id)! })), analysed };
}
