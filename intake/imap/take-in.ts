/**
 * Intake from the configured mailbox, as `run` and every `watch` cycle do it: resolve the
 * settings, poll, record when the mailbox was read (the 数据截至 of the outputs). The caller holds
 * the data lock.
 */
import type { Campaign } from '../kernel/campaign/campaign.js';
import { RawStore } from '../store/raw-store.js';
import { readDataState, writeDataState } from '../store/state.js';
import { createCampaignFilter } from './campaign-filter.js';
import { type PollProgress, type PollReport, pollMailbox } from './poll.js';
import { type ImapSettings, resolveImapSettings } from './settings.js';

export interface TakeInOptions {
  campaign: Campaign;
  dataDir: string;
  /** Settings resolved beforehand (watch resolves them once); else from campaign + environment. */
  settings?: ImapSettings;
  signal?: AbortSignal;
  onProgress?: (progress: PollProgress) => void;
  env?: Readonly<Record<string, string | undefined>>;
}

export async function takeInFromMailbox(options: TakeInOptions): Promise<PollReport> {
  const settings = options.settings ?? resolveImapSettings(options.campaign.file.mailbox, options.env ?? process.env);
  const report = await pollMailbox({
    settings,
    store: new RawStore(options.dataDir),
    dataDir: options.dataDir,
    filter: createCampaignFilter(options.campaign),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // An interrupted poll has not read everything up to now: keep the previous 数据截至.
  if (!report.interrupted) {
    const state = await readDataState(options.dataDir);
    await writeDataState(options.dataDir, { ...state, lastPollAt: report.openedAt.toISOString() });
  }
  return report;
}
