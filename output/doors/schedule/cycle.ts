/**
 * One intake cycle, as `run` does it by hand and `watch` and `serve` on their schedule: hold the
 * store, take in new mail, rebuild every output that changed (the runner), notify when asked,
 * and let the caller take what was made while the lock is still held (the console adopts its new
 * state there, so pages never show outputs newer than their data). For one campaign
 * (`runCycle`) or for every campaign of a workspace at once (`runWorkspaceCycle`: one poll per
 * mailbox, each active campaign rebuilt and notified, each campaign's run in the outcome).
 */
import type { CommandContext } from '../../runner/context.js';
import type { ListRows } from '../../runner/merge-result-cache.js';
import { type CampaignRun, type RunOutcome, runCampaignOf, runPipeline } from '../../runner/runner.js';
import type { RunnerEvents } from '../../runner/stage-events.js';
import type { MailSource } from '../../runner/stages/intake.js';
import type { WorkspaceContext } from '../../runner/workspace-context.js';
import type { Printer } from '../printer.js';
import { withStoreLock } from '../store-lock.js';

export type CycleOutcome = RunOutcome & { run: CampaignRun | null };

export interface CycleRequest {
  context: CommandContext;
  source: MailSource;
  /** What the lock shows to others ("run", "watch", "serve"), and how long to wait for another holder. */
  lock: { command: string; waitMs: number };
  /** Hears when the cycle waits for the lock. */
  printer?: Printer;
  /** Receipts, reminders, the clerk's copy (the scheduled cycles). */
  notify: boolean;
  /** Stop after intake: the outputs are then not rebuilt this cycle. */
  signal?: AbortSignal;
  events?: RunnerEvents;
  /** 'skip' when the caller only prints statuses (`run`): a merge that stands is read without its lists' rows. */
  listRows?: ListRows;
  /** Called under the lock with what the cycle made, and the context it was made for. */
  settle?: (outcome: CycleOutcome, context: CommandContext) => Promise<void> | void;
}

export async function runCycle(request: CycleRequest): Promise<CycleOutcome> {
  const { context } = request;
  return withStoreLock(context.storeDir, { ...request.lock, ...(request.printer ? { printer: request.printer } : {}) }, async () => {
    const outcome = await runCampaignOf(
      context,
      {
        source: request.source,
        outputs: 'write',
        notify: request.notify,
        ...(request.listRows ? { listRows: request.listRows } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      },
      request.events,
    );
    await request.settle?.(outcome, context);
    return outcome;
  });
}

export interface WorkspaceCycleRequest extends Omit<CycleRequest, 'context' | 'settle'> {
  workspace: WorkspaceContext;
  /** Only these campaigns (by name) are rebuilt; default every active one. */
  only?: readonly string[];
  /** Called under the lock with what the cycle made (every campaign's run), and the workspace it was made for. */
  settle?: (outcome: RunOutcome, workspace: WorkspaceContext) => Promise<void> | void;
}

export async function runWorkspaceCycle(request: WorkspaceCycleRequest): Promise<RunOutcome> {
  const { workspace } = request;
  return withStoreLock(workspace.storeDir, { ...request.lock, ...(request.printer ? { printer: request.printer } : {}) }, async () => {
    const outcome = await runPipeline(
      {
        store: workspace,
        campaigns: workspace.campaigns,
        ...(request.only ? { only: request.only } : {}),
        source: request.source,
        outputs: 'write',
        notify: request.notify,
        ...(request.listRows ? { listRows: request.listRows } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      },
      request.events,
    );
    await request.settle?.(outcome, workspace);
    return outcome;
  });
}
