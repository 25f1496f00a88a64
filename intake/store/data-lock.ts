/**
 * One huizong process at a time per data folder (a scheduled cycle and a manual merge must not
 * interleave their writes). The lock is a file holding the owner's pid; a lock whose process is
 * gone (killed, machine restarted) is stale and taken over, so a crash never blocks forever.
 */

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { HuizongError } from '../kernel/errors.js';
import { ensurePrivateDir } from '../kernel/files/atomic-write.js';
import { processAlive } from '../kernel/files/process-alive.js';
import { sweepStaleTemps } from '../kernel/files/sweep-temps.js';

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
 * One interleaving remains: a third process creating the lock in the instant it is aside would
 * hold it beside the owner whose lock could not be put back. It needs a stale lock and three
 * processes starting within milliseconds of each other; the tests race two.
 */
/** Errors of a file system without hard links (FAT/exFAT drives, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

async function takeOverStale(path: string, stale: LockOwner | null): Promise<void> {
  const aside = tempNameBeside(path);
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readOwner(aside);
  const same =
    stale === null ? moved === null || !processAlive(moved.pid) : moved !== null && moved.pid === stale.pid && moved.since === stale.since;
  if (!same) {
    try {
      await link(aside, path);
    } catch (error) {
      // Someone took the lock meanwhile: theirs stands. Without hard links, put it back by name
      // if the place is still free (a rename would replace a lock taken in between).
      if (NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '') && !existsSync(path)) await rename(aside, path).catch(() => {});
    }
  }
  await rm(aside, { force: true });
}

/** A name the temp sweep recognises (sweep-temps.ts), so a crash never leaves clutter for good. */
function tempNameBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Creates the lock file whole, or not at all: the owner is written to a temp file first and
 * linked into place (link() fails when the lock exists). A lock created empty and filled after
 * would, for that moment, look like a crashed writer's to a racing taker, who would remove it.
 * Where the file system has no hard links, the lock is created in place (exclusive create, then
 * the owner written): huizong still works there, with that moment unguarded.
 * Returns false when someone holds the lock.
 */
async function createLock(path: string, owner: LockOwner): Promise<boolean> {
  const temp = tempNameBeside(path);
  await writeOwner(temp, owner);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (NO_HARD_LINKS.has(code)) return createLockInPlace(path, owner);
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function writeOwner(path: string, owner: LockOwner): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(owner));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function createLockInPlace(path: string, owner: LockOwner): Promise<boolean> {
  try {
    await writeOwner(path, owner);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
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
    const mine: LockOwner = { pid: process.pid, host: hostname(), command: options.command, since: new Date().toISOString() };
    if (await createLock(path, mine)) {
      // Holding the lock, no other writer of this folder runs: clear what a crash left behind.
      await sweepStaleTemps(dataDir);
      return {
        async release() {
          const current = await readOwner(path);
          if (current?.pid === mine.pid && current.since === mine.since) await rm(path, { force: true });
        },
      };
    }
    const owner = await readOwner(path);
    // A lock file from this host whose process is gone, or unreadable (damaged; locks are never
    // written in place, see createLock): stale.
    if (owner === null || (owner.host === hostname() && !processAlive(owner.pid))) {
      await takeOverStale(path, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new HuizongError(
        'LOCKED',
        `另一个 huizong 进程（进程号 ${owner.pid}，正在执行 ${owner.command}，开始于 ${owner.since}）正在使用数据文件夹 ${dataDir}，请稍后再试`,
      );
    }
    if (!announced) {
      options.onWait?.(owner);
      announced = true;
    }
    await sleep(200);
  }
}
