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
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { ParsedCampaignCache } from '../../intake/kernel/campaign/parsed-cache.js';
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
  /** campaign.yaml, roster and decisions.yaml as last checked (parsed-cache.ts); absent: read them each time. */
  parsed?: ParsedCampaignCache;
}

/**
 * `readOnly`: the command writes nothing (status), not even the cache of the checked campaign
 * files; it still uses one a writing command left.
 */
export async function resolveContext(options: CommonOptions, settings: { readOnly?: boolean } = {}): Promise<CommandContext> {
  const bundled = options.campaign === undefined;
  const campaignDir = bundled ? bundledCampaignDir() : resolve(options.campaign!);
  const base = bundled ? process.cwd() : campaignDir;
  const dataDir = options.data !== undefined ? resolve(options.data) : join(base, 'data');
  const parsed = await ParsedCampaignCache.open(dataDir, settings.readOnly !== true);
  const campaign = await parsed.campaign(campaignDir, bundled);
  await parsed.save();
  return {
    campaign,
    dataDir,
    outDir: options.out !== undefined ? resolve(options.out) : join(base, 'out'),
    parsed,
  };
}

/** The clerk's decisions.yaml for this context (checked against the roster). */
export async function contextDecisions(context: CommandContext): Promise<Decisions> {
  if (context.parsed) {
    const decisions = await context.parsed.decisions(context.campaign);
    await context.parsed.save();
    return decisions;
  }
  const { loadDecisions } = await import('../../intake/kernel/campaign/decisions.js');
  return loadDecisions(
    context.campaign.dir,
    context.campaign.roster.map((unit) => unit.name),
  );
}
