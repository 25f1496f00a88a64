/**
 * A password never sits in campaign.yaml (the campaign folder is copied, mailed, archived): it
 * comes from an environment variable, or from a file an environment variable names. One reader
 * for every server huizong logs in to (IMAP, SMTP), so both say the same things in Chinese.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HuizongError } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable's value, trimmed; undefined when unset or blank. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export interface PasswordSource {
  /** The variable holding the password itself (HUIZONG_IMAP_PASSWORD). */
  variable: string;
  /** The variable naming a file that holds it (HUIZONG_IMAP_PASSWORD_FILE). */
  fileVariable: string;
  /** What to say when neither is set ("没有提供邮箱密码"). */
  missing: string;
  /** How to provide it, shown under the message. */
  hint: string;
}

export function readPasswordFromEnv(env: Env, source: PasswordSource): string {
  const direct = env[source.variable];
  if (direct !== undefined && direct !== '') return direct;
  const file = envValue(env, source.fileVariable);
  if (file === undefined) throw new HuizongError('CONFIG', source.missing, { details: [source.hint] });
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个文件夹' : '无法读取';
    throw new HuizongError('CONFIG', `无法读取 ${source.fileVariable} 指定的密码文件 ${path}：${reason}`);
  }
  // A trailing line break is an editor's, not the password's.
  const password = text.replace(/\r?\n$/, '');
  if (password.trim() === '') throw new HuizongError('CONFIG', `密码文件 ${path} 是空的`, { details: [source.hint] });
  return password;
}
