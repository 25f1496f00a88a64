/**
 * The scheduling shell of `huizong watch`: one cycle at start, then one per tick of the cron
 * schedule (node-cron, in Beijing time), never two at once, until the stop signal. A cycle that
 * throws is reported and the loop goes on: the next tick retries. On stop, no new cycle starts,
 * the running one is told to stop after its current step (the same signal), and the loop
 * returns once it has — nothing is left scheduled, so the process can end.
 */
import cron, { type ScheduledTask } from 'node-cron';

export const SCHEDULE_TIMEZONE = 'Asia/Shanghai';

export interface WatchLoopOptions {
  /** Cron expression (5 fields, or 6 with seconds). Validate with `validSchedule` first. */
  schedule: string;
  /** One cycle. Should not throw; if it does, `onCycleError` hears of it. */
  cycle: (signal: AbortSignal) => Promise<void>;
  onCycleError: (error: unknown) => void;
  /** Told when a tick finds the previous cycle still running. */
  onOverlap?: () => void;
  /** Called once the schedule is running, with the next planned cycle. */
  onScheduled?: (next: Date | null) => void;
  /** Aborting it stops the loop (Ctrl-C, SIGTERM). */
  signal: AbortSignal;
}

export function validSchedule(expression: string): boolean {
  return cron.validate(expression);
}

/** What `watch` refuses and `check` reports for a schedule node-cron cannot read, in Chinese. */
export const SCHEDULE_EXAMPLES = '例如 "*/10 * * * *"（每 10 分钟）、"0 8-18 * * 1-5"（工作日 8 点到 18 点每小时整点）';

export function scheduleMistake(expression: string): string {
  return `campaign.yaml 中 schedule「${expression}」不是有效的 cron 表达式（5 项：分 时 日 月 星期）`;
}

/** node-cron prints to the console unless given a logger; ours keeps only what matters. */
const quietLogger = {
  info: () => {},
  debug: () => {},
  warn: () => {},
  error: (message: string | Error) => process.stderr.write(`定时任务出错：${message instanceof Error ? message.message : message}\n`),
};

export async function runWatchLoop(options: WatchLoopOptions): Promise<void> {
  const { signal } = options;
  let running: Promise<void> | null = null;

  const runCycle = async (): Promise<void> => {
    if (signal.aborted) return;
    if (running) {
      options.onOverlap?.();
      return;
    }
    running = options.cycle(signal).catch((error: unknown) => options.onCycleError(error));
    try {
      await running;
    } finally {
      running = null;
    }
  };

  await runCycle();
  let task: ScheduledTask | null = null;
  if (!signal.aborted) {
    task = cron.schedule(options.schedule, runCycle, {
      timezone: SCHEDULE_TIMEZONE,
      noOverlap: true,
      name: 'huizong-watch',
      logger: quietLogger,
    });
    task.on('execution:overlap', () => options.onOverlap?.());
    options.onScheduled?.(task.getNextRun());
  }
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await task?.destroy();
  if (running) await running;
}
