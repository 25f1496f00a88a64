/**
 * A table of a message validated against its campaign's definition, once per table, campaign and
 * file (memo.ts): the console merges the same facts again at every decision.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { FoundTable } from '../extract/find-table.js';
import { type ValidatedTable, validateTable } from '../validate/validate-table.js';
import { PerCampaign } from './memo.js';

const validated = new PerCampaign<FoundTable, ValidatedTable>();

export function validatedTable(table: FoundTable, campaign: Campaign, file: string): ValidatedTable {
  return validated.get(campaign, table, () => validateTable(table, campaign, { file }), file);
}
