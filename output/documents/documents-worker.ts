/**
 * A worker thread that writes the documents of one merge (writeDocuments) while the thread that
 * started it writes the workbooks (write-documents-aside.ts): the two are each about half of
 * writing a campaign's outputs, and the machine has a second core. It loads the document
 * writers and compiles the campaign's templates as it starts, then writes for the one merge it
 * is given (and encodes it for the merge result's cache file, when asked) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
// Loaded as the worker starts, before its merge comes (writeDocumentsHere then finds it loaded).
import { prepareTemplates } from './write-documents.js';
import { type DocumentsInput, failureOf, type WorkerStart, writeDocumentsHere } from './write-documents-aside.js';

const { campaignDir } = workerData as WorkerStart;
// The templates compile while the merge is still under way; a template that fails here fails
// again, with its line and column, when it is filled.
const prepared = campaignDir ? prepareTemplates({ dir: campaignDir }).catch(() => undefined) : Promise.resolve();

parentPort!.once('message', async (input: DocumentsInput) => {
  await prepared;
  try {
    const outcome = await writeDocumentsHere(input);
    // The encoded merge result is handed over, not copied (its buffer is its own).
    parentPort!.postMessage({ outcome, error: null }, outcome.encodedResult ? [outcome.encodedResult.buffer] : []);
  } catch (error) {
    parentPort!.postMessage({ outcome: null, error: failureOf(error) });
  }
  parentPort!.close();
});
