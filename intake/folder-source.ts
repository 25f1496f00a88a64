/**
 * The two file sources: every *.eml file of a folder read again and again (a demo mailbox, mail
 * exported by hand: `run --mailbox-dir`, `serve --mailbox-dir`), and single files brought in by
 * hand (`import`). Each stored into the raw store; a file that cannot be read is reported and
 * skipped, the others go on. The caller holds the data lock.
 */
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SeenFiles } from './folder-seen.js';
import { HuizongError } from './kernel/errors.js';
import { StoreQueue } from './kernel/files/write-queue.js';
import { messageIdOf, RawStore, type ReceiptSource } from './store/raw-store.js';

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

export interface StoreFilesOptions {
  /** Files of a mail folder read again and again (`run`): one unchanged since its message was stored is not read again. */
  seen?: SeenFiles;
  /** Called with each message newly stored, once it is durable (run starts analysing it). */
  onStored?: (id: string) => void;
}

export async function storeFiles(
  store: RawStore,
  files: readonly string[],
  source: ReceiptSource,
  options: StoreFilesOptions = {},
): Promise<IntakeReport> {
  const { seen } = options;
  const report: IntakeReport = { seen: 0, stored: 0, duplicates: 0, failed: [] };
  const queue = new StoreQueue(PARALLEL_WRITES);
  // A folder read again and again is mostly files already stored: their stats, asked one after
  // the other, were most of a run with nothing new (1,000 files: ~150 ms waiting).
  const statsAhead = seen ? new StatsAhead(files) : null;
  for (const [at, file] of files.entries()) {
    report.seen++;
    let raw: Buffer;
    let stats: Stats | undefined;
    try {
      if (seen) {
        stats = await statsAhead!.of(at);
        const id = seen.storedId(resolve(file), stats);
        if (id !== null && store.has(id)) {
          report.duplicates++;
          continue;
        }
      }
      raw = await readFile(file);
    } catch (error) {
      report.failed.push({ file, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message });
      continue;
    }
    // Keyed by the message: copies of one message are stored one after the other, in file
    // order, so the first file is the one its receipt names, on every run.
    const id = messageIdOf(raw);
    await queue.add(id, async () => {
      const { isNew } = await store.put(raw, { source, origin: resolve(file) });
      if (isNew) {
        report.stored++;
        options.onStored?.(id);
      } else report.duplicates++;
      // Remembered only once the message is durably stored.
      if (seen && stats) seen.remember(resolve(file), stats, id);
    });
  }
  // A failed store write (disk full) fails the intake: nothing is reported as taken in that was not.
  await queue.drain();
  // Losing this only means reading the files once more next time.
  await seen?.save().catch(() => undefined);
  return report;
}

/** Stats asked ahead of the files being looked at. */
const STATS_AHEAD = 64;

/**
 * Each file's stats, asked up to STATS_AHEAD files ahead of the one looked at (not all at once:
 * a folder of 20,000 files must not queue 20,000 requests). A failure is that file's own, seen
 * when it is looked at.
 */
class StatsAhead {
  private readonly ahead = new Map<number, Promise<Stats>>();
  private next = 0;

  constructor(private readonly files: readonly string[]) {}

  of(at: number): Promise<Stats> {
    for (; this.next < Math.min(this.files.length, at + STATS_AHEAD); this.next++) {
      const pending = stat(this.files[this.next]!);
      // Seen when that file is looked at; until then it must not count as unhandled.
      pending.catch(() => undefined);
      this.ahead.set(this.next, pending);
    }
    const stats = this.ahead.get(at)!;
    this.ahead.delete(at);
    return stats;
  }
}

export interface FileIntakeOptions {
  /** Where raw mail lives (the store's folder). */
  storeDir: string;
  /** Called with each message newly stored, once it is durable (analysis starts on it). */
  onStored?: (id: string) => void;
}

/**
 * Every .eml file of a folder. Files unchanged since their message was stored are not read
 * again (folder-seen.ts, kept beside the store).
 */
export async function takeInFromFolder(options: FileIntakeOptions & { dir: string }): Promise<IntakeReport> {
  const files = await listEmlFiles(resolve(options.dir));
  return storeFiles(new RawStore(options.storeDir), files, 'folder', {
    seen: await SeenFiles.open(options.storeDir),
    ...(options.onStored ? { onStored: options.onStored } : {}),
  });
}

/** Files named one by one (`import`): each read and stored, whatever its name. */
export async function takeInFiles(options: FileIntakeOptions & { files: readonly string[] }): Promise<IntakeReport> {
  return storeFiles(new RawStore(options.storeDir), options.files, 'import', options.onStored ? { onStored: options.onStored } : {});
}
