/**
 * The outbox journal: one small JSON file per outgoing message under <data>/outbox/, written the
 * crash-safe way (temp file, fsync, rename). Before a message is handed to the SMTP server its
 * intent (an attempt with no result) is durable; after the server answers, the result is. A
 * process killed in between leaves an attempt without a result: that message may or may not have
 * gone out, and it is never sent again by itself — the clerk confirms it or asks for a resend.
 *
 * Beside each entry, <id>.eml holds the exact bytes handed to the server (what the clerk can
 * open to see what was said, what a resend sends again, what the Sent folder gets).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';

export type OutboxKind = 'receipt' | 'reminder' | 'documents';

export type AttemptOutcome =
  /** The server took the message (2xx after the data). */
  | 'sent'
  /** A 4xx answer: not taken this time, tried again in a later batch. */
  | 'deferred'
  /** A 5xx answer: refused; the batch stopped; only the clerk sends it again. */
  | 'rejected'
  /** Nothing reached the server (no connection, login refused before this message). */
  | 'not-sent'
  /** The connection broke after the message was handed over and before the answer. */
  | 'unknown';

export interface OutboxAttempt {
  startedAt: string;
  messageId: string;
  /** Absent while the message is with the server, and forever when the process died then. */
  outcome?: AttemptOutcome;
  finishedAt?: string;
  /** The server's answer as it wrote it ("554 DT:SPM …"), or the failure, in Chinese. */
  answer?: string;
  /** Why this attempt was made when it is not the first ("秘书科要求重发"). */
  reason?: string;
}

export interface OutboxEntry {
  version: 1;
  id: string;
  kind: OutboxKind;
  /** The roster unit written to (null: the clerk's copy of the documents). */
  unit: string | null;
  to: string[];
  subject: string;
  /** Receipts: the stored messages (ids) this receipt acknowledges. */
  covers: string[];
  /** Reminders: the round (its key and how it is named). */
  round?: { key: string; label: string };
  /** Documents: what the documents showed when sent. */
  fingerprint?: string;
  createdAt: string;
  attempts: OutboxAttempt[];
  /** The clerk's word on a message whose fate is unknown: it did arrive. */
  confirmedAt?: string;
  /** When the copy was filed in the Sent folder. */
  copiedAt?: string;
}

/** What an entry means to the clerk. */
export type OutboxState = '已发送' | '可能已发送' | '稍后重试' | '被拒收' | '未发出';

export function entryState(entry: OutboxEntry): OutboxState {
  if (entry.confirmedAt) return '已发送';
  const last = entry.attempts.at(-1);
  if (!last || last.outcome === undefined || last.outcome === 'unknown') return '可能已发送';
  if (last.outcome === 'sent') return '已发送';
  if (last.outcome === 'deferred') return '稍后重试';
  if (last.outcome === 'rejected') return '被拒收';
  return '未发出';
}

/** Entries a batch sends again by itself: the server never took them and never refused them. */
export function retriesByItself(entry: OutboxEntry): boolean {
  const state = entryState(entry);
  return state === '稍后重试' || state === '未发出';
}

export const OUTBOX_DIR = 'outbox';

export class OutboxJournal {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, OUTBOX_DIR);
  }

  private jsonPath(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  rawPath(id: string): string {
    return join(this.dir, `${id}.eml`);
  }

  /** Every entry, oldest first (ties by id). */
  async list(): Promise<OutboxEntry[]> {
    if (!existsSync(this.dir)) return [];
    const entries: OutboxEntry[] = [];
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      entries.push(JSON.parse(await readFile(join(this.dir, name), 'utf8')) as OutboxEntry);
    }
    return entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<OutboxEntry | null> {
    const path = this.jsonPath(id);
    return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as OutboxEntry) : null;
  }

  async readRaw(id: string): Promise<Buffer | null> {
    const path = this.rawPath(id);
    return existsSync(path) ? readFile(path) : null;
  }

  async writeRaw(id: string, raw: Buffer): Promise<void> {
    await writeFileAtomic(this.rawPath(id), raw);
  }

  /** Durable when it returns. */
  async save(entry: OutboxEntry): Promise<void> {
    await writeFileAtomic(this.jsonPath(entry.id), `${JSON.stringify(entry, null, 2)}\n`);
  }
}
