/** The bundled demo campaign, loaded once per test file. */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir } from '../../intake/kernel/package-root.js';

let campaign: Promise<Campaign> | undefined;

export function demoCampaign(): Promise<Campaign> {
  campaign ??= loadCampaign(bundledCampaignDir(), { bundled: true });
  return campaign;
}
