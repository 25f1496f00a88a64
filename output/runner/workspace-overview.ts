/**
 * What the office sees first: every campaign of the workspace with its state — title, 文号,
 * deadline, archived or not, 数据截至, units by status, messages waiting for the clerk — and the
 * stored mail no campaign took. The console's campaign list and `status --workspace` show it.
 * Nothing is written: each campaign's last merge when nothing changed, else merged in memory.
 */
import type { ArchiveMark } from '../../intake/kernel/workspace/archive-mark.js';
import { readArchiveMark } from '../../intake/kernel/workspace/archive-mark.js';
import { UNIT_STATUSES, type UnitStatus } from '../../pipeline/merge/merge-result.js';
import type { MessageRoute } from '../../pipeline/route/route-mail.js';
import { type CampaignRun, type RunOutcome, runPipeline } from './runner.js';
import type { RunnerEvents } from './stage-events.js';
import { routeName } from './stages/route.js';
import type { WorkspaceContext } from './workspace-context.js';

export interface CampaignSummary {
  /** How the workspace names it (its folder). */
  name: string;
  dir: string;
  title: string;
  documentNumber: string;
  /** ISO, with its offset, as campaign.yaml writes it. */
  deadline: string;
  archived: ArchiveMark | null;
  asOf: string | null;
  units: number;
  /** Units by status, every status present (0 when none). */
  counts: Record<UnitStatus, number>;
  /** Messages 待核实 (the clerk must attribute them). */
  unidentified: number;
  messages: number;
}

export interface WorkspaceOverview {
  campaigns: CampaignSummary[];
  /** Stored mail no campaign lists (the office's own mail aside), oldest first. */
  unrouted: MessageRoute[];
  outcome: RunOutcome;
}

/** One campaign's line of the overview, from its run. Pure. */
export function summarizeCampaign(run: CampaignRun, archived: ArchiveMark | null): CampaignSummary {
  const { campaign } = run.place;
  const counts = Object.fromEntries(UNIT_STATUSES.map((status) => [status, 0])) as Record<UnitStatus, number>;
  for (const unit of run.result.units) counts[unit.status]++;
  return {
    name: routeName(run.place),
    dir: campaign.dir,
    title: campaign.file.title,
    documentNumber: campaign.file.documentNumber,
    deadline: campaign.file.deadline,
    archived,
    asOf: run.result.asOf,
    units: run.result.units.length,
    counts,
    unidentified: run.result.unidentified.length,
    messages: run.result.messages.length,
  };
}

export async function workspaceOverview(workspace: WorkspaceContext, events: RunnerEvents = {}): Promise<WorkspaceOverview> {
  const outcome = await runPipeline(
    {
      store: workspace,
      campaigns: workspace.campaigns,
      only: workspace.campaigns.map(routeName),
      outputs: 'none',
      reuseMerge: true,
      // Counts only: a merge that stands is read without its lists' rows.
      listRows: 'skip',
      routeAlways: true,
    },
    events,
  );
  const campaigns = await Promise.all(
    outcome.campaigns.map(async (run) => summarizeCampaign(run, await readArchiveMark(run.place.campaign.dir))),
  );
  return { campaigns, unrouted: outcome.routing?.unrouted ?? [], outcome };
}
