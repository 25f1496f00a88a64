/**
 * Where a door's mail comes from: a folder of .eml files given with --mailbox-dir, else the
 * mailbox of campaign.yaml (with the HUIZONG_IMAP_* variables), else none. For a workspace: the
 * office's mailbox (office.yaml, or the variables alone), and any other a campaign writes in its
 * own campaign.yaml — one poll per mailbox, never two on one cursor.
 */
import { resolve } from 'node:path';
import {
  describeMailbox,
  type ImapSettings,
  mailboxConfigured,
  passwordFileIsShared,
  resolveImapSettings,
} from '../../../intake/imap/settings.js';
import { HuizongError } from '../../../intake/kernel/errors.js';
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

/** The folder when given; else the mailbox when configured; else none (`serve` runs without one). */
export function optionalSource(context: CommandContext, mailboxDir: string | undefined, env: Env = process.env): MailSource | null {
  if (mailboxDir !== undefined) return { kind: 'folder', dir: resolve(mailboxDir) };
  if (!mailboxConfigured(context.campaign.file.mailbox, env)) return null;
  return { kind: 'imap', settings: mailboxSettingsFor(context, env) };
}

export function warnAboutSettings(printer: Printer, env: Env = process.env): void {
  const shared = passwordFileIsShared(env);
  if (shared) printer.err(`提醒：密码文件 ${shared} 其他用户也能读取，建议运行 chmod 600 ${shared}`);
}

/** One entry per distinct account (user, server, port): campaigns sharing a mailbox share its poll. */
function mailboxesOf(workspace: WorkspaceContext, env: Env): ImapSettings[] {
  const byAccount = new Map<string, ImapSettings>();
  for (const place of workspace.campaigns) {
    if (place.workspace?.archived || !mailboxConfigured(place.campaign.file.mailbox, env)) continue;
    const settings = resolveImapSettings(place.campaign.file.mailbox, env);
    const account = [settings.user.toLowerCase(), settings.host.toLowerCase(), settings.port].join('\0');
    if (!byAccount.has(account)) byAccount.set(account, settings);
  }
  return [...byAccount.values()];
}

/** The folder when given; else every active campaign's mailbox, one poll each; else none. */
export function workspaceSource(workspace: WorkspaceContext, mailboxDir: string | undefined, env: Env = process.env): MailSource | null {
  if (mailboxDir !== undefined) return { kind: 'folder', dir: resolve(mailboxDir) };
  const mailboxes = mailboxesOf(workspace, env);
  if (mailboxes.length === 0) return null;
  return mailboxes.length === 1 ? { kind: 'imap', settings: mailboxes[0]! } : { kind: 'mailboxes', settings: mailboxes };
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
