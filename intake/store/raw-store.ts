/**
 * The raw mail store: the source of truth. Each message is kept byte for byte as received,
 * named by the SHA-256 of its bytes, so the same message arriving twice (re-sent by a poll,
 * imported again, found in a recreated mailbox) is recognised and stored once.
 *
 * Layout under the data folder:
 *   mail/<first two hex digits>/<sha256>.eml   the message, exactly as received
 *   mail/<first two hex digits>/<sha256>.json  its receipt: where and when it came from
 * Both files are written and synced side by side, then put in place, the .eml first, and the
 * folder synced once: two file syncs and one folder sync a message, the disk's cost of storing
 * it. A message counts as stored only when its folder lists both files (listIds, has), so
 * whatever a crash leaves — a temporary file, a message without its receipt, even a receipt
 * whose message's rename was lost — is a message not stored yet, written whole the next time
 * it is seen.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensurePrivateDir, fsyncDir, putInPlace, writeSyncedTemp } from '../kernel/files/atomic-write.js';

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
    return existsSync(this.pathOf(id, 'json')) && existsSync(this.pathOf(id, 'eml'));
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

  /** Shards made by this store: each is made once, not once a message. */
  private readonly shards = new Set<string>();

  private async write(id: string, raw: Uint8Array, receipt: NewReceipt, now: Date): Promise<void> {
    const emlPath = this.pathOf(id, 'eml');
    const jsonPath = this.pathOf(id, 'json');
    const shard = dirname(emlPath);
    if (!this.shards.has(shard)) {
      await ensurePrivateDir(shard);
      this.shards.add(shard);
    }
    const full: Receipt = { id, size: raw.byteLength, ...receipt, storedAt: now.toISOString() };
    // An .eml already in place (its receipt lost to a crash) was synced before it was renamed.
    const written = await Promise.allSettled([
      existsSync(emlPath) ? null : writeSyncedTemp(emlPath, raw),
      writeSyncedTemp(jsonPath, `${JSON.stringify(full, null, 2)}\n`),
    ]);
    const failed = written.find((item) => item.status === 'rejected');
    if (failed) {
      // The other one written is removed: a full disk leaves no temporary file behind.
      for (const item of written) if (item.status === 'fulfilled' && item.value) await rm(item.value, { force: true });
      throw failed.reason;
    }
    const [emlTemp, jsonTemp] = written.map((item) => (item as PromiseFulfilledResult<string | null>).value);
    if (emlTemp)
      await putInPlace(emlTemp, emlPath).catch(async (error: unknown) => {
        await rm(jsonTemp!, { force: true });
        throw error;
      });
    await putInPlace(jsonTemp!, jsonPath);
    await fsyncDir(shard);
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
      // A receipt without its message (a crash between the two renames) is not a stored message.
      const messages = new Set(names.filter((item) => item.endsWith('.eml')));
      for (const name of names.filter((item) => RECEIPT_NAME.test(item)).sort())
        if (messages.has(`${name.slice(0, 64)}.eml`)) ids.push(name.slice(0, 64));
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
