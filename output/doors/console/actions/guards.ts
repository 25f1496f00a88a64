/**
 * What every console action that writes goes through: the store's data lock, held as the CLI's
 * commands hold it (a `merge` or `watch` cycle never interleaves with a button), and the refusal
 * to change the demo campaign bundled with the program or a campaign archived in its workspace.
 *
 * The lock is held by the console's StoreWriter (state/store-writer.ts), which also writes a
 * decision's outputs behind its page, under the same lock. A decision goes ahead while they are
 * written (its own are queued after them); every other action first waits for them, since it
 * reads or writes those files itself (重新汇总, a template saved, a mail that attaches the circular).
 */
import { HuizongError } from '../../../../intake/kernel/errors.js';
import type { CampaignPlace } from '../../../runner/context.js';
import type { ConsoleState } from '../state/console-state.js';
import { StoreWriter } from '../state/store-writer.js';
import type { ActionResult } from './output-changes.js';

const writers = new Map<string, StoreWriter<ActionResult>>();

/** The writer of a store, the same for every campaign reading from it (a workspace's). */
export function writerOf(state: ConsoleState): StoreWriter<ActionResult> {
  const { storeDir } = state.currentContext;
  const known = writers.get(storeDir);
  if (known) return known;
  const writer = new StoreWriter<ActionResult>(storeDir);
  writers.set(storeDir, writer);
  return writer;
}

/** An action: the data lock held, no other action at the same time, the outputs written behind earlier decisions finished. */
export function withConsoleLock<T>(state: ConsoleState, work: () => Promise<T>): Promise<T> {
  const writer = writerOf(state);
  return writer.action(async () => {
    await writer.settled();
    return work();
  });
}

/** A decision: the data lock held, no other action at the same time; outputs still being written are not waited for. */
export function withDecisionLock<T>(state: ConsoleState, work: () => Promise<T>): Promise<T> {
  return writerOf(state).action(work);
}

/** Outputs written behind a decision are finished (a download is never given the file before them, or half of one). */
export function outputsSettled(state: ConsoleState): Promise<void> {
  return writerOf(state).settled();
}

/** Every store's outputs written behind decisions are finished (the console stops: they are not left to the next merge). */
export async function everyOutputSettled(): Promise<void> {
  for (const writer of writers.values()) await writer.settled();
}

/** Why the console shows a campaign without changing it, or false: it may change it. */
export type ReadOnly = false | 'bundled' | 'archived';

export function readOnlyOf(place: Pick<CampaignPlace, 'campaign' | 'workspace'>): ReadOnly {
  if (place.campaign.bundled) return 'bundled';
  return place.workspace?.archived ? 'archived' : false;
}

/**
 * The demo campaign bundled with the program is part of it and stays as shipped: the console
 * shows it, but its decisions and templates are changed only in a campaign folder of the clerk's.
 * An archived campaign is finished: shown and downloadable, never changed (恢复 on the list first).
 */
export function refuseReadOnly(place: Pick<CampaignPlace, 'campaign' | 'workspace'>): void {
  const readOnly = readOnlyOf(place);
  if (readOnly === 'bundled') throw new HuizongError('CONFIG', '这是程序自带的示例活动，只能查看，不能修改');
  if (readOnly === 'archived') throw new HuizongError('CONFIG', '这个活动已归档，只能查看和下载；如需修改，先在活动列表中按“恢复”');
}
