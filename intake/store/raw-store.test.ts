import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { messageIdOf, RawStore } from './raw-store.js';

describe('RawStore', () => {
  it('stores a message byte for byte, once, named by its hash', async () => {
    const dir = await tempDir();
    const store = new RawStore(dir);
    const raw = Buffer.from('Subject: x\r\n\r\n\u00ff body', 'latin1');
    const first = await store.put(raw, { source: 'folder', origin: 'a.eml' });
    const again = await store.put(Buffer.from(raw), { source: 'import', origin: 'b.eml' });
    expect(first).toEqual({ id: messageIdOf(raw), isNew: true });
    expect(again).toEqual({ id: first.id, isNew: false });
    expect((await store.read(first.id)).equals(raw)).toBe(true);
    const receipts = await store.list();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ id: first.id, size: raw.length, source: 'folder', origin: 'a.eml' });
  });

  it('keeps files readable by the owner only and leaves no temporary files', async () => {
    const dir = await tempDir();
    const store = new RawStore(dir);
    const { id } = await store.put(Buffer.from('m'), { source: 'folder', origin: 'm.eml' });
    const shard = join(dir, 'mail', id.slice(0, 2));
    expect((await stat(join(shard, `${id}.eml`))).mode & 0o777).toBe(0o600);
    expect((await readdir(shard)).sort()).toEqual([`${id}.eml`, `${id}.json`]);
  });

  it('gives a receipt to a message whose receipt a crash prevented', async () => {
    const dir = await tempDir();
    const store = new RawStore(dir);
    const raw = Buffer.from('crash');
    const { id } = await store.put(raw, { source: 'folder', origin: 'c.eml' });
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'mail', id.slice(0, 2), `${id}.json`));
    expect(await store.list()).toEqual([]);
    expect(await store.put(raw, { source: 'folder', origin: 'c.eml' })).toEqual({ id, isNew: true });
    expect(JSON.parse(await readFile(join(dir, 'mail', id.slice(0, 2), `${id}.json`), 'utf8')).id).toBe(id);
  });
  it('does not count a receipt whose message a crash lost, and stores the message whole again', async () => {
    const dir = await tempDir();
    const store = new RawStore(dir);
    const raw = Buffer.from('Subject: lost\r\n\r\nbody');
    const { id } = await store.put(raw, { source: 'folder', origin: 'l.eml' });
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'mail', id.slice(0, 2), `${id}.eml`));
    const fresh = new RawStore(dir);
    expect(fresh.has(id)).toBe(false);
    expect(await fresh.listIds()).toEqual([]);
    expect(await fresh.put(raw, { source: 'folder', origin: 'l.eml' })).toEqual({ id, isNew: true });
    expect((await fresh.read(id)).equals(raw)).toBe(true);
    expect(await fresh.listIds()).toEqual([id]);
  });
});

describe('RawStore, overlapped writes', () => {
  it('counts the same message offered twice at once as one new message', async () => {
    const store = new RawStore(await tempDir());
    const raw = Buffer.from('Subject: twice\r\n\r\nbody');
    const results = await Promise.all([
      store.put(raw, { source: 'folder', origin: 'a.eml' }),
      store.put(Buffer.from(raw), { source: 'folder', origin: 'b.eml' }),
    ]);
    expect(results.map((result) => result.isNew).sort()).toEqual([false, true]);
    expect(await store.list()).toHaveLength(1);
  });
});
