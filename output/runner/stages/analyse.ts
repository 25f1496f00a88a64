/**
 * Stage 3, analyse: every stored message with its facts, from the campaign's facts index or
 * read now (pipeline/analyze/load-stored.ts), with analysis started during intake taken over.
 * Facts already in memory (the console's, when a decision changed nothing but decisions.yaml)
 * are used as they are when they are exactly the stored messages.
 */
import { RawStore } from '../../../intake/store/raw-store.js';
import type { StoredMessage } from '../../../pipeline/analyze/facts.js';
import { type AheadOptions, AnalysisAhead, loadStoredMessages } from '../../../pipeline/analyze/load-stored.js';
import type { CampaignPlace, StorePlace } from '../context.js';

/** Facts a caller already holds, and whether each of them is as a full read would give it again. */
export interface FactsInMemory {
  messages: readonly StoredMessage[];
  /** False when some facts were spoiled by a missing program (they are read anew each time). */
  complete: boolean;
}

export interface AnalyseInput {
  store: StorePlace;
  place: CampaignPlace;
  /** The store's listing (stage 2): facts in memory are taken only for exactly these. */
  storedIds: readonly string[];
  inMemory?: FactsInMemory;
  ahead?: AnalysisStart;
  /** Analyse again what a memory or time budget stopped before (`merge --retry-failed`). */
  retryFailed?: boolean;
  onAnalysed?: (done: number, total: number) => void;
  /** Called once the messages to analyse are with the children, or at once when none is (LoadStoredOptions.onHandedOut). */
  onHandedOut?: () => void;
}

export interface Analysed {
  messages: StoredMessage[];
  /** Messages analysed now (not taken from the index or from memory). */
  analysed: number;
  /** Every message's facts are as the next read will give them: only then may the outputs be reused. */
  complete: boolean;
  fromMemory: boolean;
}

/** Analysis of a campaign started while intake is still storing (workers start once enough mail came). */
export interface AnalysisStart {
  offer(id: string): void;
  close(): Promise<void>;
  /** What load-stored.ts takes over. */
  readonly ahead: AnalysisAhead;
}

export function startAnalysis(store: StorePlace, place: CampaignPlace, options: AheadOptions = {}): AnalysisStart {
  const ahead = new AnalysisAhead(new RawStore(store.storeDir), place.dataDir, place.campaign, options);
  return { offer: (id) => ahead.offer(id), close: () => ahead.close(), ahead };
}

function sameMessages(messages: readonly StoredMessage[], ids: readonly string[]): boolean {
  if (messages.length !== ids.length) return false;
  const held = new Set(messages.map((message) => message.receipt.id));
  return ids.every((id) => held.has(id));
}

export async function analyse(input: AnalyseInput): Promise<Analysed> {
  const { inMemory } = input;
  if (inMemory && !input.retryFailed && sameMessages(inMemory.messages, input.storedIds)) {
    // In the store's order, as a read would give them: the merge sees the same sequence.
    input.onHandedOut?.();
    const byId = new Map(inMemory.messages.map((message) => [message.receipt.id, message]));
    return { messages: input.storedIds.map((id) => byId.get(id)!), analysed: 0, complete: inMemory.complete, fromMemory: true };
  }
  const loaded = await loadStoredMessages(new RawStore(input.store.storeDir), input.place.dataDir, input.place.campaign, {
    ...(input.onAnalysed ? { onAnalysed: input.onAnalysed } : {}),
    ...(input.ahead ? { ahead: input.ahead.ahead } : {}),
    ...(input.retryFailed ? { retryFailed: true } : {}),
    ...(input.onHandedOut ? { onHandedOut: input.onHandedOut } : {}),
  });
  return { ...loaded, fromMemory: false };
}
