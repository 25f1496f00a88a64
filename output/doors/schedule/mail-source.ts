/**
 * Where a door's mail comes from: a folder of .eml files given with --mailbox-dir, else the
 * mailbox of campaign.yaml (with the HUIZONG_IMAP_* variables), else none. For a workspace: the
 * office's mailbox (office.yaml, or the variables alone), and any other a campaign writes in its
 * own campaign.yaml — one poll per mailbox, never two on one cursor.
 */
import { resolve } from 'node:path';
import {
  describeMailbox,
  ENV,
  type ImapSettings,
  imapPasswordGiven,
  mailboxConfigured,
  passwordFileIsShared,
  resolveImapSettings,
} from '../../../intake/imap/settings.js';
import type { MailboxSettings } from '../../../intake/kernel/campaign/campaign-schema.js';
import { HuizongError, isHuizongError } from '../../../intake/kernel/errors.js';
import { envValue } from '../../../intake/kernel/password-from-env.js';
import { withStoredPasswords } from '../../../intake/kernel/stored-passwords.js';
import type { CommandContext } from '../../runner/context.js';
import type { MailSource } from '../../runner/stages/intake.js';
import type { WorkspaceContext } from '../../runner/workspace-context.js';
import type { Printer } from '../printer.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The settings, or the Chinese reason there is no mail source at all. */
export function mailboxSettingsFor(context: CommandContext, given: Env = process.env): ImapSettings {
  // The 授权码 stored from the console's 活动设置 is the default password file.
  const env = withStoredPasswords(given, context.storeDir);
  if (!mailboxConfigured(context.campaign.file.mailbox, env)) {
    throw new HuizongError('CONFIG', '没有邮件来源：campaign.yaml 中没有配置收信邮箱，也没有用 --mailbox-dir 指定存放 .eml 文件的文件夹', {
      details: [
        `在 ${context.campaign.dir}/campaign.yaml 的 mailbox: 中填写 host、user（或设置环境变量 HUIZONG_IMAP_HOST、HUIZONG_IMAP_USER），密码用环境变量 HUIZONG_IMAP_PASSWORD 或 HUIZONG_IMAP_PASSWORD_FILE 提供`,
        '或用 huizong run --mailbox-dir <文件夹> 读取另存的 .eml 文件',
      ],
    });
  }
  return resolveImapSettings(context.campaign.file.mailbox, env);
}

/** The folder when given; else the mailbox, which must be configured (`run`, `watch`). */
export function requiredSource(context: CommandContext, mailboxDir: string | undefined, env: Env = process.env): MailSource {
  if (mailboxDir !== undefined) return { kind: 'folder', dir: resolve(mailboxDir) };
  return { kind: 'imap', settings: mailboxSettingsFor(context, env) };
}

/**
 * Where the console's mail comes from, found anew for every cycle and every 立即收信 (the clerk
 * may save the 授权码 or change the mailbox in 活动设置 meanwhile): the source, or, when a
 * mailbox is configured but cannot be polled yet (no 授权码 known), its name and why.
 */
export interface FoundSource {
  source: MailSource | null;
  blocked: { name: string; reason: string; details: string[] } | null;
}

/** The mailbox as far as it is known without its password ("imap://user@host/INBOX"). */
function mailboxName(mailbox: MailboxSettings, env: Env): string {
  const host = envValue(env, ENV.host) ?? mailbox.host?.trim() ?? '';
  const user = envValue(env, ENV.user) ?? mailbox.user?.trim() ?? '';
  const folder = envValue(env, ENV.folder) ?? mailbox.folders?.[0] ?? (mailbox.folder?.trim() || 'INBOX');
  return describeMailbox({ user, host, folder });
}

const MISSING_PASSWORD = {
  reason: '没有邮箱授权码，不能收信：请在「活动设置 → 收信邮箱」中填写授权码并保存',
  details: [
    '授权码保存在数据文件夹的 imap-password 中（只有本用户能读取），保存后下一次收信即可使用，不必重新启动控制台',
    `也可以在启动控制台时设置环境变量 ${ENV.password} 或 ${ENV.passwordFile}`,
  ],
};

/** A configured mailbox's settings, or why they cannot be used yet (no 授权码, a field missing). */
function mailboxOrBlocked(
  mailbox: MailboxSettings,
  env: Env,
): { settings: ImapSettings } | { blocked: NonNullable<FoundSource['blocked']> } {
  const name = mailboxName(mailbox, env);
  if (!imapPasswordGiven(env)) return { blocked: { name, ...MISSING_PASSWORD } };
  try {
    return { settings: resolveImapSettings(mailbox, env) };
  } catch (error) {
    if (!isHuizongError(error) || error.code !== 'CONFIG') throw error;
    return { blocked: { name, reason: `不能收信：${error.message}`, details: [...(error.details ?? [])] } };
  }
}

/** The console's source (`serve`): the folder when given, else the mailbox when configured; a mailbox without its 授权码 is named and said, not refused. */
export function consoleSource(context: CommandContext, mailboxDir: string | undefined, given: Env = process.env): FoundSource {
  if (mailboxDir !== undefined) return { source: { kind: 'folder', dir: resolve(mailboxDir) }, blocked: null };
  const env = withStoredPasswords(given, context.storeDir);
  const mailbox = context.campaign.file.mailbox;
  if (!mailboxConfigured(mailbox, env)) return { source: null, blocked: null };
  const found = mailboxOrBlocked(mailbox, env);
  return 'settings' in found
    ? { source: { kind: 'imap', settings: found.settings }, blocked: null }
    : { source: null, blocked: found.blocked };
}

export function warnAboutSettings(printer: Printer, env: Env = process.env): void {
  const shared = passwordFileIsShared(env);
  if (shared) printer.err(`提醒：密码文件 ${shared} 其他用户也能读取，建议运行 chmod 600 ${shared}`);
}

/** The active campaigns' configured mailboxes, with the 授权码 stored from the console as the default password. */
function configuredMailboxes(workspace: WorkspaceContext, given: Env): { mailboxes: MailboxSettings[]; env: Env } {
  const env = withStoredPasswords(given, workspace.storeDir);
  const mailboxes = workspace.campaigns
    .filter((place) => !place.workspace?.archived && mailboxConfigured(place.campaign.file.mailbox, env))
    .map((place) => place.campaign.file.mailbox);
  return { mailboxes, env };
}

/** One entry per distinct account (user, server, port): campaigns sharing a mailbox share its poll. */
function distinctAccounts(all: readonly ImapSettings[]): ImapSettings[] {
  const byAccount = new Map<string, ImapSettings>();
  for (const settings of all) {
    const account = [settings.user.toLowerCase(), settings.host.toLowerCase(), settings.port].join('\0');
    if (!byAccount.has(account)) byAccount.set(account, settings);
  }
  return [...byAccount.values()];
}

function sourceOfMailboxes(mailboxes: readonly ImapSettings[]): MailSource | null {
  if (mailboxes.length === 0) return null;
  return mailboxes.length === 1 ? { kind: 'imap', settings: mailboxes[0]! } : { kind: 'mailboxes', settings: [...mailboxes] };
}

/** The folder when given; else every active campaign's mailbox, one poll each; else none. */
export function workspaceSource(workspace: WorkspaceContext, mailboxDir: string | undefined, given: Env = process.env): MailSource | null {
  if (mailboxDir !== undefined) return { kind: 'folder', dir: resolve(mailboxDir) };
  const { mailboxes, env } = configuredMailboxes(workspace, given);
  return sourceOfMailboxes(distinctAccounts(mailboxes.map((mailbox) => resolveImapSettings(mailbox, env))));
}

/** The workspace console's source: the mailboxes that can be polled; the first that cannot yet (no 授权码) named and said. */
export function workspaceConsoleSource(workspace: WorkspaceContext, mailboxDir: string | undefined, given: Env = process.env): FoundSource {
  if (mailboxDir !== undefined) return { source: { kind: 'folder', dir: resolve(mailboxDir) }, blocked: null };
  const { mailboxes, env } = configuredMailboxes(workspace, given);
  const usable: ImapSettings[] = [];
  let blocked: FoundSource['blocked'] = null;
  for (const mailbox of mailboxes) {
    const found = mailboxOrBlocked(mailbox, env);
    if ('settings' in found) usable.push(found.settings);
    else blocked ??= found.blocked;
  }
  return { source: sourceOfMailboxes(distinctAccounts(usable)), blocked };
}

/** As workspaceSource, but a mailbox must be configured (`run --workspace`, `watch --workspace`). */
export function requiredWorkspaceSource(workspace: WorkspaceContext, mailboxDir: string | undefined, env: Env = process.env): MailSource {
  const source = workspaceSource(workspace, mailboxDir, env);
  if (source) return source;
  throw new HuizongError(
    'CONFIG',
    '没有邮件来源：工作区的 office.yaml 和各活动的 campaign.yaml 中都没有配置收信邮箱，也没有用 --mailbox-dir 指定存放 .eml 文件的文件夹',
    {
      details: [
        `在 ${workspace.workspace.dir}/office.yaml 的 mailbox: 中填写 host、user（或设置环境变量 HUIZONG_IMAP_HOST、HUIZONG_IMAP_USER），密码用环境变量 HUIZONG_IMAP_PASSWORD 或 HUIZONG_IMAP_PASSWORD_FILE 提供`,
        '或用 huizong run --workspace <工作区> --mailbox-dir <文件夹> 读取另存的 .eml 文件',
      ],
    },
  );
}

/** How the clerk would name a source: the mailbox(es), a folder, files. */
export function describeSource(source: MailSource): string {
  if (source.kind === 'imap') return describeMailbox(source.settings);
  if (source.kind === 'mailboxes') return source.settings.map(describeMailbox).join('、');
  return source.kind === 'folder' ? `文件夹 ${source.dir}` : `${source.files.length} 个文件`;
}

/** The size limit over which a message is not downloaded (for the lines naming such messages). */
export function maxMessageBytesOf(source: MailSource): number | null {
  if (source.kind === 'imap') return source.settings.maxMessageBytes;
  if (source.kind === 'mailboxes') return Math.min(...source.settings.map((settings) => settings.maxMessageBytes));
  return null;
}
