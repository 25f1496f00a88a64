/**
 * A small pool of analysis worker threads (analyze-worker.ts), one per core up to four. Used for
 * runs with many new messages; a handful is analysed in the calling thread, where starting
 * workers (each loads mailparser and exceljs) would cost more than it saves.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { AnalyzeEnvironment } from './analyze-batch.js';
import type { WorkerReply, WorkerTask } from './analyze-worker.js';

const WORKER_SCRIPT = fileURLToPath(new URL('./analyze-worker.js', import.meta.url));

/** Workers exist only for compiled code (dist/); sources run under vitest analyse in-process. */
export function workersAvailable(): boolean {
  return existsSync(WORKER_SCRIPT);
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

type Done = Extract<WorkerReply, { ok: true }>;

export class AnalyzePool {
  private readonly workers: Worker[];
  private readonly idle: Worker[];
  private readonly waiting: { task: WorkerTask; resolve: (reply: Done) => void; reject: (error: Error) => void }[] = [];
  private readonly running = new Map<number, { resolve: (reply: Done) => void; reject: (error: Error) => void }>();
  private next = 0;

  constructor(size: number, campaign: Campaign, environment: AnalyzeEnvironment) {
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_SCRIPT, { workerData: { campaign, environment } }));
    this.idle = [...this.workers];
    for (const worker of this.workers) {
      worker.on('message', (reply: WorkerReply) => {
        const pending = this.running.get(reply.task);
        this.running.delete(reply.task);
        if (reply.ok) pending?.resolve(reply);
        else pending?.reject(new Error(reply.error));
        this.idle.push(worker);
        this.dispatch();
      });
      worker.on('error', (error) => {
        // A worker that dies takes its task with it: fail them all rather than hang.
        for (const [, pending] of this.running) pending.reject(error);
        this.running.clear();
      });
    }
  }

  analyse(id: string, path: string): Promise<Done> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task: { task: this.next++, id, path }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.waiting.shift()!;
      this.running.set(job.task.task, { resolve: job.resolve, reject: job.reject });
      worker.postMessage(job.task);
    }
  }

  /** Worker threads. */
  get size(): number {
    return this.workers.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
