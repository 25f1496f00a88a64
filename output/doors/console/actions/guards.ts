/**
 * What every console action that writes goes through: the store's data lock, held as the CLI's
 * commands hold it (a `merge` or `watch` cycle never interleaves with a button), and the refusal
 * to change the demo campaign bundled with the program.
 */
import type { Campaign } from '../../../../intake/kernel/campaign/campaign.js';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { LOCK_WAIT_MS, withStoreLock } from '../../store-lock.js';
import type { ConsoleState } from '../state/console-state.js';

export function withConsoleLock<T>(state: ConsoleState, work: () => Promise<T>): Promise<T> {
  return withStoreLock(state.currentContext.storeDir, { command: 'serve', waitMs: LOCK_WAIT_MS }, work);
}

/**
 * The demo campaign bundled with the program is part of it and stays as shipped: the console
 * shows it, but its decisions and templates are changed only in a campaign folder of the clerk's.
 */
export function refuseBundled(campaign: Campaign): void {
  if (campaign.bundled) throw new HuizongError('CONFIG', '这是程序自带的示例活动，只能查看，不能修改');
}
