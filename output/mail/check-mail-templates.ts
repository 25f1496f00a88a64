/**
 * `huizong check` for the mail templates (pure): each is filled with sample data — a unit in
 * trouble and a unit whose material is in order, so both sides of the usual {{#if}}s are tried —
 * and every mistake is reported with its line. A template whose subject is the same for every
 * unit is a mistake too: identical subjects in bulk are what 163 refuses as spam (554 DT:SPM).
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { sampleReceiptData, sampleReminderData } from './mail-data.js';
import { type MailTemplateKind, renderMail } from './mail-templates.js';

function samples(campaign: Campaign, kind: MailTemplateKind, unit: string): unknown[] {
  if (kind === 'receipt') {
    const trouble = sampleReceiptData(campaign, unit);
    const clean = {
      ...trouble,
      status: '按时报送',
      late: false,
      lateNote: '',
      problems: [],
      missing: [],
      needsResend: false,
      resend: [],
      resendBy: '',
    };
    return [trouble, clean];
  }
  const trouble = sampleReminderData(campaign, unit);
  return [trouble, { ...trouble, status: '未报送', problems: [], deadline: '' }];
}

export function checkMailTemplate(campaign: Campaign, kind: MailTemplateKind, source: string, where: string): string[] {
  const mistakes = new Set<string>();
  const subjects: string[] = [];
  for (const unit of ['示例镇', '示例局']) {
    for (const data of samples(campaign, kind, unit)) {
      const rendered = renderMail(source, data);
      if (!rendered.ok)
        for (const issue of rendered.issues) mistakes.add(`${where} 第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`);
      else subjects.push(rendered.subject);
    }
  }
  if (mistakes.size === 0 && subjects.length === 4 && subjects[0] === subjects[2]) {
    const line = source.split(/\r?\n/).findIndex((text) => /^\s*(?:标题|主题|Subject)\s*[：:]/i.test(text)) + 1;
    mistakes.add(
      `${where} 第 ${Math.max(line, 1)} 行：邮件标题对每个单位都相同（「${subjects[0]}」），成批发送相同标题的邮件会被 163 等邮箱判为垃圾邮件（554 DT:SPM），请在标题中写上 {{unit}}`,
    );
  }
  return [...mistakes];
}
