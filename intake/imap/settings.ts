/**
 * Where the mailbox is and how to log in: campaign.yaml `mailbox:`, each field overridable by
 * an environment variable (the IT person can keep the campaign folder free of machine details),
 * and the password from the environment or a file only — never from the campaign folder, which
 * the clerk copies, mails and archives.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MailboxSettings } from '../kernel/campaign/campaign-schema.js';
import { HuizongError } from '../kernel/errors.js';
import { type Env, envValue, readPasswordFromEnv } from '../kernel/password-from-env.js';

export const ENV = {
  host: 'HUIZONG_IMAP_HOST',
  port: 'HUIZONG_IMAP_PORT',
  user: 'HUIZONG_IMAP_USER',
  password: 'HUIZONG_IMAP_PASSWORD',
  passwordFile: 'HUIZONG_IMAP_PASSWORD_FILE',
  tls: 'HUIZONG_IMAP_TLS',
  folder: 'HUIZONG_IMAP_FOLDER',
} as const;

export interface ImapSettings {
  host: string;
  /** Default 993 with TLS, 143 without. */
  port: number;
  /** Implicit TLS with certificate checks (default true). False: plain text (STARTTLS if offered). */
  tls: boolean;
  /** Accept a certificate that does not verify (self-signed office server). Default false. */
  allowUntrustedCertificate: boolean;
  user: string;
  /** Never logged, never written; see `redact`. */
  password: string;
  /** The first folder read (INBOX by default); named in messages and the watch banner. */
  folder: string;
  /** Folders to read, as configured (`folders`, `folder` or HUIZONG_IMAP_FOLDER). */
  folders: string[];
  /**
   * Nothing configured: read INBOX and the server's \Junk (special-use) folder, where 163/QQ
   * put mail with attachments from senders they do not know.
   */
  includeJunk: boolean;
  /** Move taken-in campaign mail here after storing it. Default none: the mailbox stays as found. */
  moveTo: string | null;
  /** Campaign mail larger than this is not downloaded but reported. Default 50 MB. */
  maxMessageBytes: number;
  /** Overall deadline of one poll. Default 600 s. */
  timeoutMs: number;
}

export const DEFAULT_MAX_MESSAGE_MB = 50;
export const DEFAULT_TIMEOUT_SECONDS = 600;

function parseTls(text: string): boolean {
  const value = text.toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new HuizongError('CONFIG', `环境变量 ${ENV.tls} 应为 true 或 false，实际为「${text}」`);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new HuizongError('CONFIG', `环境变量 ${ENV.port} 应为 1 到 65535 之间的端口号，实际为「${text}」`);
  return port;
}

const PASSWORD_HINT = `请设置环境变量 ${ENV.password}，或把密码单独写在一个文件里并用 ${ENV.passwordFile} 指定该文件；163、QQ 邮箱应填写在网页邮箱设置中生成的授权码，而不是网页登录密码；也可以在控制台（huizong serve）的「活动设置 → 收信邮箱」中保存授权码（保存在数据文件夹的 imap-password 中）`;

function readPassword(env: Env): string {
  return readPasswordFromEnv(env, {
    variable: ENV.password,
    fileVariable: ENV.passwordFile,
    missing: '没有提供邮箱密码',
    hint: PASSWORD_HINT,
  });
}

/** Whether a password file can be read by other users of the machine (worth a warning). */
export function passwordFileIsShared(env: Env): string | null {
  const file = envValue(env, ENV.passwordFile);
  if (file === undefined || (env[ENV.password] ?? '') !== '') return null;
  try {
    return (statSync(resolve(file)).mode & 0o077) !== 0 ? resolve(file) : null;
  } catch {
    return null;
  }
}

/** Whether the environment gives a password at all (itself, or a file naming it): without one the mailbox cannot be polled yet. */
export function imapPasswordGiven(env: Env): boolean {
  return (env[ENV.password] ?? '') !== '' || envValue(env, ENV.passwordFile) !== undefined;
}

/** True when campaign.yaml or the environment names a mail server at all. */
export function mailboxConfigured(mailbox: MailboxSettings, env: Env = process.env): boolean {
  return (envValue(env, ENV.host) ?? mailbox.host?.trim() ?? '') !== '';
}

/**
 * The effective settings. Throws CONFIG errors in Chinese for what is missing or malformed
 * (the caller checks `mailboxConfigured` first when no mailbox is a normal case).
 */
export function resolveImapSettings(mailbox: MailboxSettings, env: Env = process.env): ImapSettings {
  const host = envValue(env, ENV.host) ?? mailbox.host?.trim();
  if (!host) {
    throw new HuizongError('CONFIG', '没有配置收信邮箱', {
      details: [`请在 campaign.yaml 的 mailbox: 中填写 host（邮件服务器，例如 imap.163.com），或设置环境变量 ${ENV.host}`],
    });
  }
  const user = envValue(env, ENV.user) ?? mailbox.user?.trim();
  if (!user) {
    throw new HuizongError('CONFIG', '没有配置邮箱用户名', {
      details: [`请在 campaign.yaml 的 mailbox: 中填写 user（完整邮箱地址），或设置环境变量 ${ENV.user}`],
    });
  }
  const envTls = envValue(env, ENV.tls);
  const tls = envTls !== undefined ? parseTls(envTls) : (mailbox.tls ?? true);
  const envPort = envValue(env, ENV.port);
  const port = envPort !== undefined ? parsePort(envPort) : (mailbox.port ?? (tls ? 993 : 143));
  if (mailbox.folder?.trim() && mailbox.folders) {
    throw new HuizongError('CONFIG', 'campaign.yaml 的 mailbox: 中 folder 和 folders 只能写一个', {
      details: ['只收一个文件夹写 folder: INBOX；收几个文件夹写 folders: [INBOX, 垃圾邮件]'],
    });
  }
  const configured = envValue(env, ENV.folder)
    ? [envValue(env, ENV.folder)!]
    : (mailbox.folders ?? (mailbox.folder?.trim() ? [mailbox.folder.trim()] : []));
  const folders = [...new Set(configured)];
  const folder = folders[0] ?? 'INBOX';
  return {
    host,
    port,
    tls,
    allowUntrustedCertificate: mailbox.allowUntrustedCertificate ?? false,
    user,
    password: readPassword(env),
    folder,
    folders: folders.length > 0 ? folders : ['INBOX'],
    includeJunk: folders.length === 0,
    moveTo: mailbox.moveTo?.trim() || null,
    maxMessageBytes: Math.round((mailbox.maxMessageMB ?? DEFAULT_MAX_MESSAGE_MB) * 1024 * 1024),
    timeoutMs: (mailbox.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
  };
}

/**
 * How the mailbox is named in receipts, in the cursor file and to people:
 * "imap://mishuke@163.com@imap.163.com/INBOX" (the user is written as is, for reading).
 */
export function describeMailbox(settings: Pick<ImapSettings, 'user' | 'host' | 'folder'>): string {
  return `imap://${settings.user}@${settings.host}/${settings.folder}`;
}

/**
 * The cursor of one folder: the user and the folder as the server names it — not the host, so a
 * host alias (imap.163.com / imap.126.com for one account, an IP address) does not read the
 * mailbox again from the start, and not the configured name (Cyrus calls `received`
 * "INBOX.received").
 */
export function cursorKey(settings: Pick<ImapSettings, 'user'>, serverPath: string): string {
  return `imap://${settings.user}/${serverPath}`;
}

/** Removes the password from any text that may reach a person (server replies echo input). */
export function redact(text: string, password: string): string {
  if (password.length === 0) return text;
  return text.split(password).join('******');
}
