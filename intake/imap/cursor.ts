/**
 * How far the mailbox has been read: per mailbox, its UIDVALIDITY and the highest UID whose fate
 * is settled (stored, or judged unrelated). Kept in <data>/imap-cursor.json, replaced atomically,
 * and written only after the messages it covers are durably in the raw store: a crash between the
 * two leaves the cursor behind, so messages are read again (and recognised by the store), never
 * skipped.
 *
 * UIDVALIDITY is a 32-bit number that imapflow returns as a bigint: it is kept as a string.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../kernel/files/atomic-write.js';

export interface MailboxCursor {
  uidValidity: string;
  /** Every message with a UID up to this one has been dealt with. */
  lastUid: number;
  /**
   * Set after a UIDVALIDITY change: messages up to this UID may be ones already stored under the
   * old numbering, so they are matched against the store by Message-ID before downloading.
   */
  recheckUpTo?: number;
  updatedAt: string;
}

interface CursorFile {
  version: 1;
  /** Keyed by describeMailbox(): user, server and folder. */
  mailboxes: Record<string, MailboxCursor>;
}

export const CURSOR_FILE = 'imap-cursor.json';

async function readCursorFile(dataDir: string): Promise<CursorFile> {
  let text: string;
  try {
    text = await readFile(join(dataDir, CURSOR_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, mailboxes: {} };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<CursorFile>;
    return { version: 1, mailboxes: parsed.mailboxes ?? {} };
  } catch {
    // Unreadable (edited by hand?): read the mailbox again from the start. The store recognises
    // what it already holds, so this costs time, never a lost or doubled message.
    return { version: 1, mailboxes: {} };
  }
}

export async function readCursor(dataDir: string, mailbox: string): Promise<MailboxCursor | null> {
  return (await readCursorFile(dataDir)).mailboxes[mailbox] ?? null;
}

/** Replaces one mailbox's cursor (the others are kept). The caller holds the data lock. */
export async function writeCursor(dataDir: string, mailbox: string, cursor: MailboxCursor): Promise<void> {
  const file = await readCursorFile(dataDir);
  file.mailboxes[mailbox] = cursor;
  await writeFileAtomic(join(dataDir, CURSOR_FILE), `${JSON.stringify(file, null, 2)}\n`);
}
