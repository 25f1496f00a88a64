/**
 * Where a run works, in two parts that issue 25 (several campaigns reading one mailbox) keeps
 * apart:
 * - the store (`StorePlace`): where raw mail lives — the raw store, the IMAP cursor, state.json
 *   (when the mailbox was last read), the folder-seen cache, the data lock. One per mailbox.
 * - a campaign's place (`CampaignPlace`): the campaign folder, its caches (facts index,
 *   merge-result cache, checked campaign files), its journals and outbox, its output folder.
 * A lone campaign keeps both in one folder (the store is its data folder); a workspace has one
 * store for all its campaigns (workspace-context.ts).
 *
 * The campaign folder defaults to the bundled demo campaign. A campaign folder of the clerk's
 * keeps its data and outputs inside it (<campaign>/data, <campaign>/out). The bundled demo
 * campaign is part of the program and must stay untouched, so its data and outputs go to ./data
 * and ./out of the current directory.
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

/** Where raw mail lives, shared by every campaign that reads from it. */
export interface StorePlace {
  storeDir: string;
}

/** One campaign's own place. */
export interface CampaignPlace {
  campaign: Campaign;
  /** The campaign's caches, journals and outbox. */
  dataDir: string;
  outDir: string;
  /** campaign.yaml, roster and decisions.yaml as last checked (parsed-cache.ts); absent: read them each time. */
  parsed?: ParsedCampaignCache;
  /** Within a workspace: how it is named (its folder's name) and whether it is archived (read-only). */
  workspace?: { name: string; archived: boolean };
}

/** What a command of one campaign works on: its place and the store it reads from. */
export interface CommandContext extends StorePlace, CampaignPlace {}

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
    storeDir: dataDir,
    dataDir,
    outDir: options.out !== undefined ? resolve(options.out) : join(base, 'out'),
    parsed,
  };
}

/** The clerk's decisions.yaml for this campaign (checked against the roster). */
export async function contextDecisions(place: CampaignPlace): Promise<Decisions> {
  if (place.parsed) {
    const decisions = await place.parsed.decisions(place.campaign);
    await place.parsed.save();
    return decisions;
  }
  const { loadDecisions } = await import('../../intake/kernel/campaign/decisions.js');
  return loadDecisions(
    place.campaign.dir,
    place.campaign.roster.map((unit) => unit.name),
  );
}
