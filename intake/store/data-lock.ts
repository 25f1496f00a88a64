/**
 * One huizong process at a time per data folder (a scheduled cycle and a manual merge must not
 * interleave their writes). The lock is a file holding the owner's pid; a lock whose process is
 * gone (killed, machine restarted) is stale and taken over, so a crash never blocks forever.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HuizongError } from '../../pipeline/errors.js';
import { ensurePrivateDir } from './atomic-write.js';
import { sweepStaleTemps } from './sweep-temps.js';
import { processAlive } from './process-alive.js';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export interface LockOptions {
  /** What the holder is doing, shown to whoever waits ("run", "merge"). */
  command: string;
  /** How long to wait for another process to finish, in ms. Default 0: refuse at once. */
  waitMs?: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (owner: LockOwner) => void;
}


async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes a stale lock without removing a fresh one: two processes may both find the same
 * stale lock, and the slower one must not delete the lock the faster one has just taken. The
 * lock is moved aside (atomic) and checked: if what was moved is not the stale lock that was
 * read, it is someone's fresh lock and is put back with link(), which never overwrites.
 */
async function takeOverStale(path: string, stale: LockOwner | null): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readOwner(aside);
  const same = stale === null ? moved === null || !processAlive(moved.pid) : moved !== null && moved.pid === stale.pid && moved.since === stale.since;
  if (!same) {
    try {
      await link(aside, path);
    } catch {
      // Someone took the lock meanwhile; theirs stands.
    }
  }
  await rm(aside, { force: true });
}

export interface DataLock {
  release(): Promise<void>;
}

export async function acquireDataLock(dataDir: string, options: LockOptions): Promise<DataLock> {
  await ensurePrivateDir(dataDir);
  const path = join(dataDir, 'huizong.lock');
  const deadline = Date.now() + (options.waitMs ?? 0);
  let announced = false;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      const owner: LockOwner = { pid: process.pid, host: hostname(), command: options.command, since: new Date().toISOString() };
      await handle.writeFile(JSON.stringify(owner));
      await handle.sync();
      await handle.close();
      // Holding the lock, no other writer of this folder runs: clear what a crash left behind.
      await sweepStaleTemps(dataDir);
      return {
        async release() {
          const current = await readOwner(path);
          if (current?.pid === process.pid) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(path);
    // A lock file from this host whose process is gone, or unreadable (crash mid-write): stale.
    if (owner === null || (owner.host === hostname() && !processAlive(owner.pid))) {
      await takeOverStale(path, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new HuizongError('LOCKED', `另一个 huizong 进程（进程号 ${owner.pid}，正在执行 ${owner.command}，开始于 ${owner.since}）正在使用数据文件夹 ${dataDir}，请稍后再试`);
    }
    if (!announced) {
      options.onWait?.(owner);
      announced = true;
    }
    await sleep(200);
  }
}
