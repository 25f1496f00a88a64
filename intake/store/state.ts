/** Small persistent facts about the data folder (when the mailbox was last read successfully). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../kernel/files/atomic-write.js';

export interface DataState {
  /**
   * When the IMAP mailbox was last read to the end (ISO). Mail taken from a folder or by
   * `import` leaves it alone: their 数据截至 is the latest receipt among the stored messages.
   * (Earlier versions kept a `lastIntakeAt` stamped with the clock by every run; it is ignored.)
   */
  lastPollAt: string | null;
}

const FILE = 'state.json';

export async function readDataState(dataDir: string): Promise<DataState> {
  try {
    const stored = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as Partial<DataState>;
    return { lastPollAt: typeof stored.lastPollAt === 'string' ? stored.lastPollAt : null };
  } catch {
    return { lastPollAt: null };
  }
}

export async function writeDataState(dataDir: string, state: DataState): Promise<void> {
  await writeFileAtomic(join(dataDir, FILE), `${JSON.stringify(state, null, 2)}\n`);
}
