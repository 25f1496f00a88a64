/**
 * `huizong watch`: read the mailbox on the campaign's schedule and keep the outputs current,
 * until Ctrl-C or SIGTERM: the intake schedule of `serve`, without the pages. Every cycle writes
 * one line; a failed cycle says why and the next one retries.
 */
import { HuizongError } from '../../../../intake/kernel/errors.js';
import type { CommandContext } from '../../../runner/context.js';
import type { Printer } from '../../printer.js';
import { IntakeSchedule } from '../../schedule/intake-schedule.js';
import { mailboxSettingsFor, requiredWorkspaceSource, warnAboutSettings } from '../../schedule/mail-source.js';
import { SCHEDULE_EXAMPLES, scheduleMistake, validSchedule } from '../../schedule/watch-loop.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { resolveTarget, type Target, WORKSPACE_OPTION } from '../workspace-target.js';

export const watchHelp = `用法：huizong watch [--campaign 文件夹] [--data 文件夹] [--out 文件夹]
      huizong watch --workspace 工作区

按 campaign.yaml 中 schedule 的时间（北京时间，cron 格式，默认每 10 分钟）定时收信，
每次收信后重新生成汇总表和公文；启动时立即收一次。每一轮输出一行记录。
某一轮失败（服务器连不上、密码错误、网络中断）只记录原因，下一轮自动重试。
按 Ctrl-C（或发送 SIGTERM）在当前步骤完成后结束。
加 --workspace 时按 office.yaml 中的 schedule 定时收信：每个邮箱每轮只收一次，供工作区中所有进行中的活动使用，
每个活动各自更新汇总表和公文、各自按 notify: 发回执和催报。`;

/**
 * Resolves at the first SIGINT or SIGTERM (the current step then finishes); a second one means
 * it: the signal's default action ends the process.
 */
function stopRequested(printer: Printer): { stopped: Promise<void>; dispose(): void } {
  let resolveStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStop = resolve;
  });
  let asked = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!asked) {
      asked = true;
      printer.err('收到结束信号，当前步骤完成后结束……（再按一次 Ctrl-C 立即退出）');
      resolveStop();
      return;
    }
    dispose();
    process.kill(process.pid, signal);
  };
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { stopped, dispose };
}

export async function watchCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs('watch', argv, { ...COMMON_OPTIONS, ...WORKSPACE_OPTION }, false);
  if (values.help) {
    printer.out(watchHelp);
    return 0;
  }
  const target = await resolveTarget(values);
  const { schedule, expression, storeDir } =
    target.kind === 'campaign' ? campaignSchedule(target.context, printer) : workspaceSchedule(target, printer);
  if (!validSchedule(expression)) throw new HuizongError('CONFIG', scheduleMistake(expression), { details: [SCHEDULE_EXAMPLES] });
  warnAboutSettings(printer);

  // One schedule per store; cycles and manual runs share the data lock.
  const heldBy = await schedule.claim(storeDir);
  if (heldBy !== null) throw new HuizongError('LOCKED', '这个数据文件夹已有一个 huizong watch 在运行', { details: [heldBy] });
  const stop = stopRequested(printer);
  try {
    printer.out(`开始定时收信：${schedule.status.source}，时间表「${expression}」（北京时间），按 Ctrl-C 结束`);
    schedule.start(expression);
    await stop.stopped;
  } finally {
    await schedule.close();
    stop.dispose();
  }
  printer.out('已停止定时收信');
  return 0;
}

interface Watched {
  schedule: IntakeSchedule;
  expression: string;
  storeDir: string;
}

function campaignSchedule(context: CommandContext, printer: Printer): Watched {
  const settings = mailboxSettingsFor(context);
  const schedule = new IntakeSchedule({ context: async () => context, source: { kind: 'imap', settings }, command: 'watch', printer });
  return { schedule, expression: context.campaign.file.schedule, storeDir: context.storeDir };
}

/** Every active campaign of the workspace, one poll per mailbox, on office.yaml's schedule; the folder read anew each cycle. */
function workspaceSchedule(target: Extract<Target, { kind: 'workspace' }>, printer: Printer): Watched {
  const { workspace } = target;
  const source = requiredWorkspaceSource(workspace, undefined);
  const schedule = new IntakeSchedule({
    workspace: async () => {
      const { resolveWorkspace } = await import('../../../runner/workspace-context.js');
      return resolveWorkspace(workspace.workspace.dir);
    },
    source,
    command: 'watch',
    printer,
  });
  return { schedule, expression: workspace.workspace.office.schedule, storeDir: workspace.storeDir };
}
