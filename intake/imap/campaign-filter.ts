/**
 * Which messages of a shared office mailbox may belong to the campaign, judged from what the
 * server says before downloading (see message-summary.ts). Generous on purpose: downloading an
 * unrelated message costs a little disk; missing a unit's submission costs the unit a 未报送.
 *
 * Taken in: any message with an attachment (or a forwarded message); a message from a registered
 * unit address (or forwarding one's); a subject with a campaign keyword, the name of any of its
 * tables, the campaign title or document number, or a roster unit's name or alias.
 * Left alone: everything else (plain office mail without attachments) — never downloaded — and
 * the office's own mail (X-Huizong-Outbox: a receipt, a reminder, the clerk's copy), whatever it
 * carries.
 * Pure: campaign data in, a judge out.
 */
import type { Campaign } from '../kernel/campaign/campaign.js';
import { looseKey } from '../kernel/text/normalize.js';
import { nameIndex, unitsMentionedIn } from '../kernel/unit-names.js';
import type { MessageSummary } from './message-summary.js';

export type Verdict = { take: true; reason: string } | { take: false; reason: string };

export type CampaignFilter = (message: MessageSummary) => Verdict;

export function createCampaignFilter(campaign: Pick<Campaign, 'file' | 'roster' | 'tables'>): CampaignFilter {
  const addresses = new Map<string, string>();
  for (const unit of campaign.roster) for (const email of unit.emails) addresses.set(email.toLowerCase(), unit.name);
  const names = nameIndex(campaign.roster);
  const keywords = [
    ...new Set(
      [...campaign.file.keywords, ...campaign.tables.map((table) => table.name), campaign.file.title, campaign.file.documentNumber]
        .map(looseKey)
        .filter((key) => key.length >= 2),
    ),
  ];

  const mentions = (text: string): string | null => {
    const folded = looseKey(text);
    const keyword = keywords.find((key) => folded.includes(key));
    if (keyword) return `含关键词「${keyword}」`;
    const units = unitsMentionedIn(text, names);
    return units.length > 0 ? `提到单位「${units[0]}」` : null;
  };

  return (message) => {
    if (message.ownMail)
      return {
        take: false,
        reason: '汇总自己发出的邮件（回执、催报、发给秘书科的汇总表），不是报送材料',
      };
    if (message.attachmentCount > 0) return { take: true, reason: `有 ${message.attachmentCount} 个附件` };
    const sender = [...message.senders, ...message.forwardedFrom].find((address) => addresses.has(address));
    if (sender)
      return {
        take: true,
        reason: `发件邮箱 ${sender} 登记为「${addresses.get(sender)}」`,
      };
    const found = mentions(message.subject);
    if (found) return { take: true, reason: `标题${found}` };
    return {
      take: false,
      reason: '无附件，发件人未登记，标题不含活动关键词或单位名称',
    };
  };
}
