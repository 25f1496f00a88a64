/** The test campaigns of other shapes than the 2013 notice (test/fixtures/campaigns/), loaded once per test file. */
import { join } from 'node:path';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { packageRoot } from '../../intake/kernel/package-root.js';

export const FIXTURE_CAMPAIGNS = ['gongkai-2026', 'huamingce-2026', 'yinhuan-2026'] as const;
export type FixtureCampaign = (typeof FIXTURE_CAMPAIGNS)[number];

export function fixtureCampaignDir(name: FixtureCampaign): string {
  return join(packageRoot(), 'test', 'fixtures', 'campaigns', name);
}

const loaded = new Map<FixtureCampaign, Promise<Campaign>>();

export function fixtureCampaign(name: FixtureCampaign): Promise<Campaign> {
  if (!loaded.has(name)) loaded.set(name, loadCampaign(fixtureCampaignDir(name)));
  return loaded.get(name)!;
}
