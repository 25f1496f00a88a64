/**
 * A workspace as the runner serves it (the kernel's workspace/ reads the folder): one store for
 * every campaign (<workspace>/data), and each campaign's own place — its folder, its data/ for
 * caches, journals and outbox, its out/ — with the office's mailbox and SMTP unless it writes its
 * own, and its workspace name and archive state.
 */
import { join } from 'node:path';
import { ParsedCampaignCache } from '../../intake/kernel/campaign/parsed-cache.js';
import { withOfficeSettings } from '../../intake/kernel/workspace/campaign-settings.js';
import { openWorkspace, type Workspace, type WorkspaceEntry } from '../../intake/kernel/workspace/workspace.js';
import type { CampaignPlace, StorePlace } from './context.js';

export interface WorkspaceContext extends StorePlace {
  workspace: Workspace;
  /** Every campaign, active and archived, in the workspace's order. */
  campaigns: CampaignPlace[];
}

/** One campaign's place; its campaign.yaml and roster checked (a mistake is a CONFIG error naming the file). */
export async function workspaceCampaign(
  workspace: Workspace,
  entry: WorkspaceEntry,
  settings: { readOnly?: boolean } = {},
): Promise<CampaignPlace> {
  const dataDir = join(entry.dir, 'data');
  const parsed = await ParsedCampaignCache.open(dataDir, settings.readOnly !== true);
  const campaign = withOfficeSettings(await parsed.campaign(entry.dir, false), workspace.office);
  await parsed.save();
  return {
    campaign,
    dataDir,
    outDir: join(entry.dir, 'out'),
    parsed,
    workspace: { name: entry.name, archived: entry.archived !== null },
  };
}

/** `readOnly`: the command writes nothing (status), not even the caches of the checked campaign files. */
export async function resolveWorkspace(dir: string, settings: { readOnly?: boolean } = {}): Promise<WorkspaceContext> {
  const workspace = await openWorkspace(dir);
  const campaigns: CampaignPlace[] = [];
  for (const entry of workspace.campaigns) campaigns.push(await workspaceCampaign(workspace, entry, settings));
  return { workspace, storeDir: workspace.storeDir, campaigns };
}
