/**
 * One cycle: hold the data folder, take in new mail from the mailbox, rebuild every output.
 * `run` does one by hand (waiting for a scheduled cycle that holds the folder); `watch` does one
 * at start and then on its schedule.
 */

import type { PollProgress, PollReport } from '../../../intake/imap/poll.js';
import { type ImapSettings, mailboxConfigured, passwordFileIsShared, resolveImapSettings } from '../../../intake/imap/settings.js';
import { takeInFromMailbox } from '../../../intake/imap/take-in.js';
import { HuizongError } from '../../../intake/kernel/errors.js';
import { acquireDataLock } from '../../../intake/store/data-lock.js';
import type { CommandContext } from '../context.js';
import type { Console } from '../lines.js';
import { type Rebuilt, rebuildOutputs } from '../rebuild-outputs.js';

export interface CycleOptions {
  context: CommandContext;
  settings: ImapSettings;
  /** Warnings (waiting for the data lock) go to its err(). */
  console: Console;
  /** What the lock shows to others ("run", "watch"), and how long to wait for another holder. */
  lockCommand: string;
  lockWaitMs: number;
  /** Stop after the step in progress; the outputs are then not rebuilt this cycle. */
  signal?: AbortSignal;
  /** Progress of a long first poll. */
  onProgress?: (progress: PollProgress) => void;
  /** Called when the mailbox has been read, before the outputs are rebuilt. */
  onPolled?: (report: PollReport) => void;
  /** Called with the rebuilt outputs, before the data lock is released. */
  onRebuilt?: (rebuilt: Rebuilt) => void;
  /** Awaited after the rebuild, still under the data lock (watch sends receipts here). */
  afterRebuilt?: (rebuilt: Rebuilt) => Promise<void>;
}

export interface CycleResult {
  report: PollReport;
  /** Null when the cycle was told to stop before the outputs were rebuilt. */
  rebuilt: Rebuilt | null;
  /** 2 when a document's template is wrong (see Rebuilt), else 0. */
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
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    options.onPolled?.(report);
    if (options.signal?.aborted) return { report, rebuilt: null, exitCode: 0 };
    const rebuilt = await rebuildOutputs(context);
    options.onRebuilt?.(rebuilt);
    if (options.afterRebuilt) await options.afterRebuilt(rebuilt);
    return { report, rebuilt, exitCode: rebuilt.exitCode };
  } finally {
    await lock.release();
  }
}
