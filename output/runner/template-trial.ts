/**
 * A template filled with the data of a campaign nobody has reported to yet: what only shows once
 * filled (a table in the wrong place, a marker produced by a field). `huizong check` and the
 * console's 模板 page both run it after the template's own checks.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { renderOfficialDocument } from '../documents/render-document.js';
import { buildTemplateData } from '../documents/template-data.js';
import { mergeCampaign } from './stages/merge.js';

/** The mistakes, each "<where>（填入数据后的文字） 第 L 行第 C 列：…"; none: the template fills. */
export async function trialRender(campaign: Campaign, decisions: Decisions, source: string, where: string): Promise<string[]> {
  const result = mergeCampaign({ campaign, decisions, messages: [], lastPollAt: null });
  const data = buildTemplateData({ campaign, result, decisions, generatedAt: campaign.file.deadline });
  const rendered = await renderOfficialDocument({ campaign, source, data, title: where, draft: true });
  if (rendered.ok) return [];
  return rendered.issues.map(
    (issue) => `${where}${rendered.filled ? '（填入数据后的文字）' : ''} 第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`,
  );
}
