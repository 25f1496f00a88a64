/**
 * Writes a decision's outputs in a worker thread (write-behind-worker.ts) and resolves with what
 * they say. The caller holds the data lock. Only plain data crosses: the campaign, the folders,
 * the merge result and decisions (the place's parsed-file cache stays here).
 */
import { Worker } from 'node:worker_threads';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import type { OutputReport, WriteInput } from '../../../runner/stages/write.js';

const WORKER_SCRIPT = new URL('./write-behind-worker.js', import.meta.url);

type Reply = { written: OutputReport; error: null } | { written: null; error: string };

export function writeInWorker(input: WriteInput): Promise<OutputReport> {
  const { campaign, dataDir, outDir, workspace } = input.place;
  const place = {
    campaign,
    dataDir,
    outDir,
    ...(workspace ? { workspace } : {}),
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: { ...input, place },
    });
    let reply: Reply | null = null;
    worker.once('message', (message: Reply) => {
      reply = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (reply?.error === null) resolve(reply.written);
      else reject(new HuizongError('IO', reply?.error ?? `生成汇总表和公文的线程意外结束（退出码 ${code}）`));
    });
  });
}
