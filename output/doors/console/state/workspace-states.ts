/**
 * The console's state of every campaign of a workspace: one ConsoleState per campaign folder,
 * made when the campaign is first asked for (a campaign made with 新建活动, or by `huizong init`
 * beside the running console, appears without a restart), each routed among all the workspace's
 * campaigns (campaign-scope.ts). The campaign list reads their snapshots; a workspace cycle hands
 * each campaign its own run.
 */
import { campaignFolders } from '../../../../intake/kernel/workspace/workspace.js';
import type { RunOutcome } from '../../../runner/runner.js';
import type { IntakeOutput } from '../../../runner/stages/intake.js';
import { routeName } from '../../../runner/stages/route.js';
import type { WorkspaceContext } from '../../../runner/workspace-context.js';
import { workspaceScope } from './campaign-scope.js';
import { ConsoleState, type LastIntake } from './console-state.js';

/** How long an intake took (an IMAP poll says; a folder's read is quick enough not to matter). */
function durationOf(intake: IntakeOutput): number {
  return intake.kind === 'imap' ? intake.report.durationMs : 0;
}

export class WorkspaceStates {
  private readonly states = new Map<string, Promise<ConsoleState>>();
  /** The workspace's last intake, told on every campaign's 总览. */
  lastIntake: LastIntake | null = null;

  constructor(readonly dir: string) {}

  /** The campaign folders now, by name. */
  names(): Promise<string[]> {
    return campaignFolders(this.dir);
  }

  /** The state of campaign `name`, or null when the workspace has no such campaign (now). */
  async get(name: string): Promise<ConsoleState | null> {
    const known = this.states.get(name);
    if (known) return known.catch(() => this.fresh(name));
    if (!(await this.names()).includes(name)) return null;
    return this.fresh(name);
  }

  /** Every campaign's state, in the workspace's order (a campaign that cannot be read is left out, with why). */
  async all(): Promise<{ name: string; state: ConsoleState | null; problem: string | null }[]> {
    const lines = [];
    for (const name of await this.names()) {
      try {
        lines.push({ name, state: await this.get(name), problem: null });
      } catch (error) {
        lines.push({ name, state: null, problem: (error as Error).message });
      }
    }
    return lines;
  }

  /** What a workspace cycle made, taken by each campaign's state (under the data lock). */
  async settle(outcome: RunOutcome, workspace: WorkspaceContext): Promise<void> {
    if (outcome.intake) this.lastIntake = { at: new Date().toISOString(), durationMs: durationOf(outcome.intake), output: outcome.intake };
    for (const known of this.states.values()) {
      const state = await known.catch(() => null);
      if (state) state.lastIntake = this.lastIntake;
    }
    for (const run of outcome.campaigns) {
      const known = this.states.get(routeName(run.place));
      if (!known) continue;
      const state = await known.catch(() => null);
      await state?.adopt({ ...run, context: { ...run.place, storeDir: workspace.storeDir } });
    }
  }

  /** Tells every campaign's open pages that the cycle finished. */
  async touchAll(): Promise<void> {
    for (const known of this.states.values()) {
      const state = await known.catch(() => null);
      await state?.current().catch(() => {});
      state?.touch();
    }
  }

  /** Every opened campaign merged again when an input changed beside the console (its open pages then hear of it). */
  async touchChanged(): Promise<void> {
    for (const known of this.states.values()) await (await known.catch(() => null))?.current();
  }

  private fresh(name: string): Promise<ConsoleState> {
    const scope = workspaceScope(this.dir, name);
    const made = (async () => {
      const state = new ConsoleState(scope, await scope.load());
      state.lastIntake = this.lastIntake;
      await state.current();
      return state;
    })();
    this.states.set(name, made);
    // A campaign that could not be read is tried again on the next request.
    made.catch(() => this.states.delete(name));
    return made;
  }
}
