/**
 * A worker thread that writes one campaign's outputs (the workbook, the documents, the merge
 * result and the output record: writeCampaignOutputs) for a decision the console has already
 * shown. The writing is minutes of CPU at thousands of units: on the console's own thread it
 * would hold up every page asked for meanwhile (and their garbage collection with it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type WriteInput, writeCampaignOutputs } from '../../../runner/stages/write.js';

try {
  parentPort!.postMessage({
    written: await writeCampaignOutputs(workerData as WriteInput),
    error: null,
  });
} catch (error) {
  parentPort!.postMessage({ written: null, error: (error as Error).message });
}
