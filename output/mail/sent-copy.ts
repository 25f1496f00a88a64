/**
 * A copy of every message sent, filed in an IMAP folder of the secretariat's mailbox (163 and QQ
 * keep nothing of what goes out over SMTP). Done after the batch, over one IMAP session; an
 * entry remembers when its copy was filed, and a copy left unfiled by a failure or a crash is
 * filed by a later batch — after a search by Message-ID, so a copy is never filed twice.
 */
import { createSession } from '../../intake/imap/connect.js';
import type { ImapSettings } from '../../intake/imap/settings.js';
import { entryState, type OutboxJournal } from './outbox-journal.js';

export async function fileSentCopies(
  journal: OutboxJournal,
  imap: ImapSettings,
  folder: string,
  clock: () => Date,
): Promise<{ filed: number; failure: string | null }> {
  const waiting = (await journal.list()).filter((entry) => entryState(entry) === '已发送' && !entry.copiedAt && !entry.confirmedAt);
  if (waiting.length === 0) return { filed: 0, failure: null };
  const session = createSession(imap);
  let filed = 0;
  try {
    await session.connect();
    const { client } = session;
    const folders = await client.list();
    if (!folders.some((box) => box.path === folder)) await client.mailboxCreate(folder);
    for (const entry of waiting) {
      const messageId = entry.attempts.at(-1)!.messageId;
      const lock = await client.getMailboxLock(folder);
      let present = false;
      try {
        const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        present = Array.isArray(found) && found.length > 0;
      } finally {
        lock.release();
      }
      if (!present) {
        const raw = await journal.readRaw(entry.id);
        if (!raw) continue;
        await client.append(folder, raw, ['\\Seen'], new Date(entry.attempts.at(-1)!.finishedAt ?? entry.createdAt));
      }
      await journal.save({ ...entry, copiedAt: clock().toISOString() });
      filed++;
    }
    return { filed, failure: null };
  } catch (error) {
    return { filed, failure: (error as Error).message };
  } finally {
    await session.end();
  }
}
