/** A data folder on a file system without hard links (a FAT/exFAT drive): link() always fails. */
import { readFile } from 'node:fs/promises';
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
const { HuizongError } = await import('../../pipeline/errors.js');

describe('acquireDataLock without hard links', () => {
  it('still takes, refuses and releases the lock', async () => {
    const dir = await tempDir();
    const lock = await acquireDataLock(dir, { command: 'run' });
    expect(JSON.parse(await readFile(join(dir, 'huizong.lock'), 'utf8')).command).toBe('run');
    await expect(acquireDataLock(dir, { command: 'merge' })).rejects.toBeInstanceOf(HuizongError);
    await lock.release();
    await (await acquireDataLock(dir, { command: 'merge' })).release();
  });
});
