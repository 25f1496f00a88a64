/** Small persistent facts about the data folder (when the mailbox was last read). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../kernel/files/atomic-write.js';

export interface DataState {
  /** When mail was last taken in (ISO): the 数据截至 of every output. */
  lastIntakeAt: string | null;
}

const FILE = 'state.json';

export async function readDataState(dataDir: string): Promise<DataState> {
  try {
    return { lastIntakeAt: null, ...(JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as Partial<DataState>) };
  } catch {
    return { lastIntakeAt: null };
  }
}

export async function writeDataState(dataDir: string, state: DataState): Promise<void> {
  await writeFileAtomic(join(dataDir, FILE), `${JSON.stringify(state, null, 2)}\n`);
}
