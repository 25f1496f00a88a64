/**
 * A worker thread that writes the documents of one merge (writeDocuments) while the thread that
 * started it writes the workbooks (write-documents-aside.ts): the two are each about half of
 * writing a campaign's outputs, and the machine has a second core. It loads the document
 * writers as it starts, then writes for the one merge it is given and ends.
 */
import { parentPort } from 'node:worker_threads';
import { writeDocuments } from './write-documents.js';
import { type DocumentsInput, failureOf } from './write-documents-aside.js';

parentPort!.once('message', async (input: DocumentsInput) => {
  try {
    const report = await writeDocuments(input.outDir, input.campaign, input.result, input.decisions, input.now ? { now: input.now } : {});
    parentPort!.postMessage({ report, error: null });
  } catch (error) {
    parentPort!.postMessage({ report: null, error: failureOf(error) });
  }
  parentPort!.close();
});
