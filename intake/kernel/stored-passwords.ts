/**
 * The mailbox passwords (授权码) the clerk entered in the console's 活动设置, stored beside the
 * mail data (never in the campaign folder, which is copied and mailed): owner-only files the
 * IMAP and SMTP readers take through their *_PASSWORD_FILE variables. A password given in the
 * environment (or a file it names) wins; the stored file is the default.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './password-from-env.js';

export const STORED_PASSWORD_FILES = { imap: 'imap-password', smtp: 'smtp-password' } as const;
export type StoredPasswordKind = keyof typeof STORED_PASSWORD_FILES;

const VARIABLES: Readonly<Record<StoredPasswordKind, { password: string; file: string }>> = {
  imap: { password: 'HUIZONG_IMAP_PASSWORD', file: 'HUIZONG_IMAP_PASSWORD_FILE' },
  smtp: { password: 'HUIZONG_SMTP_PASSWORD', file: 'HUIZONG_SMTP_PASSWORD_FILE' },
};

export function storedPasswordPath(dataDir: string, kind: StoredPasswordKind): string {
  return join(dataDir, STORED_PASSWORD_FILES[kind]);
}

/** The environment, with each password file variable defaulting to the stored file when there is one. */
export function withStoredPasswords(env: Env, dataDir: string): Env {
  const out: Record<string, string | undefined> = { ...env };
  for (const kind of Object.keys(VARIABLES) as StoredPasswordKind[]) {
    const { password, file } = VARIABLES[kind];
    const given = (env[password] ?? '').trim() !== '' || (env[file] ?? '').trim() !== '';
    const stored = storedPasswordPath(dataDir, kind);
    if (!given && existsSync(stored)) out[file] = stored;
  }
  return out;
}
