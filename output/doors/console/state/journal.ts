/**
 * The console's journal: one JSON line per action the clerk took (what, when, from which
 * address), appended to console-journal.jsonl in the data folder and never rewritten, so who
 * decided what can be read back later. Opened in append mode and synced after each line.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../../../intake/kernel/files/atomic-write.js';

export const JOURNAL_FILE = 'console-journal.jsonl';

export interface JournalEntry {
  at: string;
  /** The browser's address as the server saw it. */
  address: string;
  /** What was done, e.g. "assign", "circular-final", "merge", "poll", "template", "login". */
  action: string;
  /** The action's own fields (message id, unit, reason …) and its outcome. */
  details: Record<string, unknown>;
}

export async function appendJournal(dataDir: string, entry: JournalEntry): Promise<void> {
  await ensurePrivateDir(dataDir);
  const handle = await open(join(dataDir, JOURNAL_FILE), 'a', PRIVATE_FILE_MODE);
  try {
    await handle.appendFile(`${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
