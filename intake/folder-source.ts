/**
 * The folder source: every *.eml file of a folder (a demo mailbox, mail exported by hand),
 * stored into the raw store. A file that cannot be read is reported and skipped; the others go on.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HuizongError } from './kernel/errors.js';
import { StoreQueue } from './kernel/files/write-queue.js';
import { messageIdOf, type RawStore, type ReceiptSource } from './store/raw-store.js';

export interface IntakeReport {
  seen: number;
  stored: number;
  duplicates: number;
  failed: { file: string; reason: string }[];
}

export async function listEmlFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new HuizongError(
      'IO',
      `无法读取邮件文件夹 ${dir}：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件夹不存在' : (error as Error).message}`,
    );
  }
  return names
    .filter((name) => name.toLowerCase().endsWith('.eml'))
    .sort()
    .map((name) => join(dir, name));
}

/** Writes overlapped at once: each store write waits for the disk (fsync); a few together are several times faster. */
const PARALLEL_WRITES = 8;

export async function storeFiles(store: RawStore, files: readonly string[], source: ReceiptSource): Promise<IntakeReport> {
  const report: IntakeReport = { seen: 0, stored: 0, duplicates: 0, failed: [] };
  const queue = new StoreQueue(PARALLEL_WRITES);
  for (const file of files) {
    report.seen++;
    let raw: Buffer;
    try {
      raw = await readFile(file);
    } catch (error) {
      report.failed.push({ file, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message });
      continue;
    }
    // Keyed by the message: copies of one message are stored one after the other, in file
    // order, so the first file is the one its receipt names, on every run.
    await queue.add(messageIdOf(raw), async () => {
      const { isNew } = await store.put(raw, { source, origin: resolve(file) });
      if (isNew) report.stored++;
      else report.duplicates++;
    });
  }
  // A failed store write (disk full) fails the intake: nothing is reported as taken in that was not.
  await queue.drain();
  return report;
}
