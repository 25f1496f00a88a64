/**
 * The facts of every stored message in one file, read in one go (data/cache/facts-index.jsonl):
 * a merge over 1,000 messages reads one file of a few megabytes instead of a thousand small
 * ones. Facts are derived data, a pure function of the raw message, the campaign's extraction
 * settings and the analyzer version; the index keeps with them a copy of each message's receipt
 * (receipts never change once written), so a merge needs neither the receipts nor the facts one
 * file at a time. The store stays the source of truth: only ids the store lists are looked up.
 *
 * One line of JSON per message after a first line naming the analyzer version and extraction
 * settings. A save appends the messages analysed since the last one (one synced append: one new
 * message costs its own line, not a rewrite of every message's facts — 26 MB for 1,000 units'
 * 50-row lists); a later line of the same message wins. The whole file is rewritten atomically
 * (temp, fsync, rename), in id order, when messages left the store, when it holds more
 * superseded lines than current ones, or when its end was cut short.
 *
 * Crash-safe either way: a line cut short by a crash is ignored (that message is analysed again).
 * A missing, damaged or outdated index (other analyzer version or extraction settings) counts as
 * empty, and every message is analysed again from the store.
 */
import { existsSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import type { Receipt } from '../../intake/store/raw-store.js';
import { ANALYZER_VERSION, type MessageFacts } from './facts.js';

/** Bumped when the index file's own layout changes. */
const INDEX_FORMAT = 2;

export interface IndexedMessage {
  receipt: Receipt;
  facts: MessageFacts;
}

interface IndexHead {
  format: number;
  analyzerVersion: number;
  extraction: string;
}

export function factsIndexPath(dataDir: string): string {
  return join(dataDir, 'cache', 'facts-index.jsonl');
}

/** The single-document index of earlier versions: removed at the first full write. */
const formerPath = (dataDir: string) => join(dataDir, 'cache', 'facts-index.json');

const usable = (entry: IndexedMessage | undefined): entry is IndexedMessage =>
  Boolean(entry?.receipt?.id && entry.facts?.id === entry.receipt.id && entry.facts.analyzerVersion === ANALYZER_VERSION);

export class FactsIndex {
  private readonly entries = new Map<string, IndexedMessage>();
  /** Messages set since the index was read or last saved (appended at the next save). */
  private changed = new Set<string>();
  /** Messages left since then (or a former file taken over, counted as one): the next save rewrites the file. */
  private removed = 0;
  /** Lines of messages in the file, current or superseded; null: the file is not one this index may append to. */
  private lines: number | null = null;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dataDir: string,
    private readonly extraction: string,
  ) {}

  private get path(): string {
    return factsIndexPath(this.dataDir);
  }

  /** The index of the data folder for these extraction settings; empty when missing or unusable. */
  static async open(dataDir: string, extractionFingerprint: string): Promise<FactsIndex> {
    const index = new FactsIndex(dataDir, extractionFingerprint);
    let text: string;
    try {
      text = await readFile(index.path, 'utf8');
    } catch {
      // Missing: derived data, rebuilt from the store — except what the former file says. It
      // must be kept: it remembers the messages read for their headers only after a crash.
      await index.readFormer();
      return index;
    }
    const lines = text.split('\n');
    let head: IndexHead;
    try {
      head = JSON.parse(lines[0]!) as IndexHead;
    } catch {
      return index;
    }
    if (head?.format !== INDEX_FORMAT || head.analyzerVersion !== ANALYZER_VERSION || head.extraction !== extractionFingerprint)
      return index;
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      let entry: IndexedMessage;
      try {
        entry = JSON.parse(line) as IndexedMessage;
      } catch {
        // Cut short by a crash: that message is analysed again.
        continue;
      }
      if (usable(entry)) index.entries.set(entry.receipt.id, entry);
    }
    // Appending after a line cut short would spoil the next line too: rewrite instead.
    index.lines = text.endsWith('\n') ? lines.length - 2 : null;
    return index;
  }

  /** The index as earlier versions wrote it (one JSON document, format 1), taken over as it is. */
  private async readFormer(): Promise<void> {
    let file: IndexHead & { messages?: IndexedMessage[] };
    try {
      file = JSON.parse(await readFile(formerPath(this.dataDir), 'utf8')) as IndexHead & { messages?: IndexedMessage[] };
    } catch {
      return;
    }
    if (file?.format !== 1 || file.analyzerVersion !== ANALYZER_VERSION || file.extraction !== this.extraction) return;
    for (const entry of Array.isArray(file.messages) ? file.messages : []) if (usable(entry)) this.entries.set(entry.receipt.id, entry);
    // Written in this layout at the next save.
    if (this.entries.size > 0) this.removed++;
  }

  get(id: string): IndexedMessage | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries changed since the index was read or last saved. */
  get unsavedChanges(): number {
    return this.changed.size + this.removed;
  }

  set(receipt: Receipt, facts: MessageFacts): void {
    this.entries.set(receipt.id, { receipt, facts });
    this.changed.add(receipt.id);
  }

  /** Keeps only these ids (messages no longer in the store leave the index). */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) {
      if (!ids.has(id)) {
        this.entries.delete(id);
        this.changed.delete(id);
        this.removed++;
      }
    }
  }

  /** Writes what changed: the new lines appended, or the whole index rewritten (see above). */
  save(): Promise<void> {
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        if (this.unsavedChanges === 0) return;
        const changed = [...this.changed].sort();
        const removed = this.removed;
        const rewrite = this.lines === null || removed > 0 || !existsSync(this.path) || this.lines + changed.length > 2 * this.entries.size;
        if (rewrite) await this.rewrite();
        else await this.append(changed);
        for (const id of changed) this.changed.delete(id);
        this.removed -= removed;
      });
    return this.saving;
  }

  private headLine(): string {
    const head: IndexHead = { format: INDEX_FORMAT, analyzerVersion: ANALYZER_VERSION, extraction: this.extraction };
    return `${JSON.stringify(head)}\n`;
  }

  /** Ordered by id, so the same facts give the same file. */
  private async rewrite(): Promise<void> {
    const messages = [...this.entries.values()].sort((a, b) => (a.receipt.id < b.receipt.id ? -1 : 1));
    const body = messages.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    await writeFileAtomic(this.path, this.headLine() + body);
    this.lines = messages.length;
    await rm(formerPath(this.dataDir), { force: true });
  }

  private async append(ids: readonly string[]): Promise<void> {
    const text = ids.map((id) => `${JSON.stringify(this.entries.get(id))}\n`).join('');
    const handle = await open(this.path, 'a', PRIVATE_FILE_MODE);
    try {
      await handle.appendFile(text);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.lines! += ids.length;
  }
}
