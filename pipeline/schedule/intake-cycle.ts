/**
 * One cycle: hold the data folder, take in new mail from the mailbox, rebuild every output.
 * `run` does one by hand (waiting for a scheduled cycle that holds the folder); `watch` does one
 * at start and then on its schedule.
 */
import { acquireDataLock } from '../../intake/store/data-lock.js';
import { mailboxConfigured, passwordFileIsShared, resolveImapSettings, type ImapSettings } from '../../intake/imap/settings.js';
import type { PollReport } from '../../intake/imap/poll.js';
import { oversizeLines, pollLine, progressPrinter } from '../../intake/imap/poll-summary.js';
import { takeInFromMailbox } from '../../intake/imap/take-in.js';
import { HuizongError } from '../errors.js';
import type { CommandContext } from '../cli/context.js';
import { rebuildOutputs } from '../cli/commands/merge.js';
import type { Console } from '../cli/terminal.js';

export interface CycleOptions {
  context: CommandContext;
  settings: ImapSettings;
  /** Progress and warnings go to its err(). */
  console: Console;
  /** Where the rebuilt outputs' summary goes (watch keeps it quiet). */
  outputConsole: Console;
  /** What the lock shows to others ("run", "watch"), and how long to wait for another holder. */
  lockCommand: string;
  lockWaitMs: number;
  /** Stop after the step in progress; the outputs are then not rebuilt this cycle. */
  signal?: AbortSignal;
  /** Called when the mailbox has been read, before the outputs are rebuilt. */
  onPolled?: (report: PollReport) => void;
}

export interface CycleResult {
  report: PollReport;
  rebuilt: boolean;
  /** 2 when a document's template is wrong (see rebuildOutputs), else 0. */
  exitCode: number;
}

/** The settings, or the Chinese reason there is no mail source at all. */
export function mailboxSettingsFor(context: CommandContext, env: Readonly<Record<string, string | undefined>> = process.env): ImapSettings {
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

export function warnAboutSettings(console: Console, env: Readonly<Record<string, string | undefined>> = process.env): void {
  const shared = passwordFileIsShared(env);
  if (shared) console.err(`提醒：密码文件 ${shared} 其他用户也能读取，建议运行 chmod 600 ${shared}`);
}

export async function runIntakeCycle(options: CycleOptions): Promise<CycleResult> {
  const { context, console } = options;
  const lock = await acquireDataLock(context.dataDir, {
    command: options.lockCommand,
    waitMs: options.lockWaitMs,
    onWait: (owner) => console.err(`另一个 huizong 进程（进程号 ${owner.pid}，${owner.command}）正在使用数据文件夹，等待其结束……`),
  });
  try {
    const report = await takeInFromMailbox({
      campaign: context.campaign,
      dataDir: context.dataDir,
      settings: options.settings,
      onProgress: progressPrinter((line) => console.err(line)),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    for (const line of oversizeLines(report, options.settings.maxMessageBytes)) console.err(line);
    options.onPolled?.(report);
    if (options.signal?.aborted) return { report, rebuilt: false, exitCode: 0 };
    const exitCode = await rebuildOutputs(context, options.outputConsole);
    return { report, rebuilt: true, exitCode };
  } finally {
    await lock.release();
  }
}

/** `huizong run` without --mailbox-dir. */
export async function runFromMailbox(context: CommandContext, console: Console, lockWaitMs: number): Promise<number> {
  const settings = mailboxSettingsFor(context);
  warnAboutSettings(console);
  const cycle = await runIntakeCycle({
    context,
    settings,
    console,
    outputConsole: console,
    lockCommand: 'run',
    lockWaitMs,
    onPolled: (report) => console.out(pollLine(report, report.openedAt)),
  });
  return cycle.exitCode;
}
