/**
 * A worker thread that analyses stored messages (analyze-pool.ts hands it work and watches it).
 * Each task is one message, read from the raw store here (the bytes never cross threads), or a
 * batch of messages whose legacy files are converted in one LibreOffice start. Before each file
 * the worker says which one it reads: if the worker then runs out of memory or time, the pool
 * knows which file to blame. Never throws for bad input: analyzeMessages turns it into problems.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { type AnalyzeEnvironment, analyzeMessages, convertMessages } from './analyze-batch.js';
import type { MessageFacts, Overrun } from './facts.js';
import type { AnalysisBudget } from './overrun.js';

export type WorkerTask =
  | { task: number; type: 'analyse'; id: string; path: string; defer: boolean; skip: [string, Overrun][]; headersOnly?: Overrun }
  | { task: number; type: 'convert'; messages: { id: string; path: string }[] };

export type WorkerReply =
  | { task: number; type: 'file'; name: string; sha256: string }
  | { task: number; type: 'done'; facts: MessageFacts[]; deferredIds: string[] }
  | { task: number; type: 'failed'; error: string };

const { campaign, environment, budget } = workerData as { campaign: Campaign; environment: AnalyzeEnvironment; budget: AnalysisBudget };

async function run(message: WorkerTask): Promise<WorkerReply> {
  if (message.type === 'convert') {
    const inputs = await Promise.all(message.messages.map(async (item) => ({ id: item.id, raw: await readFile(item.path) })));
    await convertMessages(inputs, campaign, environment);
    return { task: message.task, type: 'done', facts: [], deferredIds: [] };
  }
  const raw = await readFile(message.path);
  const { facts, deferred } = await analyzeMessages(
    [{ id: message.id, raw }],
    campaign,
    { ...environment, deferConversions: message.defer },
    {
      skip: new Map(message.skip),
      ...(message.headersOnly ? { headersOnly: message.headersOnly } : {}),
      budget,
      onFile: (_id, file) =>
        parentPort!.postMessage({ task: message.task, type: 'file', name: file.name, sha256: file.sha256 } satisfies WorkerReply),
    },
  );
  return { task: message.task, type: 'done', facts, deferredIds: deferred.ids };
}

parentPort!.on('message', async (message: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = await run(message);
  } catch (cause) {
    reply = { task: message.task, type: 'failed', error: (cause as Error).stack ?? String(cause) };
  }
  parentPort!.postMessage(reply);
});
