/**
 * The child processes that analyse stored messages, each under a budget it cannot escape: its
 * memory bounded as a whole (bounded-child.ts: heap and address space) and a watchdog timer per
 * file. Whatever a file does to a child — runs it out of memory, past its time, into a V8 fatal
 * error, any signal or exit code — ends that child only: it is replaced, and its task comes back
 * as an overrun naming the file it was reading (the child says before each file), for the caller
 * to decide what to try next (load-stored.ts). One file can therefore never take the run down.
 *
 * The children live as long as the pool and take one task after another: start-up and module
 * loading are paid once per child, not per message.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { WorkerReply, WorkerSetup, WorkerTask } from './analyze-worker.js';
import { addressSpaceFor, deathCause, killBoundedChild, startBoundedChild } from './bounded-child.js';
import type { MessageFacts, Overrun } from './facts.js';
import type { AnalysisBudget } from './overrun.js';

/** Time a task may take before its first file: starting a child, parsing a large mail. */
const MESSAGE_BACKSTOP_MS = 120_000;
/** A child that dies before it has loaded is this machine's trouble, not the message's: tried again this often. */
const START_ATTEMPTS = 3;

const WORKER_SCRIPT = fileURLToPath(new URL('./analyze-worker.js', import.meta.url));

/** Children run compiled code (dist/); sources run under vitest analyse in-process. */
export function workersAvailable(): boolean {
  return existsSync(WORKER_SCRIPT);
}

/**
 * One per core, at most four, and no more than fit in ~1.5 GB of heap budgets together: the
 * office PC must stay usable while a large first run works.
 */
export function defaultPoolSize(memoryMB = 512): number {
  return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(1536 / memoryMB)));
}

export type TaskOutcome =
  /** `ms`: from the task's start on a child to its end (waiting in the queue not counted). */
  | { ok: true; facts: MessageFacts[]; deferredIds: string[]; ms: number }
  /**
   * The child was stopped or died; `file` is the one it was reading, null when it had not begun
   * one; `detail` what the child printed last (V8's fatal error), for the analysis log.
   */
  | { ok: false; overrun: Overrun; file: { name: string; sha256: string } | null; ms: number; detail?: string };

export type AnalyseTask = { id: string; path: string; defer: boolean; skip: ReadonlyMap<string, Overrun>; headersOnly?: Overrun };

type Payload =
  | { type: 'analyse'; id: string; path: string; defer: boolean; skip: [string, Overrun][]; headersOnly?: Overrun }
  | { type: 'convert'; messages: { id: string; path: string; skip: [string, Overrun][] }[] };

interface Job {
  payload: Payload;
  /** Watchdog time before the first file (mail parsing, archives, conversions). */
  firstMs: number;
  /** Children that died before loading while this job waited for them. */
  startFailures: number;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  child: ChildProcess | null;
  /** The child has loaded its libraries (a death before that is not the task's fault). */
  ready: boolean;
  output: () => string;
  job: Job | null;
  task: number;
  file: { name: string; sha256: string } | null;
  timer: NodeJS.Timeout | null;
  /** Set when the watchdog killed the child. */
  timedOut: boolean;
  started: number;
}

export class AnalyzePool {
  private readonly slots: Slot[];
  private readonly waiting: Job[] = [];
  private next = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly campaign: Campaign,
    private readonly environment: AnalyzeEnvironment,
    private readonly budget: AnalysisBudget,
  ) {
    this.slots = Array.from({ length: size }, () => ({
      child: null,
      ready: false,
      output: () => '',
      job: null,
      task: -1,
      file: null,
      timer: null,
      timedOut: false,
      started: 0,
    }));
  }

  /** Starts every child now, before any task: their start-up then overlaps the caller's own work. */
  warm(): void {
    this.warmUpTo(this.slots.length);
  }

  /** Starts children now until `count` of them are running (at most the pool's size). */
  warmUpTo(count: number): void {
    let running = this.slots.filter((slot) => slot.child !== null).length;
    for (const slot of this.slots) {
      if (this.closed || running >= count) return;
      if (slot.child !== null) continue;
      slot.child = this.spawn(slot);
      running++;
    }
  }

  analyse(task: AnalyseTask): Promise<TaskOutcome> {
    // Without deferral the child converts the message's legacy files itself first.
    const conversionMs = task.defer ? 0 : this.conversionAllowanceMs(10);
    // Before its first file a task may wait for the child to start, parses the mail and opens
    // its archives: that has a backstop of its own, not the per-file budget.
    const firstMs = Math.max(this.budget.seconds * 1000, MESSAGE_BACKSTOP_MS) + conversionMs;
    return this.submit(
      {
        type: 'analyse',
        id: task.id,
        path: task.path,
        defer: task.defer,
        skip: [...task.skip],
        ...(task.headersOnly ? { headersOnly: task.headersOnly } : {}),
      },
      firstMs,
    );
  }

  /** Converts the legacy files of these messages in one LibreOffice start, into the conversion cache. */
  convert(messages: { id: string; path: string; skip?: ReadonlyMap<string, Overrun> }[]): Promise<TaskOutcome> {
    return this.submit(
      { type: 'convert', messages: messages.map((item) => ({ id: item.id, path: item.path, skip: [...(item.skip ?? [])] })) },
      this.conversionAllowanceMs(messages.length * 3),
    );
  }

  get size(): number {
    return this.slots.length;
  }

  /** Ends the children (they are idle by then) and waits for them to be gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('analysis pool closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        const child = slot.child;
        slot.child = null;
        if (slot.timer) clearTimeout(slot.timer);
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        // 'exit', not 'close': a child that was disconnected never emits 'close'.
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // A child still loading (a run stopped before its message was handed over) hears no
        // disconnect until it has loaded, ~0.25 s the run would wait: it has nothing to finish, so
        // it is killed. Told to go, a loaded child exits by itself (and writes its profile under
        // --cpu-prof); one that does not is killed.
        if (!slot.ready) killBoundedChild(child);
        else if (child.connected) child.disconnect();
        const force = setTimeout(() => killBoundedChild(child), 5_000);
        await gone;
        clearTimeout(force);
      }),
    );
  }

  /** LibreOffice enforces its own per-file timeout; this is the backstop for a hung batch. */
  private conversionAllowanceMs(files: number): number {
    return 60_000 + files * this.campaign.file.limits.conversionTimeoutSeconds * 1000;
  }

  private submit(payload: Payload, firstMs: number): Promise<TaskOutcome> {
    if (this.closed) return Promise.reject(new Error('analysis pool closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ payload, firstMs, startFailures: 0, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.closed || this.waiting.length === 0) return;
      if (slot.job !== null) continue;
      const job = this.waiting.shift()!;
      slot.job = job;
      slot.task = this.next++;
      slot.file = null;
      slot.timedOut = false;
      slot.started = Date.now();
      slot.child ??= this.spawn(slot);
      this.arm(slot, job.firstMs);
      slot.child.send({ task: slot.task, ...job.payload } as WorkerTask);
    }
  }

  private spawn(slot: Slot): ChildProcess {
    const { child, output } = startBoundedChild(WORKER_SCRIPT, {
      heapMB: this.budget.memoryMB,
      addressSpaceMB: addressSpaceFor(this.budget.memoryMB),
    });
    slot.ready = false;
    slot.output = output;
    // A child whose channel broke before it could read is noticed by its exit, not here.
    const onSendError = () => undefined;
    child.send(
      { type: 'setup', campaign: this.campaign, environment: this.environment, budget: this.budget } satisfies WorkerSetup,
      onSendError,
    );
    child.on('message', (reply: WorkerReply) => this.reply(slot, child, reply));
    // Spawning itself failed (no such program, no processes left): seen as a death before loading.
    child.on('error', () => undefined);
    // 'close' comes after the last message and the last output: the blame and the cause are complete.
    child.on('close', (code, signal) => this.died(slot, child, code, signal));
    return child;
  }

  private reply(slot: Slot, child: ChildProcess, reply: WorkerReply): void {
    if (slot.child !== child) return;
    if (reply.type === 'ready') {
      slot.ready = true;
      return;
    }
    if (reply.task !== slot.task || slot.job === null) return;
    if (reply.type === 'file') {
      slot.file = reply.name === null || reply.sha256 === null ? null : { name: reply.name, sha256: reply.sha256 };
      this.arm(slot, this.budget.seconds * 1000);
      return;
    }
    const ms = Date.now() - slot.started;
    const file = slot.file;
    const job = this.finish(slot);
    if (reply.type === 'done') job.resolve({ ok: true, facts: reply.facts, deferredIds: reply.deferredIds, ms });
    // An exception the analysis did not turn into a problem: that attempt fails like a crash, and
    // the run goes on without the file (the text is in the analysis log).
    else job.resolve({ ok: false, overrun: 'crash', file, ms, detail: reply.error });
    this.dispatch();
  }

  private arm(slot: Slot, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    const child = slot.child;
    slot.timer = setTimeout(() => {
      if (child && slot.child === child) {
        slot.timedOut = true;
        killBoundedChild(child);
      }
    }, ms);
  }

  private finish(slot: Slot): Job {
    const job = slot.job!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    return job;
  }

  private died(slot: Slot, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (slot.child !== child) return;
    slot.child = null;
    if (slot.job === null) return;
    const ms = Date.now() - slot.started;
    const detail = `${signal ? `signal ${signal}` : `exit code ${code}`}: ${slot.output().trim()}`;
    if (!slot.ready && !slot.timedOut) {
      // Not the task's fault: the child never loaded. Tried again with a new child, a few times.
      const job = this.finish(slot);
      if (++job.startFailures >= START_ATTEMPTS) job.reject(new Error(`分析子进程无法启动（${detail}）`));
      else this.waiting.unshift(job);
      this.dispatch();
      return;
    }
    const overrun: Overrun = slot.timedOut ? 'time' : deathCause(slot.output());
    const file = slot.file;
    this.finish(slot).resolve({ ok: false, overrun, file, ms, detail });
    this.dispatch();
  }
}
