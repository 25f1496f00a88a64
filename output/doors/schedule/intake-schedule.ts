/**
 * The one intake schedule of `watch` and `serve`: a cycle at start and on every tick of the
 * campaign's schedule (watch-loop.ts; a workspace's: office.yaml's, every campaign at once), plus one whenever the clerk presses 立即收信; never two at
 * once, one schedule per store (a second `watch`, or a `serve` beside a `watch`, only polls by
 * hand). Every cycle is the same (cycle.ts: intake, rebuild, notify), and says the same lines:
 * the cycle's one line on standard output, what needs attention on standard error. A failed
 * cycle is a line; the next one retries.
 */
import { join } from 'node:path';
import { isHuizongError } from '../../../intake/kernel/errors.js';
import { formatBeijing } from '../../../intake/kernel/time.js';
import { acquireDataLock, type DataLock } from '../../../intake/store/data-lock.js';
import type { CommandContext } from '../../runner/context.js';
import type { RunOutcome } from '../../runner/runner.js';
import type { StageEvent } from '../../runner/stage-events.js';
import type { MailSource } from '../../runner/stages/intake.js';
import type { WorkspaceContext } from '../../runner/workspace-context.js';
import { explainError } from '../explain-error.js';
import type { Printer } from '../printer.js';
import { LOCK_WAIT_MS } from '../store-lock.js';
import { type CycleOutcome, runCycle, runWorkspaceCycle } from './cycle.js';
import { intakeLine, oversizeLines, progressPrinter } from './cycle-lines.js';
import { describeSource, type FoundSource, maxMessageBytesOf } from './mail-source.js';
import { runWatchLoop } from './watch-loop.js';

export interface ScheduleStatus {
  /** How the clerk would name the source ("imap.163.com 上的 mishuke@163.com 收件箱", a folder), or null: none. */
  source: string | null;
  running: boolean;
  lastPollAt: string | null;
  /** The last cycle's line, as printed. */
  lastLine: string | null;
  lastFailed: boolean;
  nextPollAt: string | null;
  /** Why the schedule is not run here (another watch holds the store), if so. */
  scheduleNote: string | null;
  /** Why the configured mailbox cannot be polled yet (no 授权码), in Chinese; null when it can. */
  blocked: string | null;
}

export interface ScheduleOptions {
  /** The context of each cycle (the console reads the campaign folder anew each time). One of `context` and `workspace`. */
  context?: () => Promise<CommandContext>;
  /** A workspace's cycles: every active campaign at once, read anew each time. */
  workspace?: () => Promise<WorkspaceContext>;
  source: MailSource | null;
  /** The console's: the source found anew for each cycle and each 立即收信 (see FoundSource); overrides `source`. */
  findSource?: () => FoundSource;
  /** What the locks show to others: "watch", "serve". */
  command: string;
  printer: Printer;
  /** Under the data lock, with what a cycle made (the console adopts its new state). */
  settle?: (outcome: CycleOutcome, context: CommandContext) => Promise<void> | void;
  /** The same for a workspace's cycle: every campaign's run. */
  settleWorkspace?: (outcome: RunOutcome, workspace: WorkspaceContext) => Promise<void> | void;
  /** After each cycle, the lock released (the console tells its open pages). */
  afterCycle?: () => Promise<void>;
}

function sourceName(source: MailSource | null): string | null {
  return source === null ? null : describeSource(source);
}

/** What the outputs did, after the intake's line; in a workspace, which campaigns were rebuilt. */
function outputsNote(outcome: RunOutcome, workspace: boolean): string {
  if (outcome.stopped) return '，未更新汇总表';
  const rebuilt = outcome.campaigns.filter((run) => run.unchanged === null);
  if (rebuilt.length === 0) return '，没有变化，汇总表和公文未重写';
  return workspace ? `，已更新：${rebuilt.map((run) => run.place.workspace?.name ?? run.place.campaign.file.title).join('、')}` : '';
}

export class IntakeSchedule {
  readonly status: ScheduleStatus;
  /** Whether there was a mailbox or folder to poll at start (one that could not be polled yet counts: its cycles say why). */
  readonly polls: boolean;
  private running: Promise<void> | null = null;
  private readonly stop = new AbortController();
  private loop: Promise<void> | null = null;
  private scheduleLock: DataLock | null = null;
  /** The last failure's line: its hints are worth reading once, not every ten minutes. */
  private lastFailure = '';
  /** The source of the cycle in progress (the console finds it anew for each). */
  private cycleSource: MailSource | null;

  constructor(private readonly options: ScheduleOptions) {
    this.cycleSource = options.source;
    this.status = {
      source: sourceName(options.source),
      running: false,
      lastPollAt: null,
      lastLine: null,
      lastFailed: false,
      nextPollAt: null,
      scheduleNote: null,
      blocked: null,
    };
    if (options.findSource) this.currentSource();
    this.polls = this.status.source !== null;
  }

  /** The source now, the status naming it (or saying why the configured mailbox cannot be polled yet): after 活动设置 saved the mailbox. */
  currentSource(): MailSource | null {
    if (!this.options.findSource) return this.options.source;
    const found = this.options.findSource();
    this.status.source = found.source ? describeSource(found.source) : (found.blocked?.name ?? null);
    this.status.blocked = found.source ? null : (found.blocked?.reason ?? null);
    return found.source;
  }

  /** The blocked mailbox's hints, under its reason. */
  private blockedDetails(): string[] {
    return this.options.findSource?.().blocked?.details ?? [];
  }

  /**
   * Takes the schedule of the store in `storeDir` (one per store). Null when taken; else why not
   * (another process runs it), and this schedule only polls by hand.
   */
  async claim(storeDir: string): Promise<string | null> {
    try {
      this.scheduleLock = await acquireDataLock(join(storeDir, 'watch'), { command: this.options.command });
      return null;
    } catch (error) {
      if (!isHuizongError(error) || error.code !== 'LOCKED') throw error;
      return error.message;
    }
  }

  /** Once claimed: a cycle now, then one per tick of `schedule`, until `close`. */
  start(schedule: string): void {
    if (!this.polls || this.scheduleLock === null) return;
    const { printer } = this.options;
    this.loop = runWatchLoop({
      schedule,
      signal: this.stop.signal,
      cycle: () => this.poll(0),
      onCycleError: (error) => printer.out(`${formatBeijing(new Date())} 收信失败：${explainError(error).message}（下一轮自动重试）`),
      onOverlap: () => printer.err(`${formatBeijing(new Date())} 上一轮还没有结束，本轮跳过`),
      onScheduled: (next) => {
        this.status.nextPollAt = next ? next.toISOString() : null;
        if (next) printer.err(`下一次收信：${formatBeijing(next)}`);
      },
    });
  }

  /** 立即收信: starts a cycle unless one is running; returns at once. */
  pollNow(): 'started' | 'running' | 'no-source' | 'blocked' {
    if (this.running) return 'running';
    if (this.currentSource() === null) return this.status.blocked ? 'blocked' : 'no-source';
    void this.poll(LOCK_WAIT_MS);
    return 'started';
  }

  /** Resolves when the cycle in progress (if any) has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** No new cycle starts; the running one stops after its current step; the schedule is released. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.loop;
    await this.running;
    await this.scheduleLock?.release();
  }

  private poll(lockWaitMs: number): Promise<void> {
    if (this.running) return this.running;
    this.status.running = true;
    const started = new Date();
    this.running = this.cycle(started, lockWaitMs).then(async () => {
      this.status.lastPollAt = started.toISOString();
      this.status.running = false;
      this.running = null;
      await this.options.afterCycle?.();
    });
    return this.running;
  }

  private async cycle(started: Date, lockWaitMs: number): Promise<void> {
    const { printer } = this.options;
    try {
      const source = this.currentSource();
      this.cycleSource = source;
      // A mailbox without its 授权码: said once (and on 总览), not every tick, until it is saved.
      if (source === null) return this.unpolled(started);
      const request = {
        source,
        lock: { command: this.options.command, waitMs: lockWaitMs },
        printer,
        notify: true,
        signal: this.stop.signal,
        events: {
          onIntakeProgress: progressPrinter((line) => printer.err(line)),
          onStage: (event: StageEvent) => this.oversize(event),
          onNotice: (line: string) => printer.out(`${formatBeijing(new Date())} ${line}`),
        },
      };
      const { workspace, settleWorkspace, settle } = this.options;
      const outcome: RunOutcome = workspace
        ? await runWorkspaceCycle({ ...request, workspace: await workspace(), ...(settleWorkspace ? { settle: settleWorkspace } : {}) })
        : await runCycle({ ...request, context: await this.options.context!(), ...(settle ? { settle } : {}) });
      this.said(
        `${intakeLine(outcome.intake!, started, Date.now() - started.getTime())}${outputsNote(outcome, workspace !== undefined)}`,
        false,
      );
      this.lastFailure = '';
    } catch (error) {
      const explained = explainError(error);
      if (isHuizongError(error) && error.code === 'LOCKED')
        return this.said(`${formatBeijing(started)} 本轮跳过：${explained.message}`, false);
      this.said(`${formatBeijing(started)} 收信失败：${explained.message}（下一轮自动重试）`, true);
      if (explained.message !== this.lastFailure) for (const detail of explained.details) printer.err(`  ${detail}`);
      this.lastFailure = explained.message;
    }
  }

  /** No source this cycle: why, printed when it changed. */
  private unpolled(started: Date): void {
    const reason = this.status.blocked ?? '没有配置收信邮箱，不能收信';
    const line = `${formatBeijing(started)} ${reason}`;
    this.status.lastLine = line;
    this.status.lastFailed = true;
    if (reason === this.lastFailure) return;
    this.options.printer.out(line);
    for (const detail of this.blockedDetails()) this.options.printer.err(`  ${detail}`);
    this.lastFailure = reason;
  }

  private oversize(event: StageEvent): void {
    if (event.stage !== 'intake' || event.phase !== 'done' || event.output.kind !== 'imap' || !this.cycleSource) return;
    const limit = maxMessageBytesOf(this.cycleSource);
    if (limit !== null) for (const line of oversizeLines(event.output.report, limit)) this.options.printer.err(line);
  }

  private said(line: string, failed: boolean): void {
    this.status.lastLine = line;
    this.status.lastFailed = failed;
    this.options.printer.out(line);
  }
}
