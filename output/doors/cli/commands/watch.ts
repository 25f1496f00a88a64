/**
 * `huizong watch`: read the mailbox on the campaign's schedule and keep the outputs current,
 * until Ctrl-C or SIGTERM. Every cycle writes one line; a failed cycle says why and the next
 * one retries.
 */
import { join } from 'node:path';
import { describeMailbox } from '../../../../intake/imap/settings.js';
import { HuizongError, isHuizongError } from '../../../../intake/kernel/errors.js';
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { acquireDataLock } from '../../../../intake/store/data-lock.js';
import { mailAfterPoll } from '../../../mail/after-poll.js';
import { resolveContext } from '../../context.js';
import type { Console } from '../../lines.js';
import { mailboxSettingsFor, runIntakeCycle, warnAboutSettings } from '../../schedule/intake-cycle.js';
import { runWatchLoop, SCHEDULE_EXAMPLES, scheduleMistake, validSchedule } from '../../schedule/watch-loop.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { oversizeLines, pollLine, progressPrinter } from '../poll-summary.js';

export const watchHelp = `用法：huizong watch [--campaign 文件夹] [--data 文件夹] [--out 文件夹]

按 campaign.yaml 中 schedule 的时间（北京时间，cron 格式，默认每 10 分钟）定时收信，
每次收信后重新生成汇总表和公文；启动时立即收一次。每一轮输出一行记录。
某一轮失败（服务器连不上、密码错误、网络中断）只记录原因，下一轮自动重试。
按 Ctrl-C（或发送 SIGTERM）在当前步骤完成后结束。`;

function reasonOf(error: unknown): { line: string; details: readonly string[] } {
  if (isHuizongError(error)) return { line: error.message, details: error.details };
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOSPC' ? '磁盘空间不足' : code === 'EACCES' || code === 'EPERM' ? '没有读写权限' : '程序内部错误';
  return { line: `${reason}：${(error as Error).message ?? String(error)}`, details: [] };
}

export async function watchCommand(argv: readonly string[], console: Console): Promise<number> {
  const { values } = parseCommandArgs('watch', argv, COMMON_OPTIONS, false);
  if (values.help) {
    console.out(watchHelp);
    return 0;
  }
  const context = await resolveContext(values);
  const settings = mailboxSettingsFor(context);
  const schedule = context.campaign.file.schedule;
  if (!validSchedule(schedule)) {
    throw new HuizongError('CONFIG', scheduleMistake(schedule), { details: [SCHEDULE_EXAMPLES] });
  }
  warnAboutSettings(console);

  // One watch per data folder; cycles and manual runs share the data lock below.
  let watchLock: Awaited<ReturnType<typeof acquireDataLock>>;
  try {
    watchLock = await acquireDataLock(join(context.dataDir, 'watch'), { command: 'watch' });
  } catch (error) {
    if (isHuizongError(error) && error.code === 'LOCKED') {
      throw new HuizongError('LOCKED', '这个数据文件夹已有一个 huizong watch 在运行', { details: [error.message] });
    }
    throw error;
  }

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) {
      console.err('收到结束信号，当前步骤完成后结束……（再按一次 Ctrl-C 立即退出）');
      stop.abort();
      return;
    }
    // Asked twice: the person means it. Let the signal's default action end the process.
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let lastFailure = '';

  try {
    console.out(`开始定时收信：${describeMailbox(settings)}，时间表「${schedule}」（北京时间），按 Ctrl-C 结束`);
    await runWatchLoop({
      schedule,
      signal: stop.signal,
      cycle: async (signal) => {
        const started = new Date();
        try {
          const { report, rebuilt } = await runIntakeCycle({
            context,
            settings,
            console,
            lockCommand: 'watch',
            lockWaitMs: 0,
            signal,
            onProgress: progressPrinter((line) => console.err(line)),
            onPolled: (polled) => {
              for (const line of oversizeLines(polled, settings.maxMessageBytes)) console.err(line);
            },
            // Receipts, reminders and the clerk's copy, as notify: in campaign.yaml says (off by default).
            afterRebuilt: (rebuilt) =>
              mailAfterPoll({
                context,
                state: rebuilt.state,
                files: rebuilt.written.files,
                log: (line) => console.out(`${formatBeijing(new Date())} ${line}`),
              }),
          });
          const outputs = rebuilt === null ? '，未更新汇总表' : rebuilt.unchanged ? '，没有变化，汇总表和公文未重写' : '';
          console.out(`${pollLine(report, started, Date.now() - started.getTime())}${outputs}`);
          lastFailure = '';
        } catch (error) {
          const { line, details } = reasonOf(error);
          if (isHuizongError(error) && error.code === 'LOCKED') {
            console.out(`${formatBeijing(started)} 本轮跳过：${line}`);
            return;
          }
          console.out(`${formatBeijing(started)} 收信失败：${line}（下一轮自动重试）`);
          // The hints are worth reading once, not every ten minutes.
          if (line !== lastFailure) for (const detail of details) console.err(`  ${detail}`);
          lastFailure = line;
        }
      },
      onCycleError: (error) => console.out(`${formatBeijing(new Date())} 收信失败：${reasonOf(error).line}（下一轮自动重试）`),
      onOverlap: () => console.err(`${formatBeijing(new Date())} 上一轮还没有结束，本轮跳过`),
      onScheduled: (next) => {
        if (next) console.err(`下一次收信：${formatBeijing(next)}`);
      },
    });
    console.out('已停止定时收信');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await watchLock.release();
  }
  return 0;
}
