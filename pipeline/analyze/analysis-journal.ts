/**
 * Crash-only bookkeeping of analysis, beside the facts index: before messages are handed to the
 * analysis children, one line naming them is appended to this process's journal
 * (data/cache/analysis-journal/<pid>.jsonl) and synced to disk; outcomes are named as they come in,
 * grouped (every outcome that arrives while one line is written goes on the next). One append per
 * batch of messages, never one per file.
 *
 * Whatever ends huizong in the middle of an analysis — a fatal error no child contained, the
 * kernel's out-of-memory killer, kill -9, a power cut — leaves the journal of a process that is
 * gone. The messages it started and never finished are not analysed again on their own (that
 * could end the next run the same way): load-stored.ts reads their headers only and names the
 * reason (mail.too_complex), so `status`, `merge` and `run` open the campaign every time;
 * `merge --retry-failed` tries them again on purpose. A finished process deletes its journal.
 * The journal of a process still running (a `run` beside a `status`) is left alone.
 */
import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../intake/kernel/files/atomic-write.js';
import { processAlive } from '../../intake/kernel/files/process-alive.js';

interface JournalLine {
  started?: string[];
  done?: string[];
}

export function analysisJournalDir(dataDir: string): string {
  return join(dataDir, 'cache', 'analysis-journal');
}

/** Messages a dead process had started and not finished, and how to forget them once recorded. */
export interface Interrupted {
  ids: ReadonlySet<string>;
  /** Deletes the dead processes' journals: call once the outcome of `ids` is durable (the facts index saved). */
  forget(): Promise<void>;
}

/** What the journals of dead processes say was under way when they died. */
export async function readInterrupted(dataDir: string): Promise<Interrupted> {
  const dir = analysisJournalDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { ids: new Set(), forget: async () => undefined };
  }
  const dead = names.filter((name) => {
    const pid = Number(/^(\d+)\.jsonl$/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid !== process.pid && !processAlive(pid);
  });
  const ids = new Set<string>();
  for (const name of dead) {
    const open = new Set<string>();
    // A line cut short by the crash is ignored: its append was never confirmed.
    for (const line of (await readFile(join(dir, name), 'utf8').catch(() => '')).split('\n')) {
      let entry: JournalLine;
      try {
        entry = JSON.parse(line) as JournalLine;
      } catch {
        continue;
      }
      for (const id of entry.done ?? []) open.delete(id);
      for (const id of entry.started ?? []) open.add(id);
    }
    for (const id of open) ids.add(id);
  }
  return {
    ids,
    forget: async () => {
      await Promise.all(dead.map((name) => rm(join(dir, name), { force: true })));
    },
  };
}

/** One journal per data folder in this process, shared by the analysis begun during intake and the rest. */
const journals = new Map<string, AnalysisJournal>();

export class AnalysisJournal {
  static of(dataDir: string): AnalysisJournal {
    let journal = journals.get(dataDir);
    if (!journal) {
      journal = new AnalysisJournal(dataDir);
      journals.set(dataDir, journal);
    }
    return journal;
  }

  private readonly path: string;
  private readonly journaled = new Set<string>();
  private finished: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private created = false;
  /** A line of outcomes is waiting to be written. */
  private flushing = false;

  private constructor(private readonly dataDir: string) {
    this.path = join(analysisJournalDir(dataDir), `${process.pid}.jsonl`);
  }

  /** Whether these messages were recorded as started. */
  has(id: string): boolean {
    return this.journaled.has(id);
  }

  /**
   * Records durably that these messages start now (those not recorded yet), together with the
   * messages finished since the last line. Resolves once the line is on disk.
   */
  start(ids: readonly string[]): Promise<void> {
    const fresh = ids.filter((id) => !this.journaled.has(id));
    if (fresh.length === 0) return this.writing;
    for (const id of fresh) this.journaled.add(id);
    const done = this.finished;
    this.finished = [];
    // A journal that cannot be written costs only the protection it gives: analysis goes on.
    this.writing = this.writing.then(() => this.append({ started: fresh, ...(done.length > 0 ? { done } : {}) })).catch(() => undefined);
    return this.writing;
  }

  /**
   * This message's outcome is in. Said on disk soon (group commit: one synced append carries every
   * outcome that came in while the previous one was being written), so that a process killed now
   * leaves only the messages really under way unfinished.
   */
  done(id: string): void {
    if (!this.journaled.has(id)) return;
    this.finished.push(id);
    if (this.flushing) return;
    this.flushing = true;
    this.writing = this.writing
      .then(() => {
        this.flushing = false;
        const done = this.finished;
        this.finished = [];
        return done.length > 0 ? this.append({ done }) : undefined;
      })
      .catch(() => undefined);
  }

  /**
   * Every started message is finished and its facts are durable, or this process is ending of its
   * own accord (whatever its children were doing did not end it): the journal is no longer needed.
   */
  async close(): Promise<void> {
    await this.writing;
    if (this.created) await rm(this.path, { force: true });
    this.created = false;
    this.journaled.clear();
    this.finished = [];
  }

  private async append(line: JournalLine): Promise<void> {
    if (!this.created) await ensurePrivateDir(analysisJournalDir(this.dataDir));
    const handle = await open(this.path, 'a', PRIVATE_FILE_MODE);
    try {
      await handle.appendFile(`${JSON.stringify(line)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (!this.created) {
      // The new file's name must be durable too.
      const dir = await open(analysisJournalDir(this.dataDir), 'r');
      await dir.sync().finally(() => dir.close());
      this.created = true;
    }
  }
}
