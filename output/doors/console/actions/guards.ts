/**
 * What every console action that writes goes through: the store's data lock, held as the CLI's
 * commands hold it (a `merge` or `watch` cycle never interleaves with a button), and the refusal
 * to change the demo campaign bundled with the program or a campaign archived in its workspace.
 */
import { HuizongError } from '../../../../intake/kernel/errors.js';
import type { CampaignPlace } from '../../../runner/context.js';
import { LOCK_WAIT_MS, withStoreLock } from '../../store-lock.js';
import type { ConsoleState } from '../state/console-state.js';

export function withConsoleLock<T>(state: ConsoleState, work: () => Promise<T>): Promise<T> {
  return withStoreLock(state.currentContext.storeDir, { command: 'serve', waitMs: LOCK_WAIT_MS }, work);
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
