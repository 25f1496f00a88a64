/**
 * The data lock around a door's work: one writer of a store at a time (a scheduled cycle, a
 * manual `merge`, a console decision never interleave their writes). Who waits says so on
 * standard error; `waitMs` 0 refuses at once (LOCKED), as a scheduled cycle does.
 */
import { acquireDataLock } from '../../intake/store/data-lock.js';
import type { Printer } from './printer.js';

/** As long as `run` waits for a scheduled cycle: a merge of thousands of units takes seconds. */
export const LOCK_WAIT_MS = 120_000;

export interface StoreLockOptions {
  /** What the holder is doing, shown to whoever waits ("run", "merge", "serve"). */
  command: string;
  waitMs: number;
  /** Told when we start waiting for another process. */
  printer?: Printer;
}

export async function withStoreLock<T>(storeDir: string, options: StoreLockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireDataLock(storeDir, {
    command: options.command,
    waitMs: options.waitMs,
    onWait: (owner) => options.printer?.err(`另一个 huizong 进程（进程号 ${owner.pid}，${owner.command}）正在运行，等待其结束……`),
  });
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
