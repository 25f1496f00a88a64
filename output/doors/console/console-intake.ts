/**
 * The console's mail intake, as `watch` does it: on the campaign's schedule (and once at start),
 * plus whenever the clerk presses 立即收信. One poll at a time; a poll holds the data lock like
 * any CLI cycle. The source is the campaign's IMAP mailbox, or a folder of .eml files given with
 * --mailbox-dir (mail saved by hand, the demo). Each finished poll refreshes the console's state,
 * which tells open pages.
 */
import { join, resolve } from 'node:path';
import { listEmlFiles, storeFiles } from '../../../intake/folder-source.js';
import type { PollReport } from '../../../intake/imap/poll.js';
import { describeMailbox, type ImapSettings } from '../../../intake/imap/settings.js';
import { isHuizongError } from '../../../intake/kernel/errors.js';
import { formatBeijing } from '../../../intake/kernel/time.js';
import { acquireDataLock, type DataLock } from '../../../intake/store/data-lock.js';
import { RawStore } from '../../../intake/store/raw-store.js';
import type { Console } from '../lines.js';
import { runWatchLoop } from '../schedule/watch-loop.js';
import { remergeLocked, withDataLock } from './console-actions.js';
import type { ConsoleState } from './console-state.js';

export type MailSource = { kind: 'imap'; settings: ImapSettings } | { kind: 'folder'; dir: string };

export interface IntakeStatus {
  /** How the clerk would name the source ("imap.163.com 上的 mishuke@163.com 收件箱", a folder), or null: none configured. */
  source: string | null;
  running: boolean;
  lastPollAt: string | null;
  /** The poll's one-line summary, as watch prints it. */
  lastLine: string | null;
  lastFailed: boolean;
  nextPollAt: string | null;
  /** Why the schedule is not run by this console (another watch holds the folder), if so. */
  scheduleNote: string | null;
}

const FAILURE_REASON = (error: unknown) =>
  isHuizongError(error) ? error.message : `程序内部错误：${(error as Error).message ?? String(error)}`;

export class ConsoleIntake {
  readonly status: IntakeStatus;
  private running: Promise<void> | null = null;
  private readonly stop = new AbortController();
  private loop: Promise<void> | null = null;
  private watchLock: DataLock | null = null;

  constructor(
    private readonly state: ConsoleState,
    private readonly source: MailSource | null,
    private readonly log: Console,
    /** The one-line summary of a mailbox poll, as `watch` prints it (the CLI's wording, passed in). */
    private readonly describePoll: (report: PollReport, started: Date, durationMs: number) => string,
  ) {
    this.status = {
      source: source === null ? null : source.kind === 'imap' ? describeMailbox(source.settings) : `文件夹 ${source.dir}`,
      running: false,
      lastPollAt: null,
      lastLine: null,
      lastFailed: false,
      nextPollAt: null,
      scheduleNote: null,
    };
  }

  /** Starts the schedule (one watch per data folder: if a `huizong watch` runs, it keeps polling and the console only polls by hand). */
  async start(schedule: string): Promise<void> {
    if (this.source === null) return;
    try {
      this.watchLock = await acquireDataLock(join(this.state.currentContext.dataDir, 'watch'), { command: 'serve' });
    } catch (error) {
      if (!isHuizongError(error) || error.code !== 'LOCKED') throw error;
      this.status.scheduleNote = '另有 huizong watch 正在定时收信，控制台只在按“立即收信”时收信';
      this.log.err(this.status.scheduleNote);
      return;
    }
    this.loop = runWatchLoop({
      schedule,
      signal: this.stop.signal,
      cycle: () => this.poll(0),
      onCycleError: (error) => this.log.err(`${formatBeijing(new Date())} 收信失败：${FAILURE_REASON(error)}`),
      onScheduled: (next) => {
        this.status.nextPollAt = next ? next.toISOString() : null;
      },
    });
  }

  /** 立即收信: starts a poll unless one is running; returns at once (the page hears when it is done). */
  pollNow(): 'started' | 'running' | 'no-source' {
    if (this.source === null) return 'no-source';
    if (this.running) return 'running';
    void this.poll(120_000);
    return 'started';
  }

  /** Resolves when the poll in progress (if any) has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  private poll(lockWaitMs: number): Promise<void> {
    if (this.running) return this.running;
    this.status.running = true;
    const started = new Date();
    this.running = this.pollOnce(lockWaitMs, started)
      .then((line) => {
        this.status.lastLine = line;
        this.status.lastFailed = false;
      })
      .catch((error: unknown) => {
        this.status.lastLine = `${formatBeijing(started)} 收信失败：${FAILURE_REASON(error)}`;
        this.status.lastFailed = true;
      })
      .then(async () => {
        this.status.lastPollAt = started.toISOString();
        this.status.running = false;
        this.running = null;
        this.log.out(this.status.lastLine!);
        // Pages learn of the new mail (or of the failure) through the next snapshot.
        await this.state.current().catch(() => {});
        this.state.touch();
      });
    return this.running;
  }

  private async pollOnce(lockWaitMs: number, started: Date): Promise<string> {
    const source = this.source!;
    const quiet: Console = { out: () => {}, err: (line) => this.log.err(line) };
    if (source.kind === 'imap') {
      const { runIntakeCycle } = await import('../schedule/intake-cycle.js');
      const context = await this.state.loadContext();
      const { report } = await runIntakeCycle({
        context,
        settings: source.settings,
        console: quiet,
        lockCommand: 'serve',
        lockWaitMs,
        signal: this.stop.signal,
        // Taken over while the lock is still held: pages never see outputs newer than their data.
        onRebuilt: (rebuilt) =>
          void this.state.adopt({
            context,
            result: rebuilt.state.result,
            decisions: rebuilt.state.decisions,
            messages: rebuilt.state.messages,
          }),
      });
      return this.describePoll(report, started, Date.now() - started.getTime());
    }
    return withDataLock(this.state.currentContext.dataDir, async () => {
      const context = await this.state.loadContext();
      const intake = await storeFiles(new RawStore(context.dataDir), await listEmlFiles(resolve(source.dir)), 'folder');
      // Mail from a folder dates itself: 数据截至 is the latest receipt among the stored messages (as-of.ts).
      await remergeLocked(this.state);
      const failed = intake.failed.length > 0 ? `，读取失败 ${intake.failed.length} 封` : '';
      return `${formatBeijing(started)} 收信：读取 ${intake.seen} 封，新存入 ${intake.stored} 封，已存过 ${intake.duplicates} 封${failed}`;
    });
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.loop;
    await this.running;
    await this.watchLock?.release();
  }
}
