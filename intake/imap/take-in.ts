/**
 * Intake from the mailbox, as `run`, every `watch` cycle and the console's polls do it: poll
 * once for every campaign that reads from this store (a message any of them may want is taken
 * in), then record when the mailbox was read (the 数据截至 of the outputs) beside the store. The
 * caller holds the data lock.
 */
import type { Campaign } from '../kernel/campaign/campaign.js';
import { RawStore } from '../store/raw-store.js';
import { readDataState, writeDataState } from '../store/state.js';
import { type CampaignFilter, createCampaignFilter } from './campaign-filter.js';
import { combineReports, type PollProgress, type PollReport, pollMailbox } from './poll.js';
import type { ImapSettings } from './settings.js';

export interface TakeInOptions {
  /** The campaigns reading from this store: a message is taken in when one of them may want it. */
  campaigns: readonly Pick<Campaign, 'file' | 'roster' | 'tables'>[];
  /** Where raw mail lives: the raw store, the cursor, state.json. */
  storeDir: string;
  settings: ImapSettings;
  signal?: AbortSignal;
  onProgress?: (progress: PollProgress) => void;
  /** Called with each message newly stored, once it is durable (analysis starts on it). */
  onStored?: (id: string) => void;
}

/** The first campaign's verdict when one of them takes the message, else the first refusal. */
function anyCampaign(filters: readonly CampaignFilter[]): CampaignFilter {
  if (filters.length === 1) return filters[0]!;
  return (message) => {
    const verdicts = filters.map((filter) => filter(message));
    return verdicts.find((verdict) => verdict.take) ?? verdicts[0]!;
  };
}

export async function takeInFromMailbox(options: TakeInOptions): Promise<PollReport> {
  return takeInFromMailboxes({ ...options, settings: [options.settings] });
}

/**
 * Several mailboxes into one store (a workspace whose campaigns read different accounts): one
 * poll per mailbox, one after another, each taking what any campaign may want. The store's
 * 数据截至 is the earliest of their openings, and moves only when every poll read to the end.
 */
export async function takeInFromMailboxes(
  options: Omit<TakeInOptions, 'settings'> & { settings: readonly ImapSettings[] },
): Promise<PollReport> {
  const filter = anyCampaign(options.campaigns.map(createCampaignFilter));
  const store = new RawStore(options.storeDir);
  const reports: PollReport[] = [];
  for (const settings of options.settings) {
    reports.push(
      await pollMailbox({
        settings,
        store,
        storeDir: options.storeDir,
        filter,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onStored ? { onStored: options.onStored } : {}),
      }),
    );
    if (reports.at(-1)!.interrupted) break;
  }
  const report = reports.length === 1 ? reports[0]! : combineReports(reports, reports.map((item) => item.mailbox).join('、'));
  if (reports.length > 1) {
    report.openedAt = new Date(Math.min(...reports.map((item) => item.openedAt.getTime())));
    report.durationMs = reports.reduce((total, item) => total + item.durationMs, 0);
  }
  // An interrupted poll has not read everything up to now: keep the previous 数据截至.
  if (!report.interrupted && reports.length === options.settings.length) {
    const state = await readDataState(options.storeDir);
    await writeDataState(options.storeDir, { ...state, lastPollAt: report.openedAt.toISOString() });
  }
  return report;
}
