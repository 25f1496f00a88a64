/**
 * One folder of a poll, in the three steps poll.ts describes: open it (read-only unless moving),
 * find where the cursor left it, then take in the new messages chunk by chunk — envelopes,
 * judgement, downloads in batches, the cursor moved past each batch once it is durably stored.
 */
import type { FetchQueryObject, ImapFlow, MailboxObject } from 'imapflow';
import { StoreQueue } from '../kernel/files/write-queue.js';
import { messageIdOf } from '../store/raw-store.js';
import type { Session } from './connect.js';
import { type MailboxCursor, readCursor, writeCursor } from './cursor.js';
import { type KnownMessages, loadKnownMessages } from './known-messages.js';
import { type MessageSummary, summarizeMessage } from './message-summary.js';
import { emptyReport, type PollOptions, type PollReport } from './poll-types.js';
import { cursorKey, describeMailbox } from './settings.js';
import { chunks, sizeBatches, uidSet } from './uid-set.js';

const HEADER_QUERY: FetchQueryObject = {
  uid: true,
  envelope: true,
  bodyStructure: true,
  internalDate: true,
  size: true,
  // The raw Subject (8-bit GBK), and the mark of the office's own mail (never taken in).
  headers: ['subject', 'x-huizong-outbox'],
};

/**
 * Step 2: where the cursor left this folder. Same UIDVALIDITY: only UIDs above the cursor are
 * new. Changed (the folder was recreated): every message is new, and those present now may be
 * ones stored under the old numbers (`recheckUpTo`).
 */
class FolderPosition {
  lastUid: number;
  recheckUpTo: number;
  readonly sameNumbering: boolean;

  private constructor(
    private readonly options: PollOptions,
    private readonly key: string,
    /** As the server numbers the folder now (a bigint: kept as text). */
    readonly uidValidity: string,
    cursor: MailboxCursor | null,
    uidNext: number,
    readonly renumbered: boolean,
  ) {
    this.sameNumbering = cursor !== null && !renumbered;
    this.lastUid = this.sameNumbering ? cursor!.lastUid : 0;
    this.recheckUpTo = this.sameNumbering ? (cursor!.recheckUpTo ?? 0) : renumbered ? Math.max(0, (uidNext || 0xffffffff) - 1) : 0;
  }

  static async read(options: PollOptions, folder: string, mailbox: MailboxObject): Promise<FolderPosition> {
    const { settings, storeDir } = options;
    const key = cursorKey(settings, folder);
    // A cursor written before cursors were keyed by the server's folder name (with the host).
    const cursor =
      (await readCursor(storeDir, key)) ??
      (await readCursor(storeDir, describeMailbox({ ...settings, folder }))) ??
      (folder !== settings.folder ? null : await readCursor(storeDir, describeMailbox(settings)));
    const uidValidity = mailbox.uidValidity.toString();
    const renumbered = cursor !== null && cursor.uidValidity !== uidValidity;
    return new FolderPosition(options, key, uidValidity, cursor, mailbox.uidNext, renumbered);
  }

  /** Every message up to `uid` is settled (stored, or not the campaign's). */
  async save(uid: number): Promise<void> {
    this.lastUid = uid;
    const now = this.options.now ?? (() => new Date());
    const next: MailboxCursor = { uidValidity: this.uidValidity, lastUid: uid, updatedAt: now().toISOString() };
    if (this.recheckUpTo > uid) next.recheckUpTo = this.recheckUpTo;
    else this.recheckUpTo = 0;
    await writeCursor(this.options.storeDir, this.key, next);
  }
}

/** The new UIDs, ascending. UIDNEXT is what the next message will get: nothing at or above it exists yet. */
async function newUids(client: ImapFlow, mailbox: MailboxObject, position: FolderPosition): Promise<number[]> {
  if (position.sameNumbering && mailbox.uidNext > 0 && mailbox.uidNext <= position.lastUid + 1) return [];
  const found = mailbox.exists === 0 ? [] : (await client.search({ uid: `${position.lastUid + 1}:*` }, { uid: true })) || [];
  // "N:*" always matches the last message, even below N (RFC 3501): keep only the new ones.
  return found.filter((uid) => uid > position.lastUid).sort((a, b) => a - b);
}

/** Step 3, for the new messages of one folder. */
class FolderIntake {
  private known: KnownMessages | null = null;

  constructor(
    private readonly client: ImapFlow,
    private readonly options: PollOptions,
    private readonly folder: string,
    private readonly position: FolderPosition,
    private readonly report: PollReport,
    private readonly total: number,
  ) {}

  progress(): void {
    const report = this.report;
    this.options.onProgress?.({ examined: report.seen, total: this.total, downloaded: report.stored + report.alreadyStored });
  }

  /** Envelopes, structure, size and INTERNALDATE of a chunk, by UID. */
  async envelopes(chunk: readonly number[]): Promise<MessageSummary[]> {
    const summaries: MessageSummary[] = [];
    for await (const message of this.client.fetch(uidSet(chunk), HEADER_QUERY, { uid: true })) {
      summaries.push(summarizeMessage(message));
      // Progress as envelopes arrive (the printer shows every 200, as the README says), not once per chunk.
      this.report.seen++;
      this.progress();
    }
    summaries.sort((a, b) => a.uid - b.uid);
    if (summaries.length < chunk.length) {
      // Deleted since the search: nothing to take in. Still there: an incomplete answer, and
      // moving the cursor past it could lose it — fail, the next poll asks again.
      const answered = new Set(summaries.map((summary) => summary.uid));
      const present = (await this.client.search({ uid: uidSet(chunk.filter((uid) => !answered.has(uid))) }, { uid: true })) || [];
      if (present.length > 0) throw new Error(`服务器没有返回 UID ${present.join('、')} 的信封`);
    }
    return summaries;
  }

  /** The messages to download: the campaign's, within the size limit, not already stored. */
  async judge(summaries: readonly MessageSummary[]): Promise<MessageSummary[]> {
    const { settings, filter, store } = this.options;
    const report = this.report;
    const wanted: MessageSummary[] = [];
    for (const summary of summaries) {
      if (!filter(summary).take) {
        report.ignored++;
        continue;
      }
      report.campaign++;
      if (summary.size > settings.maxMessageBytes) {
        const { uid, size, subject, internalDate } = summary;
        report.tooLarge.push({ uid, size, subject, from: summary.senders[0] ?? '', internalDate });
        continue;
      }
      if (summary.uid <= this.position.recheckUpTo) {
        this.known ??= await loadKnownMessages(store);
        if (this.known.has(summary)) {
          report.alreadyStored++;
          continue;
        }
      }
      wanted.push(summary);
    }
    this.progress();
    return wanted;
  }

  /** Downloads and stores in batches, moving the cursor past each; returns the UIDs taken. */
  async take(wanted: readonly MessageSummary[], chunkEnd: number): Promise<number[]> {
    const { options, report } = this;
    const batches = sizeBatches(wanted, options.batchMessages ?? 50, options.batchBytes ?? 8 * 1024 * 1024);
    const taken: number[] = [];
    for (let index = 0; index < batches.length; index++) {
      const batch = batches[index]!;
      const kept = await downloadBatch(this.client, batch, options.storeConcurrency ?? 8, (summary, raw) => this.store(summary, raw));
      report.vanished += batch.length - kept.length;
      taken.push(...kept);
      // Everything before the next batch's first message is settled (stored or unrelated).
      const next = batches[index + 1];
      await this.position.save(next ? next[0]!.uid - 1 : chunkEnd);
      this.progress();
      if (options.signal?.aborted && index < batches.length - 1) {
        report.interrupted = true;
        break;
      }
    }
    if (batches.length === 0) await this.position.save(chunkEnd);
    return taken;
  }

  private async store(summary: MessageSummary, raw: Buffer): Promise<void> {
    const { isNew, id } = await this.options.store.put(raw, {
      source: 'imap',
      origin: this.report.mailbox,
      ...(summary.internalDate ? { internalDate: summary.internalDate } : {}),
      imap: { uidValidity: this.position.uidValidity, uid: summary.uid, folder: this.folder },
    });
    if (isNew) {
      this.report.stored++;
      this.options.onStored?.(id);
    } else this.report.alreadyStored++;
  }

  /** Only with `moveTo`: the stored campaign mail leaves the folder. */
  async move(uids: readonly number[]): Promise<void> {
    const moveTo = this.options.settings.moveTo;
    if (moveTo === null || uids.length === 0) return;
    const moved = await this.client.messageMove(uidSet(uids), moveTo, { uid: true });
    if (moved) this.report.moved += uids.length;
  }
}

export async function pollFolder(session: Session, options: PollOptions, folder: string): Promise<PollReport> {
  const { client } = session;
  const moveTo = options.settings.moveTo;
  if (moveTo !== null) await ensureFolder(client, moveTo);
  // 1. Read-only (EXAMINE) unless the clerk asked for moveTo.
  const lock = await client.getMailboxLock(folder, { readOnly: moveTo === null });
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error('mailbox not selected');
    const openedAt = (options.now ?? (() => new Date()))();
    // 2. Where the cursor left the folder.
    const position = await FolderPosition.read(options, folder, mailbox);
    const report = emptyReport(describeMailbox({ ...options.settings, folder }), mailbox.exists, openedAt, position.renumbered);
    const uids = await newUids(client, mailbox, position);
    if (uids.length === 0) {
      if (!position.sameNumbering) await position.save(position.lastUid);
      return report;
    }
    // 3. Chunk by chunk: judge the envelopes, take in the campaign's messages.
    const intake = new FolderIntake(client, options, folder, position, report, uids.length);
    for (const chunk of chunks(uids, options.envelopeChunk ?? 500)) {
      if (options.signal?.aborted) {
        report.interrupted = true;
        break;
      }
      const wanted = await intake.judge(await intake.envelopes(chunk));
      await intake.move(await intake.take(wanted, chunk[chunk.length - 1]!));
      if (report.interrupted) break;
    }
    return report;
  } finally {
    lock.release();
  }
}

/**
 * Downloads a batch with one FETCH BODY.PEEK[] and hands each message to `keep` (no IMAP
 * command runs inside the fetch loop: imapflow would deadlock). Returns the UIDs kept. A message
 * the answer lacks is looked up again: gone from the server (deleted meanwhile) is fine; still
 * there means the answer was incomplete, and the poll fails rather than skip it.
 */
async function downloadBatch(
  client: ImapFlow,
  batch: readonly MessageSummary[],
  storeConcurrency: number,
  keep: (summary: MessageSummary, raw: Buffer) => Promise<void>,
): Promise<number[]> {
  const byUid = new Map(batch.map((summary) => [summary.uid, summary]));
  const taken = new Set<number>();
  const handed = new Set<number>();
  const queue = new StoreQueue(storeConcurrency);
  try {
    for await (const message of client.fetch(uidSet([...byUid.keys()]), { uid: true, source: true }, { uid: true })) {
      const summary = byUid.get(message.uid);
      const source = message.source;
      if (!summary || !source || handed.has(message.uid)) continue;
      handed.add(message.uid);
      await queue.add(messageIdOf(source), async () => {
        await keep(summary, source);
        taken.add(summary.uid);
      });
      if (queue.failed) break;
    }
  } finally {
    // Also when the download fails: no store write may outlive the poll (and its data lock).
    await queue.settle();
  }
  await queue.drain();
  const missing = [...byUid.keys()].filter((uid) => !taken.has(uid));
  if (missing.length > 0) {
    const present = (await client.search({ uid: uidSet(missing) }, { uid: true })) || [];
    for (const uid of present) {
      const again = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      // biome-ignore lint/complexity/useOptionalChain: fetchOne answers `false` for a missing message, and `?.` would not narrow that away
      if (!again || !again.source) throw new Error(`服务器没有返回 UID ${uid} 的邮件内容`);
      await keep(byUid.get(uid)!, again.source);
      taken.add(uid);
    }
  }
  return [...taken].sort((a, b) => a - b);
}

async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await client.list();
  if (!folders.some((folder) => folder.path === path)) await client.mailboxCreate(path);
}
