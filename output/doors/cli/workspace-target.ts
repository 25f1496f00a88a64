/**
 * What a command works on: one campaign (`--campaign DIR`, or the bundled demo: exactly as
 * before), or a workspace (`--workspace W`), all of its campaigns or the one named with
 * `--campaign <name>`. In a workspace the store is <workspace>/data and each campaign keeps its
 * data/ and out/ in its own folder, so --data and --out belong to a lone campaign only.
 */
import { HuizongError } from '../../../intake/kernel/errors.js';
import { type CampaignPlace, type CommandContext, type CommonOptions, resolveContext } from '../../runner/context.js';
import type { WorkspaceContext } from '../../runner/workspace-context.js';

export const WORKSPACE_OPTION = { workspace: { type: 'string' } } as const;

export type Target =
  | { kind: 'campaign'; context: CommandContext }
  | {
      kind: 'workspace';
      workspace: WorkspaceContext;
      /** The campaign named with --campaign, or null: every campaign. */
      named: CampaignPlace | null;
    };

export interface TargetOptions extends CommonOptions {
  workspace?: string;
}

/** A campaign of the workspace as a command of one campaign sees it: its place and the workspace's store. */
export function campaignContext(workspace: WorkspaceContext, place: CampaignPlace): CommandContext {
  return { ...place, storeDir: workspace.storeDir };
}

export async function resolveTarget(options: TargetOptions, settings: { readOnly?: boolean } = {}): Promise<Target> {
  if (options.workspace === undefined) return { kind: 'campaign', context: await resolveContext(options, settings) };
  if (options.data !== undefined || options.out !== undefined)
    throw new HuizongError('USAGE', '--data 和 --out 只用于单个活动（--campaign 文件夹），不能与 --workspace 同用', {
      details: ['工作区的来信存档在 <工作区>/data 中，每个活动的缓存和输出在各自活动文件夹的 data/、out/ 中'],
    });
  // The office's settings (YAML, zod) load only for a workspace: a lone campaign's `status` does not pay for them.
  const { resolveWorkspace } = await import('../../runner/workspace-context.js');
  const { workspaceEntry } = await import('../../../intake/kernel/workspace/workspace.js');
  const workspace = await resolveWorkspace(options.workspace, settings);
  if (options.campaign === undefined) return { kind: 'workspace', workspace, named: null };
  const entry = workspaceEntry(workspace.workspace, options.campaign);
  return { kind: 'workspace', workspace, named: workspace.campaigns.find((place) => place.campaign.dir === entry.dir)! };
}

/** A command that works on one campaign at a time (receipts, remind, outbox --confirm): --campaign is needed in a workspace. */
export function namedCampaign(target: Extract<Target, { kind: 'workspace' }>, command: string): CampaignPlace {
  if (target.named) return target.named;
  const names = target.workspace.campaigns.map((place) => place.workspace!.name);
  throw new HuizongError('USAGE', `huizong ${command} --workspace 需要用 --campaign <活动名称> 指定一个活动`, {
    details: [names.length > 0 ? `工作区中的活动：${names.join('、')}` : '工作区中还没有活动'],
  });
}

/** The archived campaign refuses what would change it. */
export function refuseArchived(place: CampaignPlace, doing: string): void {
  if (place.workspace?.archived)
    throw new HuizongError('USAGE', `活动「${place.workspace.name}」已归档（只读），不再${doing}`, {
      details: [`如需恢复，删除 ${place.campaign.dir}/archived.yaml`],
    });
}
