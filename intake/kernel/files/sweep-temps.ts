/**
 * Temporary files left by a crash between "write the temp file" and "rename it into place"
 * (atomic-write.ts). They never hold the truth — the old or the new version stands beside them —
 * but they are clutter. A temp file names the process that wrote it; when that process is gone
 * the file is stale and removed. Files of a live process (a concurrent `status`) are left alone.
 */
import type { Dirent } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from './process-alive.js';

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Removes stale temp files under `dir` (recursively). Returns how many were removed. */
export async function sweepStaleTemps(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const pid = TEMP_NAME.exec(entry.name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processAlive(Number(pid))) continue;
    await rm(join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name), { force: true });
    removed++;
  }
  return removed;
}
