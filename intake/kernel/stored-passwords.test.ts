import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withStoredPasswords } from './stored-passwords.js';

describe('withStoredPasswords', () => {
  it('names the stored file when the environment gives no password, and leaves a given one alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huizong-stored-'));
    expect(withStoredPasswords({}, dir)).toEqual({});
    await writeFile(join(dir, 'imap-password'), 'x', { mode: 0o600 });
    expect(withStoredPasswords({}, dir)).toEqual({ HUIZONG_IMAP_PASSWORD_FILE: join(dir, 'imap-password') });
    expect(withStoredPasswords({ HUIZONG_IMAP_PASSWORD: 'env' }, dir)).toEqual({ HUIZONG_IMAP_PASSWORD: 'env' });
    expect(withStoredPasswords({ HUIZONG_IMAP_PASSWORD_FILE: '/etc/p' }, dir)).toEqual({ HUIZONG_IMAP_PASSWORD_FILE: '/etc/p' });
  });
});
