/**
 * Which receipts to send now (pure). A receipt acknowledges a unit's submissions: the stored
 * messages attributed to a roster unit (adopted or superseded) that carry attachments. Never for a
 * message waiting for the clerk (待核实), unrelated mail, a duplicate, or a machine-written
 * message (auto-reply, list, our own mail); only to the unit's registered roster addresses,
 * whoever sent it. A submission already covered by any journal entry — sent, refused, or of
 * unknown fate — is never planned again: one receipt per submission. The submissions of one unit
 * not yet acknowledged go into one receipt (a correction arriving later gets its own).
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { receiptData } from './mail-data.js';
import { renderMail, subjectNamingCampaign } from './mail-templates.js';
import type { OutboxEntry } from './outbox-journal.js';
import { type MailPlan, outboxId, type PlannedMail, type SkippedMail } from './planned-mail.js';

export interface ReceiptPlanInput {
  campaign: Campaign;
  result: MergeResult;
  entries: readonly OutboxEntry[];
  /** Stored message id → why it is machine-written (absent: a person wrote it). */
  machineWritten: ReadonlyMap<string, string>;
  template: { source: string; where: string };
  /** The circular's new deadline (decisions.yaml), if set. */
  newDeadline: string | null;
  now: number;
}

export function planReceipts(input: ReceiptPlanInput): MailPlan {
  const { campaign, result } = input;
  const acknowledged = new Set(input.entries.filter((entry) => entry.kind === 'receipt').flatMap((entry) => entry.covers));
  const planned: PlannedMail[] = [];
  const skipped: SkippedMail[] = [];
  const templateIssues: string[] = [];
  const contact = campaign.file.notify.contact;
  const resendBy = input.newDeadline ?? (Date.parse(campaign.file.deadline) > input.now ? campaign.file.deadline : '');

  for (const unit of result.units) {
    const fresh = result.messages.filter(
      (message) =>
        message.unit === unit.unit &&
        (message.outcome === 'adopted' || message.outcome === 'superseded') &&
        message.files.length > 0 &&
        !acknowledged.has(message.id),
    );
    const human = fresh.filter((message) => {
      const reason = input.machineWritten.get(message.id);
      if (reason) skipped.push({ unit: unit.unit, reason: `来信 ${message.shortId} 是${reason}，不发回执` });
      return !reason;
    });
    if (human.length === 0) continue;
    const to = campaign.roster.find((item) => item.name === unit.unit)?.emails ?? [];
    if (to.length === 0) {
      skipped.push({ unit: unit.unit, reason: '单位名单中没有登记邮箱，不发回执' });
      continue;
    }
    const rendered = renderMail(input.template.source, receiptData({ campaign, unit, messages: human, contact, resendBy }));
    if (!rendered.ok) {
      templateIssues.push(
        ...rendered.issues.map((issue) => `${input.template.where} 第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`),
      );
      break;
    }
    const covers = human.map((message) => message.id).sort();
    planned.push({
      id: outboxId('receipt', ...covers),
      kind: 'receipt',
      unit: unit.unit,
      to,
      subject: subjectNamingCampaign(rendered.subject, campaign.file),
      text: rendered.text,
      covers,
    });
  }
  const unidentified = result.messages.filter((message) => message.outcome === 'pending').length;
  if (unidentified > 0) skipped.push({ unit: null, reason: `${unidentified} 封来信待核实，秘书科认定单位之前不发回执` });
  return { planned, skipped, templateIssues };
}
