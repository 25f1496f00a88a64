/**
 * Resolves where a command works: the campaign folder (default: the bundled demo campaign),
 * the data folder (stored mail, caches) and the output folder.
 *
 * A campaign folder of the clerk's keeps its data and outputs inside it (<campaign>/data,
 * <campaign>/out). The bundled demo campaign is part of the program and must stay untouched,
 * so its data and outputs go to ./data and ./out of the current directory.
 */
import { join, resolve } from 'node:path';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir } from '../../intake/kernel/package-root.js';

export interface CommonOptions {
  campaign?: string;
  data?: string;
  out?: string;
}

export interface CommandContext {
  campaign: Campaign;
  dataDir: string;
  outDir: string;
}

export async function resolveContext(options: CommonOptions): Promise<CommandContext> {
  const bundled = options.campaign === undefined;
  const campaignDir = bundled ? bundledCampaignDir() : resolve(options.campaign!);
  const campaign = await loadCampaign(campaignDir, { bundled });
  const base = bundled ? process.cwd() : campaignDir;
  return {
    campaign,
    dataDir: options.data !== undefined ? resolve(options.data) : join(base, 'data'),
    outDir: options.out !== undefined ? resolve(options.out) : join(base, 'out'),
  };
}
