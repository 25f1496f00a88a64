/**
 * The entry of an analysis child process (analyze-pool.ts starts it under its memory limits,
 * hands it work over the IPC channel and watches it). Each task is one message, read from the
 * raw store here (the bytes never cross processes), or a batch of messages whose legacy files are
 * converted in one LibreOffice start. Before each file the child says which one it reads: if the
 * child then dies — out of memory, past its time, a V8 fatal error, any signal — the pool knows
 * which file to blame. Never throws for bad input: analyzeMessages turns it into problems.
 *
 * The process lives as long as the pool does: start-up and module loading are paid once, not per
 * message. It ends by itself when its parent goes (the IPC channel closes).
 */
import { readFile } from 'node:fs/promises';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { type AnalyzeEnvironment, analyzeMessages, convertMessages } from './analyze-batch.js';
import type { MessageFacts, Overrun } from './facts.js';
import type { AnalysisBudget } from './overrun.js';

/** Sent once, first: what every task of this child is analysed with. */
export interface WorkerSetup {
  type: 'setup';
  campaign: Campaign;
  environment: AnalyzeEnvironment;
  budget: AnalysisBudget;
}

export type WorkerTask =
  | { task: number; type: 'analyse'; id: string; path: string; defer: boolean; skip: [string, Overrun][]; headersOnly?: Overrun }
  | { task: number; type: 'convert'; messages: { id: string; path: string; skip: [string, Overrun][] }[] };

export type WorkerReply =
  /** Loaded and ready for tasks. */
  | { task: -1; type: 'ready' }
  /** About to read this file; `name` null: about to open several archives at once (a death there blames the message). */
  | { task: number; type: 'file'; name: string | null; sha256: string | null }
  | { task: number; type: 'done'; facts: MessageFacts[]; deferredIds: string[] }
  | { task: number; type: 'failed'; error: string };

let setup: WorkerSetup | null = null;

/** Resolves once the reply is written to the channel: the parent receives it even if this process dies right after. */
function send(reply: WorkerReply): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(reply, undefined, {}, () => resolve());
  });
}

async function run(message: WorkerTask, { campaign, environment, budget }: WorkerSetup): Promise<WorkerReply> {
  if (message.type === 'convert') {
    const inputs = await Promise.all(
      message.messages.map(async (item) => ({ id: item.id, raw: await readFile(item.path), skip: new Map(item.skip) })),
    );
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
      onFile: (_id, file) => send({ task: message.task, type: 'file', name: file?.name ?? null, sha256: file?.sha256 ?? null }),
    },
  );
  return { task: message.task, type: 'done', facts, deferredIds: deferred.ids };
}

process.on('message', async (message: WorkerSetup | WorkerTask) => {
  if (message.type === 'setup') {
    setup = message;
    return;
  }
  let reply: WorkerReply;
  try {
    if (!setup) throw new Error('task before setup');
    reply = await run(message, setup);
  } catch (cause) {
    reply = { task: message.task, type: 'failed', error: (cause as Error).stack ?? String(cause) };
  }
  await send(reply);
});
// The parent is gone (ended, or killed): nothing is left to do for it.
process.on('disconnect', () => process.exit(0));
void send({ task: -1, type: 'ready' });
