/**
 * A worker thread that writes the documents of one merge (writeDocuments) while the thread that
 * started it writes the workbooks (write-documents-aside.ts): the two are each about half of
 * writing a campaign's outputs, and the machine has a second core. It loads the document
 * writers as it starts, then writes for the one merge it is given and ends.
 */
import { parentPort } from 'node:worker_threads';
// Loaded as the worker starts, before its merge comes (writeDocumentsHere then finds it loaded).
import './write-documents.js';
import { type DocumentsInput, failureOf, writeDocumentsHere } from './write-documents-aside.js';

parentPort!.once('message', async (input: DocumentsInput) => {
  try {
    parentPort!.postMessage({ report: await writeDocumentsHere(input), error: null });
  } catch (error) {
    parentPort!.postMessage({ report: null, error: failureOf(error) });
  }
  parentPort!.close();
});
