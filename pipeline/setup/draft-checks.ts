/**
 * What the console's 新建活动 page asks of a draft while the clerk corrects it: a rule line checked
 * as it is typed (with the same messages as `huizong check`), and the whole draft checked as the
 * campaign.yaml it will become. Pure.
 */
import { campaignTextMistakes } from '../../intake/kernel/campaign/campaign-yaml-edit.js';
import { checkRuleLine } from '../../intake/kernel/campaign/rules/read-rules.js';
import type { TableDef } from '../../intake/kernel/campaign/tables.js';
import type { CampaignDraft } from './derive-campaign.js';
import { draftCampaignYaml } from './draft-yaml.js';
import { tableDefOf } from './table-entries.js';

/** The draft's tables as the program will read them (columns flattened and named). */
export function draftTableDefs(draft: Pick<CampaignDraft, 'tables'>): TableDef[] {
  return draft.tables.map((table) => tableDefOf(table).def);
}

export type RuleLineCheck = { ok: true } | { ok: false; message: string; at?: number };

/** One rule line against the draft's tables: right, or its mistake and where in the line. */
export function checkDraftRule(draft: Pick<CampaignDraft, 'tables'>, line: string): RuleLineCheck {
  const checked = checkRuleLine(line, draftTableDefs(draft));
  if ('operands' in checked) return { ok: true };
  return { ok: false, message: checked.message, ...(checked.at !== undefined ? { at: checked.at } : {}) };
}

/** What `huizong check` would say of the campaign.yaml the draft becomes: empty when it is right. */
export function draftMistakes(draft: CampaignDraft): string[] {
  return campaignTextMistakes(draftCampaignYaml(draft));
}
