/**
 * The facts of every stored message in one file, read in one go (data/cache/facts-index.json):
 * a merge over 1,000 messages reads one file of a few megabytes instead of a thousand small
 * ones. Facts are derived data, a pure function of the raw message, the campaign's extraction
 * settings and the analyzer version; the index keeps with them a copy of each message's receipt
 * (receipts never change once written), so a merge needs neither the receipts nor the facts one
 * file at a time. The store stays the source of truth: only ids the store lists are looked up.
 *
 * Crash-safe: the file is replaced atomically (temp, fsync, rename). A missing, damaged or
 * outdated index (other analyzer version or extraction settings) counts as empty, and every
 * message is analysed again from the store.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import type { Receipt } from '../../intake/store/raw-store.js';
import { ANALYZER_VERSION, type MessageFacts } from './facts.js';

/** Bumped when the index file's own layout changes. */
const INDEX_FORMAT = 1;

export interface IndexedMessage {
  receipt: Receipt;
  facts: MessageFacts;
}

interface IndexFile {
  format: number;
  analyzerVersion: number;
  extraction: string;
  messages: IndexedMessage[];
}

export function factsIndexPath(dataDir: string): string {
  return join(dataDir, 'cache', 'facts-index.json');
}

export class FactsIndex {
  private readonly entries = new Map<string, IndexedMessage>();
  /** Changes not yet on disk, and the save in progress (saves never overlap). */
  private unsaved = 0;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly extraction: string,
  ) {}

  /** The index of the data folder for these extraction settings; empty when missing or unusable. */
  static async open(dataDir: string, extractionFingerprint: string): Promise<FactsIndex> {
    const index = new FactsIndex(factsIndexPath(dataDir), extractionFingerprint);
    let file: IndexFile;
    try {
      file = JSON.parse(await readFile(index.path, 'utf8')) as IndexFile;
    } catch {
      // Missing or damaged: derived data, rebuilt from the store.
      return index;
    }
    if (
      file?.format !== INDEX_FORMAT ||
      file.analyzerVersion !== ANALYZER_VERSION ||
      file.extraction !== extractionFingerprint ||
      !Array.isArray(file.messages)
    )
      return index;
    for (const entry of file.messages) {
      if (entry?.receipt?.id && entry.facts?.id === entry.receipt.id && entry.facts.analyzerVersion === ANALYZER_VERSION)
        index.entries.set(entry.receipt.id, entry);
    }
    return index;
  }

  get(id: string): IndexedMessage | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries changed since the index was read or last saved. */
  get unsavedChanges(): number {
    return this.unsaved;
  }

  set(receipt: Receipt, facts: MessageFacts): void {
    this.entries.set(receipt.id, { receipt, facts });
    this.unsaved++;
  }

  /** Keeps only these ids (messages no longer in the store leave the index). */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) {
      if (!ids.has(id)) {
        this.entries.delete(id);
        this.unsaved++;
      }
    }
  }

  /** Writes the index atomically when it changed. Ordered by id, so the same facts give the same file. */
  save(): Promise<void> {
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        if (this.unsaved === 0) return;
        const counted = this.unsaved;
        const messages = [...this.entries.values()].sort((a, b) => (a.receipt.id < b.receipt.id ? -1 : 1));
        const file: IndexFile = { format: INDEX_FORMAT, analyzerVersion: ANALYZER_VERSION, extraction: this.extraction, messages };
        await writeFileAtomic(this.path, JSON.stringify(file));
        this.unsaved -= counted;
      });
    return this.saving;
  }
}
