import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { HuizongError } from '../kernel/errors.js';
import { acquireDataLock } from './data-lock.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('acquireDataLock', () => {
  it('refuses a second holder with a Chinese message naming the first', async () => {
    const dir = await tempDir();
    const lock = await acquireDataLock(dir, { command: 'run' });
    const second = await acquireDataLock(dir, { command: 'merge' }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(HuizongError);
    expect((second as HuizongError).code).toBe('LOCKED');
    expect((second as HuizongError).message).toContain('正在执行 run');
    await lock.release();
    await (await acquireDataLock(dir, { command: 'merge' })).release();
  });

  it('takes over the lock of a crashed process', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'huizong.lock'),
      JSON.stringify({ pid: deadPid(), host: hostname(), command: 'run', since: '2013-08-18T10:00:00.000Z' }),
    );
    const lock = await acquireDataLock(dir, { command: 'merge' });
    expect(JSON.parse(await readFile(join(dir, 'huizong.lock'), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('removes temporary files a crashed writer left, not those of a live one', async () => {
    const dir = await tempDir();
    const stale = join(dir, `.state.json.${deadPid()}.0badc0de.tmp`);
    const live = join(dir, `.state.json.${process.pid}.0000beef.tmp`);
    await writeFile(stale, 'half');
    await writeFile(live, 'mine');
    await (await acquireDataLock(dir, { command: 'run' })).release();
    const { existsSync } = await import('node:fs');
    expect([existsSync(stale), existsSync(live)]).toEqual([false, true]);
  });
});
