/**
 * One poll of the mailbox: take in every new message that may belong to the campaign, exactly
 * as the server holds it, and leave the mailbox as it was found.
 *
 * 1. Open the folder read-only (EXAMINE): no flag can change, nothing can be expunged. (Only
 *    when the clerk asked for `moveTo` is it opened read-write, and only stored campaign mail
 *    is moved.) Bodies are fetched with BODY.PEEK, so \Seen is never set either way.
 * 2. Compare UIDVALIDITY with the cursor. Same: look only at UIDs above the cursor (and not at
 *    all when UIDNEXT says nothing arrived). Changed (folder recreated): look at everything, and
 *    recognise stored messages by Message-ID before downloading (known-messages.ts).
 * 3. In chunks of UIDs: fetch ENVELOPE + BODYSTRUCTURE + size + INTERNALDATE only, judge each
 *    message (campaign-filter.ts), then download the campaign ones in batches bounded in count
 *    and bytes (one FETCH BODY.PEEK[] per batch: few round trips, bounded memory), store each
 *    with its INTERNALDATE (a few writes overlapped, store/write-queue.ts), and only when the whole
 *    batch is durably stored move the cursor past it.
 *
 * A failure at any point (server gone, network cut, deadline) leaves every stored message
 * stored and the cursor at or before the first message not stored: the next poll reads the
 * rest, and the content-addressed store recognises anything read twice.
 */
import type { FetchQueryObject, ImapFlow } from 'imapflow';
import { HuizongError } from '../kernel/errors.js';
import { StoreQueue } from '../kernel/files/write-queue.js';
import { messageIdOf, type RawStore } from '../store/raw-store.js';
import type { CampaignFilter } from './campaign-filter.js';
import { createSession, type Session } from './connect.js';
import { type MailboxCursor, readCursor, writeCursor } from './cursor.js';
import { imapError } from './imap-errors.js';
import { type KnownMessages, loadKnownMessages } from './known-messages.js';
import { type MessageSummary, summarizeMessage } from './message-summary.js';
import { cursorKey, describeMailbox, type ImapSettings } from './settings.js';
import { chunks, sizeBatches, uidSet } from './uid-set.js';

export interface PollOptions {
  settings: ImapSettings;
  store: RawStore;
  /** Where the cursor lives (the data folder). The caller holds the data lock. */
  dataDir: string;
  filter: CampaignFilter;
  /** Stop after the batch in progress (Ctrl-C, SIGTERM). */
  signal?: AbortSignal;
  onProgress?: (progress: PollProgress) => void;
  /** Messages whose envelope and structure one FETCH asks for. Default 500. */
  envelopeChunk?: number;
  /** Messages one download FETCH asks for at most. Default 50. */
  batchMessages?: number;
  /** Bytes one download FETCH asks for at most (a bigger message goes alone). Default 8 MB. */
  batchBytes?: number;
  /** Store writes overlapped while a batch downloads. Default 8. */
  storeConcurrency?: number;
  /** Connection timeouts, see connect.ts (tests shorten them). */
  socketTimeoutMs?: number;
  now?: () => Date;
}

export interface PollProgress {
  /** New messages whose envelope has been judged. */
  examined: number;
  /** New messages in all (UID above the cursor). */
  total: number;
  /** Campaign messages downloaded so far. */
  downloaded: number;
}

export interface OversizeMessage {
  uid: number;
  size: number;
  subject: string;
  from: string;
  internalDate: string | null;
}

export interface PollReport {
  mailbox: string;
  /** Each folder read, as described in receipts (several when INBOX and \Junk are read). */
  folders?: string[];
  /** Messages in the folder. */
  exists: number;
  /** New messages looked at (UID above the cursor). */
  seen: number;
  /** Of those, the ones that may belong to the campaign. */
  campaign: number;
  /** Newly stored. */
  stored: number;
  /** Campaign mail that was already stored (read again after an interruption, or a recreated folder). */
  alreadyStored: number;
  /** Not campaign mail: not downloaded. */
  ignored: number;
  /** Campaign mail over the size limit: not downloaded, reported. */
  tooLarge: OversizeMessage[];
  /** Deleted from the server between listing and download. */
  vanished: number;
  /** Moved to `moveTo` (0 unless configured). */
  moved: number;
  uidValidityChanged: boolean;
  /** Stopped early by the signal; the rest is read next time. */
  interrupted: boolean;
  /** When the folder was opened: what the stored mail is current to. */
  openedAt: Date;
  durationMs: number;
}

const HEADER_QUERY: FetchQueryObject = {
  uid: true,
  envelope: true,
  bodyStructure: true,
  internalDate: true,
  size: true,
  headers: ['subject'],
};

export async function pollMailbox(options: PollOptions): Promise<PollReport> {
  const { settings } = options;
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const session = createSession(settings, options.socketTimeoutMs !== undefined ? { socketTimeoutMs: options.socketTimeoutMs } : {});
  let timedOut = false;
  // The overall deadline, from the first connection attempt: closing the socket makes whatever
  // is running (connecting, a FETCH from a server that stopped answering) fail at once.
  const timer = setTimeout(() => {
    timedOut = true;
    session.client.close();
  }, settings.timeoutMs);
  try {
    await session.connect();
    const folders = await foldersToRead(session.client, settings);
    const reports: PollReport[] = [];
    for (const folder of folders) {
      reports.push(await pollFolder(session, options, now, folder));
      if (reports.at(-1)!.interrupted) break;
    }
    const report = combineReports(reports, describeMailbox({ ...settings, folder: folders.join('、') }));
    report.durationMs = Date.now() - started;
    return report;
  } catch (error) {
    if (timedOut) {
      throw new HuizongError('MAILBOX', `收信超时：${Math.round(settings.timeoutMs / 1000)} 秒内没有完成`, {
        details: ['已存入的来信不受影响，下次收信从中断处继续；邮件很多时可在 campaign.yaml 的 mailbox: 中调大 timeoutSeconds'],
      });
    }
    throw imapError(session.timedOut() && !(error instanceof HuizongError) ? { code: 'ETIMEOUT' } : error, settings);
  } finally {
    clearTimeout(timer);
    await session.end();
  }
}

/**
 * The folders to read, as the server names them: each configured folder (found by its path, or
 * under INBOX as Cyrus puts it, "received" → "INBOX.received"); with nothing configured, INBOX
 * and the folder the server marks \Junk (RFC 6154), where 163/QQ file mail with attachments from
 * unknown senders. A configured folder the server lacks is kept as written: opening it fails
 * with 文件夹不存在.
 */
async function foldersToRead(client: ImapFlow, settings: ImapSettings): Promise<string[]> {
  const list = await client.list();
  const resolve = (name: string): string => {
    if (list.some((entry) => entry.path === name)) return name;
    if (name.toUpperCase() === 'INBOX') return 'INBOX';
    const under = list.find((entry) => entry.path === `INBOX${entry.delimiter ?? '.'}${name}`);
    if (under) return under.path;
    const named = list.filter((entry) => entry.name === name);
    return named.length === 1 ? named[0]!.path : name;
  };
  const folders = settings.folders.map(resolve);
  if (settings.includeJunk) {
    const junk = list.find((entry) => entry.specialUse === '\\Junk');
    if (junk && !folders.includes(junk.path)) folders.push(junk.path);
  }
  return [...new Set(folders)];
}

function combineReports(reports: readonly PollReport[], mailbox: string): PollReport {
  const first = reports[0]!;
  const sum = (pick: (report: PollReport) => number) => reports.reduce((total, report) => total + pick(report), 0);
  return {
    mailbox,
    exists: sum((report) => report.exists),
    seen: sum((report) => report.seen),
    campaign: sum((report) => report.campaign),
    stored: sum((report) => report.stored),
    alreadyStored: sum((report) => report.alreadyStored),
    ignored: sum((report) => report.ignored),
    tooLarge: reports.flatMap((report) => report.tooLarge),
    vanished: sum((report) => report.vanished),
    moved: sum((report) => report.moved),
    uidValidityChanged: reports.some((report) => report.uidValidityChanged),
    interrupted: reports.some((report) => report.interrupted),
    openedAt: first.openedAt,
    durationMs: 0,
    folders: reports.map((report) => report.mailbox),
  };
}

async function pollFolder(session: Session, options: PollOptions, now: () => Date, folder: string): Promise<PollReport> {
  const { settings, store, dataDir, filter } = options;
  const client = session.client;
  const key = cursorKey(settings, folder);
  const origin = describeMailbox({ ...settings, folder });
  const moving = settings.moveTo !== null;
  if (moving) await ensureFolder(client, settings.moveTo!);
  const lock = await client.getMailboxLock(folder, { readOnly: !moving });
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error('mailbox not selected');
    const openedAt = now();
    const uidValidity = mailbox.uidValidity.toString();
    // A cursor written before cursors were keyed by the server's folder name (with the host).
    const cursor =
      (await readCursor(dataDir, key)) ??
      (await readCursor(dataDir, origin)) ??
      (folder !== settings.folder ? null : await readCursor(dataDir, describeMailbox(settings)));
    const report: PollReport = {
      mailbox: origin,
      exists: mailbox.exists,
      seen: 0,
      campaign: 0,
      stored: 0,
      alreadyStored: 0,
      ignored: 0,
      tooLarge: [],
      vanished: 0,
      moved: 0,
      uidValidityChanged: cursor !== null && cursor.uidValidity !== uidValidity,
      interrupted: false,
      openedAt,
      durationMs: 0,
    };
    const sameNumbering = cursor !== null && !report.uidValidityChanged;
    let lastUid = sameNumbering ? cursor.lastUid : 0;
    // After a renumbering, every message present now may be one stored under the old numbers.
    let recheckUpTo = sameNumbering
      ? (cursor.recheckUpTo ?? 0)
      : report.uidValidityChanged
        ? Math.max(0, (mailbox.uidNext || 0xffffffff) - 1)
        : 0;
    const save = async (uid: number) => {
      lastUid = uid;
      const next: MailboxCursor = { uidValidity, lastUid, updatedAt: now().toISOString() };
      if (recheckUpTo > lastUid) next.recheckUpTo = recheckUpTo;
      else recheckUpTo = 0;
      await writeCursor(dataDir, key, next);
    };

    // UIDNEXT is what the next message will get: nothing at or above it exists yet.
    if (sameNumbering && mailbox.uidNext > 0 && mailbox.uidNext <= lastUid + 1) return report;

    const found = mailbox.exists === 0 ? [] : (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    // "N:*" always matches the last message, even below N (RFC 3501): keep only the new ones.
    const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b);
    if (uids.length === 0) {
      if (!sameNumbering) await save(lastUid);
      return report;
    }

    let known: KnownMessages | null = null;
    const progress = () =>
      options.onProgress?.({ examined: report.seen, total: uids.length, downloaded: report.stored + report.alreadyStored });
    for (const chunk of chunks(uids, options.envelopeChunk ?? 500)) {
      if (options.signal?.aborted) {
        report.interrupted = true;
        break;
      }
      const summaries: MessageSummary[] = [];
      for await (const message of client.fetch(uidSet(chunk), HEADER_QUERY, { uid: true })) {
        summaries.push(summarizeMessage(message));
        // Progress as envelopes arrive (the printer shows every 200, as the README says), not
        // once per chunk of 500.
        report.seen++;
        progress();
      }
      summaries.sort((a, b) => a.uid - b.uid);
      if (summaries.length < chunk.length) {
        // Deleted since the search: nothing to take in. Still there: an incomplete answer, and
        // moving the cursor past it could lose it — fail, the next poll asks again.
        const answered = new Set(summaries.map((summary) => summary.uid));
        const present = (await client.search({ uid: uidSet(chunk.filter((uid) => !answered.has(uid))) }, { uid: true })) || [];
        if (present.length > 0) throw new Error(`服务器没有返回 UID ${present.join('、')} 的信封`);
      }

      const wanted: MessageSummary[] = [];
      for (const summary of summaries) {
        if (!filter(summary).take) {
          report.ignored++;
          continue;
        }
        report.campaign++;
        if (summary.size > settings.maxMessageBytes) {
          report.tooLarge.push({
            uid: summary.uid,
            size: summary.size,
            subject: summary.subject,
            from: summary.senders[0] ?? '',
            internalDate: summary.internalDate,
          });
          continue;
        }
        if (summary.uid <= recheckUpTo) {
          known ??= await loadKnownMessages(store);
          if (known.has(summary)) {
            report.alreadyStored++;
            continue;
          }
        }
        wanted.push(summary);
      }
      progress();

      const batches = sizeBatches(wanted, options.batchMessages ?? 50, options.batchBytes ?? 8 * 1024 * 1024);
      const chunkEnd = chunk[chunk.length - 1]!;
      const movable: number[] = [];
      for (let index = 0; index < batches.length; index++) {
        const batch = batches[index]!;
        const taken = await downloadBatch(client, batch, options.storeConcurrency ?? 8, async (summary, raw) => {
          const { isNew } = await store.put(raw, {
            source: 'imap',
            origin,
            ...(summary.internalDate ? { internalDate: summary.internalDate } : {}),
            imap: { uidValidity, uid: summary.uid, folder },
          });
          if (isNew) report.stored++;
          else report.alreadyStored++;
        });
        report.vanished += batch.length - taken.length;
        movable.push(...taken);
        // Everything before the next batch's first message is settled (stored or unrelated).
        const next = batches[index + 1];
        await save(next ? next[0]!.uid - 1 : chunkEnd);
        progress();
        if (options.signal?.aborted && index < batches.length - 1) {
          report.interrupted = true;
          break;
        }
      }
      if (batches.length === 0) await save(chunkEnd);
      if (moving && movable.length > 0) {
        const moved = await client.messageMove(uidSet(movable), settings.moveTo!, { uid: true });
        if (moved) report.moved += movable.length;
      }
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
