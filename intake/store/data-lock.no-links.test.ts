/** A data folder on a file system without hard links (a FAT/exFAT drive): link() always fails. */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const link = async () => {
    throw Object.assign(new Error('operation not permitted, link'), { code: 'EPERM' });
  };
  return { ...real, link, default: { ...real, link } };
});

const { tempDir } = await import('../../test/support/temp-dir.js');
const { acquireDataLock } = await import('./data-lock.js');
const { HuizongError } = await import('../kernel/errors.js');

describe('acquireDataLock without hard links', () => {
  it('still takes, refuses and releases the lock', async () => {
    const dir = await tempDir();
    const lock = await acquireDataLock(dir, { command: 'run' });
    expect(JSON.parse(await readFile(join(dir, 'huizong.lock'), 'utf8')).command).toBe('run');
    await expect(acquireDataLock(dir, { command: 'merge' })).rejects.toBeInstanceOf(HuizongError);
    await lock.release();
    await (await acquireDataLock(dir, { command: 'merge' })).release();
  });

  it("takes over a crashed process's lock, and one of two racing takers wins", async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (let round = 0; round < 20; round++) {
      const dir = await tempDir();
      await writeFile(join(dir, 'huizong.lock'), JSON.stringify({ pid: dead, host: hostname(), command: 'run', since: `r${round}` }));
      const results = await Promise.allSettled([acquireDataLock(dir, { command: 'a' }), acquireDataLock(dir, { command: 'b' })]);
      const winners = results.filter((result) => result.status === 'fulfilled');
      expect(winners.length).toBeGreaterThanOrEqual(1);
      // The lock on disk belongs to a winner, never to the dead process.
      expect(JSON.parse(await readFile(join(dir, 'huizong.lock'), 'utf8')).pid).toBe(process.pid);
      for (const result of winners) await result.value.release();
    }
  });
});
