/**
 * Every stored message with its facts, read from the cache or analysed now. The step between
 * the raw store (edge) and merge (pure).
 */
import type { Campaign } from '../campaign/campaign.js';
import type { StoredMessage } from '../merge/merge.js';
import type { RawStore } from '../../intake/store/raw-store.js';
import { FactsCache } from './facts-cache.js';

export interface LoadStoredOptions {
  /** Called after each message analysed (not for cache hits), for progress output. */
  onAnalysed?: (done: number, total: number) => void;
}

export async function loadStoredMessages(store: RawStore, dataDir: string, campaign: Campaign, options: LoadStoredOptions = {}): Promise<{ messages: StoredMessage[]; analysed: number }> {
  const cache = new FactsCache(dataDir, campaign.extractionFingerprint);
  const receipts = await store.list();
  const messages: StoredMessage[] = [];
  let analysed = 0;
  for (const receipt of receipts) {
    let facts = await cache.get(receipt.id);
    if (!facts) {
      // mailparser and exceljs load only when a message needs analysing: `status` on a warm
      // cache never pays for them.
      const { analyzeMessage } = await import('./analyze-message.js');
      facts = await analyzeMessage(receipt.id, await store.read(receipt.id), campaign);
      await cache.put(facts);
      analysed++;
      options.onAnalysed?.(analysed, receipts.length);
    }
    messages.push({ receipt, facts });
  }
  return { messages, analysed };
}
