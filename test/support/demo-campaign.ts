/** The bundled demo campaign, loaded once per test file. */
import type { Campaign } from '../../pipeline/campaign/campaign.js';
import { loadCampaign } from '../../pipeline/campaign/load-campaign.js';
import { bundledCampaignDir } from '../../pipeline/package-root.js';

let campaign: Promise<Campaign> | undefined;

export function demoCampaign(): Promise<Campaign> {
  campaign ??= loadCampaign(bundledCampaignDir(), { bundled: true });
  return campaign;
}
