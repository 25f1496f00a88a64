/**
 * writeDocuments in a worker thread (documents-worker.ts), so the caller can write the workbooks
 * meanwhile: at 1,000 units each takes ~0.4 s of one core. Only plain data crosses (the campaign,
 * the merge result, the decisions); the documents are the same bytes whichever thread makes them.
 * A worker started ahead (startDocumentsWorker, while analysis runs) has its writers loaded by
 * the time the merge is done. From the sources (unit tests, no compiled worker) the documents
 * are written in the caller's thread. Asked (`encodeResultFor`), the worker also encodes the merge
 * result for the data folder's cache (merge-result-file.ts): for a list campaign that is tens of
 * megabytes of JSON, made here rather than on the thread that writes the workbooks.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { HuizongError, type HuizongErrorCode, isHuizongError } from '../../intake/kernel/errors.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { encodeMergeResult } from '../merge-result-file.js';
import type { DocumentsReport } from './write-documents.js';

export interface DocumentsInput {
  outDir: string;
  campaign: Campaign;
  result: MergeResult;
  decisions: Decisions;
  /** The clock, used only when no mail was ever read (WriteDocumentsOptions.now). */
  now?: Date;
  /** The fingerprint to encode the merge result with for its cache file; none: not encoded. */
  encodeResultFor?: string;
}

export interface DocumentsOutcome {
  report: DocumentsReport;
  /** The merge result's cache file (encodeMergeResult), when asked for. */
  encodedResult: Uint8Array<ArrayBuffer> | null;
}

const WORKER_SCRIPT = fileURLToPath(new URL('./documents-worker.js', import.meta.url));

/** An error thrown in the worker, as plain data: rebuilt on this side as what it was. */
interface Failure {
  message: string;
  /** A HuizongError's code (its exit code and wording follow it). */
  huizong: HuizongErrorCode | null;
  details: readonly string[];
  /** A system error's code (ENOSPC: 磁盘空间不足, EACCES …: explain-error.ts). */
  errno: string | null;
}

type Reply = { outcome: DocumentsOutcome; error: null } | { outcome: null; error: Failure };

export function failureOf(error: unknown): Failure {
  if (isHuizongError(error)) return { message: error.message, huizong: error.code, details: error.details, errno: null };
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  return {
    message: (error as Error | null)?.message ?? String(error),
    huizong: null,
    details: [],
    errno: typeof errno === 'string' ? errno : null,
  };
}

function revived(failure: Failure): Error {
  if (failure.huizong) return new HuizongError(failure.huizong, failure.message, { details: failure.details });
  return Object.assign(new Error(failure.message), failure.errno ? { code: failure.errno } : {});
}

interface Started {
  worker: Worker;
  /** Settles with the worker's end: its exit code, or the error that ended it. */
  ended: Promise<{ code: number | null; error: Error | null }>;
  reply: Reply | null;
}

/** The worker started ahead and not yet taken; it keeps no process alive while it waits. */
let ahead: Started | null = null;

/** What a worker is started with: the folder of the campaign whose templates it prepares as it starts (documents-worker.ts). */
export interface WorkerStart {
  campaignDir: string | null;
}

function start(campaignDir: string | null): Started {
  const worker = new Worker(WORKER_SCRIPT, { workerData: { campaignDir } satisfies WorkerStart });
  const started: Started = {
    worker,
    reply: null,
    ended: new Promise((resolve) => {
      worker.once('error', (error) => resolve({ code: null, error }));
      worker.once('exit', (code) => resolve({ code, error: null }));
    }),
  };
  worker.once('message', (reply: Reply) => {
    started.reply = reply;
  });
  return started;
}

/**
 * Starts the next documents' worker now, so its writers load and the templates of the campaign
 * in `campaignDir` compile while the caller still analyses and merges.
 */
export function startDocumentsWorker(campaignDir: string): void {
  if (ahead !== null || !existsSync(WORKER_SCRIPT)) return;
  ahead = start(campaignDir);
  ahead.worker.unref();
  // Gone before it was taken (it should not): the next write starts another.
  const mine = ahead;
  void mine.ended.then(() => {
    if (ahead === mine) ahead = null;
  });
}

/** The documents written in this thread (the worker's own work, and the sources' way). */
export async function writeDocumentsHere(input: DocumentsInput): Promise<DocumentsOutcome> {
  const { writeDocuments } = await import('./write-documents.js');
  const report = await writeDocuments(input.outDir, input.campaign, input.result, input.decisions, input.now ? { now: input.now } : {});
  const encodedResult = input.encodeResultFor === undefined ? null : encodeMergeResult(input.encodeResultFor, input.result);
  return { report, encodedResult };
}

export async function writeDocumentsAside(input: DocumentsInput): Promise<DocumentsOutcome> {
  if (!existsSync(WORKER_SCRIPT)) return writeDocumentsHere(input);
  const taken = ahead ?? start(null);
  ahead = null;
  taken.worker.ref();
  taken.worker.postMessage(input);
  const { code, error } = await taken.ended;
  const reply: Reply | null = taken.reply;
  if (reply?.error === null) return reply.outcome;
  if (reply) throw revived(reply.error);
  throw error ?? new HuizongError('IO', `生成公文的线程意外结束（退出码 ${code}）`);
}
