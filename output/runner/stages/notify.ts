/**
 * Stage 6, notify: what campaign.yaml's notify: says to do after new mail was taken in —
 * receipts and reminders sent (`auto`) or counted for the clerk (`preview`), the clerk's copy of
 * the outputs when they changed (output/mail/after-poll.ts). Asked for by the scheduled cycles
 * (`watch`, `serve`) only. A failure is a line, never the end of the run.
 */
import type { Decisions } from '../../../intake/kernel/campaign/decisions.js';
import type { MergeResult } from '../../../pipeline/merge/merge-result.js';
import type { CampaignPlace } from '../context.js';

export interface NotifyInput {
  place: CampaignPlace;
  /** Where raw mail is stored (receipts read each message's headers there). */
  storeDir: string;
  result: MergeResult;
  decisions: Decisions;
  /** Every output file (attached to the clerk's copy). */
  files: readonly string[];
  /** One Chinese line per thing done or refused. */
  log: (line: string) => void;
  now?: () => Date;
}

export interface Notified {
  /** What was said, in order (also given to `log` as it happened). */
  lines: string[];
}

export async function notify(input: NotifyInput): Promise<Notified> {
  const { place } = input;
  const lines: string[] = [];
  // Handlebars, nodemailer and imapflow load only when a cycle notifies (`status` never pays for them).
  const { mailAfterPoll } = await import('../../mail/after-poll.js');
  await mailAfterPoll({
    context: { campaign: place.campaign, dataDir: place.dataDir, storeDir: input.storeDir },
    state: { result: input.result, decisions: input.decisions },
    files: input.files,
    log: (line) => {
      lines.push(line);
      input.log(line);
    },
    ...(input.now ? { now: input.now } : {}),
  });
  return { lines };
}
