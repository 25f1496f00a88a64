/**
 * The raw mail store: the source of truth. Each message is kept byte for byte as received,
 * named by the SHA-256 of its bytes, so the same message arriving twice (re-sent by a poll,
 * imported again, found in a recreated mailbox) is recognised and stored once.
 *
 * Layout under the data folder:
 *   mail/<first two hex digits>/<sha256>.eml   the message, exactly as received
 *   mail/<first two hex digits>/<sha256>.json  its receipt: where and when it came from
 * The .eml is written before the receipt; a receipt therefore always has its message, and a
 * message left without a receipt by a crash gets one the next time it is seen.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../kernel/files/atomic-write.js';

export type ReceiptSource =
  /** A folder of .eml files (`run --mailbox-dir`). */
  | 'folder'
  /** Files given to `huizong import`. */
  | 'import'
  /** The IMAP mailbox. */
  | 'imap';

export interface Receipt {
  /** SHA-256 of the raw bytes, hex. */
  id: string;
  size: number;
  source: ReceiptSource;
  /** File path or mailbox description, for the clerk's 来信记录. */
  origin: string;
  /** The server's receive time (IMAP INTERNALDATE), ISO 8601, when the source has one. */
  internalDate?: string;
  /** IMAP position, kept for diagnosis. */
  imap?: { uidValidity: string; uid: number; folder: string };
  /** When huizong stored it (wall clock; never used to judge lateness). */
  storedAt: string;
}

const RECEIPT_NAME = /^[0-9a-f]{64}\.json$/;

export type NewReceipt = Omit<Receipt, 'id' | 'size' | 'storedAt'>;

export function messageIdOf(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

export class RawStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'mail');
  }

  private pathOf(id: string, extension: 'eml' | 'json'): string {
    return join(this.root, id.slice(0, 2), `${id}.${extension}`);
  }

  has(id: string): boolean {
    return existsSync(this.pathOf(id, 'json'));
  }

  /**
   * Stores a message unless it is already there. Returns its id and whether it was new.
   * Durable when it returns: the caller may then advance a mailbox cursor.
   */
  async put(raw: Uint8Array, receipt: NewReceipt, now: Date = new Date()): Promise<{ id: string; isNew: boolean }> {
    const id = messageIdOf(raw);
    // The same message offered twice at once (overlapped writes): the second waits for the first.
    const pending = this.writing.get(id);
    if (pending) {
      await pending;
      return { id, isNew: false };
    }
    if (this.has(id)) return { id, isNew: false };
    const write = this.write(id, raw, receipt, now);
    this.writing.set(id, write);
    try {
      await write;
    } finally {
      this.writing.delete(id);
    }
    return { id, isNew: true };
  }

  private readonly writing = new Map<string, Promise<void>>();

  private async write(id: string, raw: Uint8Array, receipt: NewReceipt, now: Date): Promise<void> {
    const emlPath = this.pathOf(id, 'eml');
    if (!existsSync(emlPath)) await writeFileAtomic(emlPath, raw);
    const full: Receipt = { id, size: raw.byteLength, ...receipt, storedAt: now.toISOString() };
    await writeFileAtomic(this.pathOf(id, 'json'), `${JSON.stringify(full, null, 2)}\n`);
  }

  /** Where a stored message's bytes are (for a reader in another thread). */
  emlPath(id: string): string {
    return this.pathOf(id, 'eml');
  }

  async read(id: string): Promise<Buffer> {
    return readFile(this.pathOf(id, 'eml'));
  }

  /**
   * The ids of every stored message (those with a receipt), ordered: directory listings only,
   * no file read, so callers holding copies of the receipts (the facts index) can tell what is
   * new at the cost of one listing per shard.
   */
  async listIds(): Promise<string[]> {
    if (!existsSync(this.root)) return [];
    const shards = (await readdir(this.root)).filter((name) => /^[0-9a-f]{2}$/.test(name)).sort();
    const listed = await Promise.all(shards.map((shard) => readdir(join(this.root, shard))));
    const ids: string[] = [];
    for (const names of listed) {
      for (const name of names.filter((item) => RECEIPT_NAME.test(item)).sort()) ids.push(name.slice(0, 64));
    }
    return ids;
  }

  /** A stored message's receipt (written once, never changed). */
  async readReceipt(id: string): Promise<Receipt> {
    return JSON.parse(await readFile(this.pathOf(id, 'json'), 'utf8')) as Receipt;
  }

  /** Every stored receipt, ordered by id (stable across runs). */
  async list(): Promise<Receipt[]> {
    const ids = await this.listIds();
    const receipts: Receipt[] = [];
    for (let start = 0; start < ids.length; start += 16)
      receipts.push(...(await Promise.all(ids.slice(start, start + 16).map((id) => this.readReceipt(id)))));
    return receipts;
  }
}
