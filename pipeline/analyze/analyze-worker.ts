/**
 * A worker thread that analyses stored messages (analyze-pool.ts hands it work). Parsing mail
 * and reading spreadsheets is CPU work; on a machine with several cores, several workers make a
 * large first run several times faster. Each task is one message, read from the raw store here
 * (the bytes never cross threads); conversions are deferred to the caller (one LibreOffice start
 * per run). Never throws for bad input: analyzeMessages turns it into problems.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { type AnalyzeEnvironment, analyzeMessages } from './analyze-batch.js';

export interface WorkerTask {
  task: number;
  id: string;
  path: string;
}

export type WorkerReply =
  | {
      task: number;
      ok: true;
      facts: Awaited<ReturnType<typeof analyzeMessages>>['facts'];
      deferred: Awaited<ReturnType<typeof analyzeMessages>>['deferred'];
    }
  | { task: number; ok: false; error: string };

const { campaign, environment } = workerData as { campaign: Campaign; environment: AnalyzeEnvironment };

parentPort!.on('message', async (message: WorkerTask) => {
  let reply: WorkerReply;
  try {
    const raw = await readFile(message.path);
    const { facts, deferred } = await analyzeMessages([{ id: message.id, raw }], campaign, { ...environment, deferConversions: true });
    // Only the ids: the caller reads deferred messages again itself, in pass 2.
    reply = { task: message.task, ok: true, facts, deferred: { ids: deferred.ids, files: [] } };
  } catch (cause) {
    reply = { task: message.task, ok: false, error: (cause as Error).stack ?? String(cause) };
  }
  parentPort!.postMessage(reply);
});
