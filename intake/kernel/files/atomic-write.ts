/**
 * Crash-safe file replacement: write a temporary file beside the target, fsync it, rename it
 * over the target, fsync the directory. A crash at any point leaves the old file or the new one,
 * never half of either (the maildir / mbsync discipline).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Owner-only: stored mail and outputs concern confidentiality work. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Makes a directory's entries (a rename into it) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to a new temporary file beside `path` and syncs it; returns the temporary file's path. */
export async function writeSyncedTemp(path: string, data: string | Uint8Array, mode = PRIVATE_FILE_MODE): Promise<string> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

/** Renames a synced temporary file over its target (removing it when that fails); the directory is synced by the caller. */
export async function putInPlace(temp: string, path: string): Promise<void> {
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = PRIVATE_FILE_MODE): Promise<void> {
  const dir = dirname(path);
  await ensurePrivateDir(dir);
  await putInPlace(await writeSyncedTemp(path, data, mode), path);
  await fsyncDir(dir);
}
