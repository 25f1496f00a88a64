/**
 * Which reminders to send now (pure): one to every unit whose status is 未报送, 材料不全 or
 * 数据有误, once per round (see reminder-rounds.ts), to its roster addresses. A unit already in the
 * journal for this round — whatever became of that message — is not planned again.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { type MergeResult, UNIT_STATUS_LABEL, type UnitStatus } from '../../pipeline/merge/merge-result.js';
import { reminderData } from './mail-data.js';
import { renderMail, subjectNamingCampaign } from './mail-templates.js';
import type { OutboxEntry } from './outbox-journal.js';
import { type MailPlan, outboxId, type PlannedMail, type SkippedMail } from './planned-mail.js';
import type { Round } from './reminder-rounds.js';

/** 未报送, 材料不全, 数据有误. */
export const REMINDED_STATUSES: readonly UnitStatus[] = ['missing', 'incomplete', 'invalid'];

export interface ReminderPlanInput {
  campaign: Campaign;
  result: MergeResult;
  entries: readonly OutboxEntry[];
  round: Round;
  template: { source: string; where: string };
  newDeadline: string | null;
  now: number;
}

export function planReminders(input: ReminderPlanInput): MailPlan {
  const { campaign, result, round } = input;
  const reminded = new Set(
    input.entries.filter((entry) => entry.kind === 'reminder' && entry.round?.key === round.key).map((entry) => entry.unit),
  );
  const planned: PlannedMail[] = [];
  const skipped: SkippedMail[] = [];
  const templateIssues: string[] = [];
  // Once the deadline has passed: the circular's new deadline, else "as soon as possible" ('').
  const deadline = Date.parse(campaign.file.deadline) > input.now ? campaign.file.deadline : (input.newDeadline ?? '');
  const asOf = result.asOf ?? new Date(input.now).toISOString();
  for (const unit of result.units) {
    if (!REMINDED_STATUSES.includes(unit.status) || reminded.has(unit.unit)) continue;
    const to = campaign.roster.find((item) => item.name === unit.unit)?.emails ?? [];
    if (to.length === 0) {
      skipped.push({ unit: unit.unit, reason: `${UNIT_STATUS_LABEL[unit.status]}，但单位名单中没有登记邮箱，无法催报` });
      continue;
    }
    const rendered = renderMail(
      input.template.source,
      reminderData({ campaign, unit, contact: campaign.file.notify.contact, deadline, asOf, round: round.label }),
    );
    if (!rendered.ok) {
      templateIssues.push(
        ...rendered.issues.map((issue) => `${input.template.where} 第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`),
      );
      break;
    }
    planned.push({
      id: outboxId('reminder', round.key, unit.unit),
      kind: 'reminder',
      unit: unit.unit,
      to,
      subject: subjectNamingCampaign(rendered.subject, campaign.file),
      text: rendered.text,
      covers: [],
      round: { key: round.key, label: round.label },
    });
  }
  return { planned, skipped, templateIssues };
}
