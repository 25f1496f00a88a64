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
 * 3. In chunks of UIDs (poll-folder.ts): fetch ENVELOPE + BODYSTRUCTURE + size + INTERNALDATE only, judge each
 *    message (campaign-filter.ts), then download the campaign ones in batches bounded in count
 *    and bytes (one FETCH BODY.PEEK[] per batch: few round trips, bounded memory), store each
 *    with its INTERNALDATE (a few writes overlapped, store/write-queue.ts), and only when the whole
 *    batch is durably stored move the cursor past it.
 *
 * A failure at any point (server gone, network cut, deadline) leaves every stored message
 * stored and the cursor at or before the first message not stored: the next poll reads the
 * rest, and the content-addressed store recognises anything read twice.
 */
import type { ImapFlow } from 'imapflow';
import { HuizongError } from '../kernel/errors.js';
import { createSession } from './connect.js';
import { imapError } from './imap-errors.js';
import { pollFolder } from './poll-folder.js';
import type { PollOptions, PollReport } from './poll-types.js';
import { describeMailbox, type ImapSettings } from './settings.js';

export type { OversizeMessage, PollOptions, PollProgress, PollReport } from './poll-types.js';

export async function pollMailbox(options: PollOptions): Promise<PollReport> {
  const { settings } = options;
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
      reports.push(await pollFolder(session, options, folder));
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

/** One report of several (the folders of a mailbox, or several mailboxes). */
export function combineReports(reports: readonly PollReport[], mailbox: string): PollReport {
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
    folders: reports.flatMap((report) => report.folders ?? [report.mailbox]),
  };
}
