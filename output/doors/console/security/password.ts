/**
 * The console's password, kept only as a scrypt hash (node:crypto, no dependency): in the data
 * folder (console-password, owner-only), or in the file HUIZONG_CONSOLE_PASSWORD_FILE names.
 * One line: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`, so the cost can rise later and
 * old hashes still verify.
 */
import { randomBytes, type ScryptOptions, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../../intake/kernel/files/atomic-write.js';

export const PASSWORD_FILE_NAME = 'console-password';
export const PASSWORD_FILE_ENV = 'HUIZONG_CONSOLE_PASSWORD_FILE';

/** OWASP's scrypt minimum (N=2^17, r=8, p=1): about 0.3 s here, 128 MB of memory. */
const COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 256 * options.N! * options.r! + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string, cost: { N: number; r: number; p: number } = COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.trim().split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function looksLikeHash(text: string): boolean {
  return /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(text.trim());
}

/** Where the hash is kept: the environment's file, else the data folder's. */
export function passwordFilePath(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env[PASSWORD_FILE_ENV];
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : join(dataDir, PASSWORD_FILE_NAME);
}

/** The stored hash, or null when no password was set (or the file holds no hash). */
export async function readPasswordHash(path: string): Promise<string | null> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return looksLikeHash(text) ? text : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function writePasswordHash(path: string, hash: string): Promise<void> {
  await writeFileAtomic(path, `${hash}\n`);
}
