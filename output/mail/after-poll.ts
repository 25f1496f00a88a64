/**
 * What `watch` and `serve` do with mail after each poll (the runner's notify stage), as
 * campaign.yaml's notify: says: receipts and reminders `auto` are sent, `preview` are counted in a
 * line for the clerk, `off` stay silent; the clerk's copy of the documents goes out when they
 * changed. Runs under the cycle's data lock. A failure is a line, never the end of the schedule.
 */

import { campaignTag } from './compose.js';
import type { MergedState, OutboxContext, SendOptions } from './outbox.js';
import { planMail, sendMail, smtpSettingsFor } from './outbox.js';
import { OutboxJournal } from './outbox-journal.js';
import { planDocuments } from './plan-documents.js';
import { KIND_LABEL, sendBatch } from './send-batch.js';

export interface AfterPollInput {
  context: OutboxContext;
  state: MergedState;
  /** The files the rebuild wrote (attached to the clerk's copy). */
  files: readonly string[];
  log: (line: string) => void;
  now?: () => Date;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function mailAfterPoll(input: AfterPollInput): Promise<void> {
  const { context, state, log } = input;
  const notify = context.campaign.file.notify;
  const clock = input.now ?? (() => new Date());
  const options: SendOptions = { log, now: clock };
  for (const [kind, mode] of [
    ['receipt', notify.receipts],
    ['reminder', notify.reminders],
  ] as const) {
    if (mode === 'off') continue;
    try {
      if (mode === 'preview') {
        const plan = await planMail(context, state, kind, clock());
        if (plan.planned.length > 0)
          log(
            `有 ${plan.planned.length} 封${KIND_LABEL[kind]}待发送（预览：huizong ${kind === 'receipt' ? 'receipts' : 'remind'}，发送：加 --send）`,
          );
        continue;
      }
      const report = await sendMail(context, state, kind, options);
      if (report.attempted > 0)
        log(`${KIND_LABEL[kind]}：发送 ${report.sent.length} 封${report.stoppedBy ? `；本批停止：${report.stoppedBy}` : ''}`);
    } catch (error) {
      log(`${KIND_LABEL[kind]}未发送：${(error as Error).message}`);
    }
  }
  if (!notify.clerk) return;
  try {
    const journal = new OutboxJournal(context.dataDir);
    const mail = planDocuments({
      campaign: context.campaign,
      result: state.result,
      decisions: state.decisions,
      entries: await journal.list(),
      files: input.files,
      now: clock().getTime(),
    });
    if (!mail) return;
    const report = await sendBatch({
      journal,
      settings: smtpSettingsFor(context.campaign),
      items: [{ mail }],
      clock,
      sleep: realSleep,
      log,
      tag: campaignTag(context.campaign.dir),
    });
    if (report.stoppedBy) log(`汇总表和公文未能发给 ${notify.clerk}：${report.stoppedBy}`);
  } catch (error) {
    log(`汇总表和公文未能发给 ${notify.clerk}：${(error as Error).message}`);
  }
}
