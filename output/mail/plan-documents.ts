/**
 * The clerk's copy (pure): when `notify.clerk` names an address, the workbook and documents go to
 * it whenever what they show has changed — judged on the merge result and the decisions, not on
 * the files' bytes (数据截至 moves at every poll; the clerk wants news, not a mail per poll).
 */
import { createHash } from 'node:crypto';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { formatBeijing } from '../../intake/kernel/time.js';
import { deadlinePassed, type MergeResult, UNIT_STATUS_LABEL, UNIT_STATUSES } from '../../pipeline/merge/merge-result.js';
import type { OutboxEntry } from './outbox-journal.js';
import { outboxId, type PlannedMail } from './planned-mail.js';

/** Of what the documents show: not when the mailbox was read, only whether that was past the deadline (no circular before). */
export function documentsFingerprint(result: MergeResult, decisions: Decisions): string {
  return createHash('sha256')
    .update(
      JSON.stringify({ result: { ...result, asOf: null, readAt: null }, decisions, ...(deadlinePassed(result) ? {} : { ahead: true }) }),
    )
    .digest('hex')
    .slice(0, 16);
}

export interface DocumentsPlanInput {
  campaign: Campaign;
  result: MergeResult;
  decisions: Decisions;
  entries: readonly OutboxEntry[];
  /** The files just written (workbook, documents). */
  files: readonly string[];
  now: number;
}

export function planDocuments(input: DocumentsPlanInput): PlannedMail | null {
  const clerk = input.campaign.file.notify.clerk?.trim();
  if (!clerk || input.files.length === 0) return null;
  const fingerprint = documentsFingerprint(input.result, input.decisions);
  const last = input.entries.filter((entry) => entry.kind === 'documents').at(-1);
  if (last?.fingerprint === fingerprint) return null;
  const { campaign, result } = input;
  const asOf = formatBeijing(new Date(result.asOf ?? input.now));
  const counts = UNIT_STATUSES.map((status) => ({ status, count: result.units.filter((unit) => unit.status === status).length })).filter(
    (item) => item.count > 0,
  );
  const text = [
    `${campaign.file.secretariat || '秘书科'}：`,
    '',
    `${campaign.file.title}的汇总表和公文已更新（数据截至 ${asOf}），见附件。`,
    '',
    `名单中 ${result.units.length} 个单位：${counts.map((item) => `${UNIT_STATUS_LABEL[item.status]} ${item.count} 个`).join('，')}。`,
    ...(result.unidentified.length > 0 ? [`另有 ${result.unidentified.length} 封来信待核实。`] : []),
    '',
    '本邮件由汇总程序在汇总结果变化时自动发送。',
    '',
  ].join('\n');
  return {
    id: outboxId('documents', fingerprint),
    kind: 'documents',
    unit: null,
    to: [clerk],
    subject: `${campaign.file.title}汇总表和公文（数据截至 ${asOf}）`,
    text,
    covers: [],
    fingerprint,
    attachments: [...input.files],
  };
}
