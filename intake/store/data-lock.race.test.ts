/**
 * Races between lock takers depend on how their file operations interleave, which on an idle
 * machine is nearly always the same. Every fs call here is delayed by a random few milliseconds
 * (the real file system still does the work) so the rare interleavings happen in every run.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  // Creating a file is sometimes slow to return (a busy disk, a descheduled process).
  const jitter = (name?: string) => new Promise((resolve) => setTimeout(resolve, Math.random() * (name === 'open' ? 20 : 2)));
  const jittered: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(real)) {
    jittered[name] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            await jitter();
            const result = await (value as (...a: unknown[]) => Promise<unknown>)(...args);
            await jitter(name);
            return result;
          }
        : value;
  }
  return { ...jittered, default: jittered };
});

const { tempDir } = await import('../../test/support/temp-dir.js');
const { acquireDataLock } = await import('./data-lock.js');

describe('acquireDataLock under racing takers', () => {
  it('lets exactly one of two racing takers have a stale lock', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (let round = 0; round < 60; round++) {
      const dir = await tempDir();
      await writeFile(join(dir, 'huizong.lock'), JSON.stringify({ pid: dead, host: hostname(), command: 'run', since: `r${round}` }));
      const results = await Promise.allSettled([acquireDataLock(dir, { command: 'a' }), acquireDataLock(dir, { command: 'b' })]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) if (result.status === 'fulfilled') await result.value.release();
    }
  });

  it('lets exactly one of two takers have a free lock', async () => {
    for (let round = 0; round < 60; round++) {
      const dir = await tempDir();
      const results = await Promise.allSettled([acquireDataLock(dir, { command: 'a' }), acquireDataLock(dir, { command: 'b' })]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) if (result.status === 'fulfilled') await result.value.release();
    }
  });
});
