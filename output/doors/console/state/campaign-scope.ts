/**
 * How the console reads and runs one campaign: alone (`serve --campaign DIR`: its own store, the
 * runner over it alone, exactly as before), or as one campaign of a workspace (`serve
 * --workspace W`: the workspace's store, and every run routes the stored mail between all the
 * workspace's campaigns, read anew each time, before this one is merged — so its pages show what
 * `status --workspace W --campaign <name>` shows).
 */
import { join } from 'node:path';
import { OFFICE_FILE } from '../../../../intake/kernel/workspace/office-settings.js';
import { campaignFolders } from '../../../../intake/kernel/workspace/workspace.js';
import { type CommandContext, type CommonOptions, resolveContext } from '../../../runner/context.js';
import { type RunOutcome, type RunRequest, runCampaignOf, runPipeline } from '../../../runner/runner.js';
import type { FactsInMemory } from '../../../runner/stages/analyse.js';
import { routeName } from '../../../runner/stages/route.js';
import { resolveWorkspace } from '../../../runner/workspace-context.js';
import { campaignPaths, inputSignature, signatureOf, storePaths } from './input-signature.js';

export type ScopedRequest = Omit<RunRequest, 'store' | 'campaigns' | 'only'>;
export type ScopedOutcome = RunOutcome & { run: RunOutcome['campaigns'][number] | null };

export interface CampaignScope {
  /** The campaign folder read again (the clerk may have changed the roster or campaign.yaml by hand). */
  load(): Promise<CommandContext>;
  /** The runner for this campaign (the caller holds the data lock when it writes). */
  run(context: CommandContext & { facts?: FactsInMemory }, request: ScopedRequest): Promise<ScopedOutcome>;
  /** A cheap fingerprint of everything its merge reads (input-signature.ts). */
  signature(context: CommandContext): Promise<string>;
}

export function loneScope(options: CommonOptions): CampaignScope {
  return {
    load: () => resolveContext(options),
    run: (context, request) => runCampaignOf(context, request),
    signature: (context) => inputSignature(context.campaign.dir, context.storeDir),
  };
}

async function workspaceContextOf(dir: string, name: string) {
  const workspace = await resolveWorkspace(dir);
  const place = workspace.campaigns.find((item) => routeName(item) === name);
  if (!place) throw new Error(`工作区中没有活动「${name}」`);
  return { workspace, context: { ...place, storeDir: workspace.storeDir } as CommandContext };
}

/** Campaign `name` of the workspace in `dir`. */
export function workspaceScope(dir: string, name: string): CampaignScope {
  return {
    load: async () => (await workspaceContextOf(dir, name)).context,
    run: async (context, request) => {
      const { workspace } = await workspaceContextOf(dir, name);
      // The campaign as the caller holds it (with the facts it has in memory), the others as they are now.
      const campaigns = workspace.campaigns.map((place) => (routeName(place) === name ? context : place));
      const outcome = await runPipeline({ ...request, store: workspace, campaigns, only: [name] });
      return { ...outcome, run: outcome.campaigns[0] ?? null };
    },
    // Routing weighs every campaign: a change in any of them (or a new one) may move this one's mail.
    signature: async (context) => {
      const folders = await campaignFolders(dir);
      const paths = [join(dir, OFFICE_FILE), ...(await storePaths(context.storeDir))];
      for (const folder of folders) paths.push(...(await campaignPaths(join(dir, folder))));
      return `${folders.join('\0')}\n${await signatureOf(paths)}`;
    },
  };
}
