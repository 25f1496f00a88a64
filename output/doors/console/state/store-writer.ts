/**
 * The console's hold on one store's data lock, and the outputs it writes behind the clerk's
 * decisions. A decision's page is current once its merge is taken; its workbook and documents
 * are written afterwards, still under the data lock: the lock is taken by the first action and
 * kept while any action runs or any output waits to be written, so no other process (a `merge`,
 * a `watch` cycle) writes between a decision's merge and its files, and none reads files half
 * way through. Inside the console the lock is shared: actions run one after the other, and the
 * next click does not wait for the previous decision's files.
 *
 * One writer per store (actions/guards.ts): the campaigns of a workspace share their store, its
 * lock and its queue.
 */
import { acquireDataLock, type DataLock } from '../../../../intake/store/data-lock.js';
import { LOCK_WAIT_MS } from '../../store-lock.js';

/** How the last outputs written behind a decision came out, for the campaign's 输出 page. */
export type BehindOutcome<T> = { value: T; error: null } | { value: null; error: string };

/** Outputs to write for one campaign (by its output folder): the newest merge's. */
interface Queued<T> {
  key: string;
  write: () => Promise<T>;
}

export class StoreWriter<T> {
  private holders = 0;
  private lock: Promise<DataLock> | null = null;
  /** Actions, one after the other. */
  private turn: Promise<unknown> = Promise.resolve();
  /** Per campaign, the newest outputs waiting: an older merge's would be overwritten at once. */
  private readonly queued = new Map<string, Queued<T>>();
  private writing: Promise<void> | null = null;
  /** The campaign whose outputs are being written now. */
  private writingKey: string | null = null;
  private readonly outcomes = new Map<string, BehindOutcome<T>>();

  constructor(private readonly storeDir: string) {}

  /** An action: the data lock held, no other action of this console at the same time. */
  action<R>(work: () => Promise<R>): Promise<R> {
    const mine = this.turn.then(() => this.holding(work));
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /**
   * Queues a campaign's outputs to be written behind the action that calls this (inside its
   * `action`, so the lock is never let go in between); a write of the same campaign still
   * waiting is dropped for it.
   */
  behind(key: string, write: () => Promise<T>): void {
    this.queued.set(key, { key, write });
    this.writing ??= this.holding(() => this.drain()).finally(() => {
      this.writing = null;
    });
  }

  /** Resolves once no output waits or is being written (a download, an action that reads or writes the outputs). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Outputs of this campaign are waiting or being written. */
  pending(key: string): boolean {
    return this.queued.has(key) || this.writingKey === key;
  }

  /** How this campaign's last outputs written behind came out, or null: none were. */
  outcome(key: string): BehindOutcome<T> | null {
    return this.outcomes.get(key) ?? null;
  }

  /** This campaign's outputs were written anew otherwise (重新汇总): what the last written behind did is past. */
  forget(key: string): void {
    this.outcomes.delete(key);
  }

  private async drain(): Promise<void> {
    for (let next = this.first(); next; next = this.first()) {
      this.queued.delete(next.key);
      this.writingKey = next.key;
      try {
        this.outcomes.set(next.key, { value: await next.write(), error: null });
      } catch (error) {
        this.outcomes.set(next.key, {
          value: null,
          error: (error as Error).message,
        });
      } finally {
        this.writingKey = null;
      }
    }
  }

  private first(): Queued<T> | undefined {
    return this.queued.values().next().value;
  }

  /** Runs `work` with the data lock held by this process (taken by the first holder, let go by the last). */
  private async holding<R>(work: () => Promise<R>): Promise<R> {
    this.holders++;
    this.lock ??= acquireDataLock(this.storeDir, { command: 'serve', waitMs: LOCK_WAIT_MS });
    const lock = this.lock;
    try {
      await lock;
      return await work();
    } finally {
      if (--this.holders === 0) {
        this.lock = null;
        await lock.then(
          (held) => held.release(),
          () => undefined,
        );
      }
    }
  }
}
