/**
 * The worker threads that analyse stored messages, each under a budget it cannot escape: a heap
 * limit (V8 `resourceLimits`: a worker past it is stopped by V8, not the process) and a watchdog
 * timer per file (the worker is terminated). A stopped worker is replaced; its task comes back as
 * an overrun naming the file it was reading (the worker says before each file), and the caller
 * decides what to try next (load-stored.ts). One file can therefore never take the run down.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { WorkerReply, WorkerTask } from './analyze-worker.js';
import type { MessageFacts, Overrun } from './facts.js';
import type { AnalysisBudget } from './overrun.js';

/** Time a task may take before its first file: starting a worker, parsing a large mail, opening archives. */
const MESSAGE_BACKSTOP_MS = 120_000;

const WORKER_SCRIPT = fileURLToPath(new URL('./analyze-worker.js', import.meta.url));

/** Workers exist only for compiled code (dist/); sources run under vitest analyse in-process. */
export function workersAvailable(): boolean {
  return existsSync(WORKER_SCRIPT);
}

/**
 * One per core, at most four, and no more than fit in ~1.5 GB of budgets together: the office
 * PC must stay usable while a large first run works.
 */
export function defaultPoolSize(memoryMB = 512): number {
  return Math.max(1, Math.min(availableParallelism(), 4, Math.floor(1536 / memoryMB)));
}

export type TaskOutcome =
  /** `ms`: from the task's start on a worker to its end (waiting in the queue not counted). */
  | { ok: true; facts: MessageFacts[]; deferredIds: string[]; ms: number }
  /** The worker was stopped; `file` is the one it was reading, null when it had not begun one. */
  | { ok: false; overrun: Overrun; file: { name: string; sha256: string } | null; ms: number };

export type AnalyseTask = { id: string; path: string; defer: boolean; skip: ReadonlyMap<string, Overrun>; headersOnly?: Overrun };

type Payload =
  | { type: 'analyse'; id: string; path: string; defer: boolean; skip: [string, Overrun][]; headersOnly?: Overrun }
  | { type: 'convert'; messages: { id: string; path: string }[] };

interface Job {
  payload: Payload;
  /** Watchdog time before the first file (mail parsing, archives, conversions). */
  firstMs: number;
  resolve: (outcome: TaskOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
  task: number;
  file: { name: string; sha256: string } | null;
  timer: NodeJS.Timeout | null;
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
    this.slots = Array.from({ length: size }, () => ({ worker: null, job: null, task: -1, file: null, timer: null, started: 0 }));
  }

  analyse(task: AnalyseTask): Promise<TaskOutcome> {
    // Without deferral the worker converts the message's legacy files itself first.
    const conversionMs = task.defer ? 0 : this.conversionAllowanceMs(10);
    // Before its first file a task starts the worker (loading the libraries), parses the mail and
    // opens its archives: that has a backstop of its own, not the per-file budget.
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
  convert(messages: { id: string; path: string }[]): Promise<TaskOutcome> {
    return this.submit({ type: 'convert', messages }, this.conversionAllowanceMs(messages.length * 3));
  }

  get size(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }

  /** LibreOffice enforces its own per-file timeout; this is the backstop for a hung batch. */
  private conversionAllowanceMs(files: number): number {
    return 60_000 + files * this.campaign.file.limits.conversionTimeoutSeconds * 1000;
  }

  private submit(payload: Payload, firstMs: number): Promise<TaskOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ payload, firstMs, resolve, reject });
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
      slot.started = Date.now();
      slot.worker ??= this.spawn(slot);
      this.arm(slot, job.firstMs);
      slot.worker.postMessage({ task: slot.task, ...job.payload } as WorkerTask);
    }
  }

  private spawn(slot: Slot): Worker {
    const memoryMB = this.budget.memoryMB;
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: { campaign: this.campaign, environment: this.environment, budget: this.budget },
      resourceLimits: {
        maxOldGenerationSizeMb: memoryMB,
        maxYoungGenerationSizeMb: Math.max(16, Math.min(64, Math.floor(memoryMB / 8))),
        stackSizeMb: 8,
      },
    });
    worker.on('message', (reply: WorkerReply) => {
      if (slot.worker !== worker || reply.task !== slot.task || slot.job === null) return;
      if (reply.type === 'file') {
        slot.file = { name: reply.name, sha256: reply.sha256 };
        this.arm(slot, this.budget.seconds * 1000);
        return;
      }
      const ms = Date.now() - slot.started;
      const job = this.finish(slot);
      if (reply.type === 'done') job.resolve({ ok: true, facts: reply.facts, deferredIds: reply.deferredIds, ms });
      else job.reject(new Error(reply.error));
      this.dispatch();
    });
    // A worker past its heap limit dies with ERR_WORKER_OUT_OF_MEMORY; any other death (a native
    // allocation failing, a crash in a library) is treated the same way: the file is not read.
    worker.on('error', (error: NodeJS.ErrnoException) =>
      this.stopped(slot, worker, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash'),
    );
    worker.on('exit', () => this.stopped(slot, worker, 'crash'));
    return worker;
  }

  private arm(slot: Slot, ms: number): void {
    if (slot.timer) clearTimeout(slot.timer);
    const worker = slot.worker;
    slot.timer = setTimeout(() => {
      if (worker && slot.worker === worker) {
        void worker.terminate();
        this.stopped(slot, worker, 'time');
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

  private stopped(slot: Slot, worker: Worker, overrun: Overrun): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    if (slot.job === null) return;
    const file = slot.file;
    const ms = Date.now() - slot.started;
    this.finish(slot).resolve({ ok: false, overrun, file, ms });
    this.dispatch();
  }
}
