/**
 * `huizong serve --workspace W`: the campaign list and every campaign's pages (workspace-server.ts),
 * and one intake schedule for the whole workspace (office.yaml's; one poll per mailbox for every
 * active campaign, each rebuilt and notified, each campaign's console state handed its run);
 * then it runs until SIGINT or SIGTERM, as the console of one campaign does.
 */
import { resolveWorkspace, type WorkspaceContext } from '../../runner/workspace-context.js';
import type { Printer } from '../printer.js';
import { IntakeSchedule } from '../schedule/intake-schedule.js';
import type { FoundSource } from '../schedule/mail-source.js';
import { everyOutputSettled } from './actions/guards.js';
import { serveUntilStopped } from './start-console.js';
import { WorkspaceStates } from './state/workspace-states.js';
import { buildWorkspaceServer } from './workspace-server.js';

export interface StartWorkspaceOptions {
  workspace: WorkspaceContext;
  host: string;
  port: number;
  allowHosts: readonly string[];
  passwordHash: string | null;
  /** Found anew for each cycle: a 授权码 saved in 活动设置 is used without a restart. */
  findSource: (workspace: WorkspaceContext) => FoundSource;
  printer: Printer;
}

function scheduleFor(states: WorkspaceStates, start: StartWorkspaceOptions): IntakeSchedule {
  return new IntakeSchedule({
    // The workspace read again for each cycle (a campaign added, archived or changed by hand).
    workspace: () => resolveWorkspace(states.dir),
    source: null,
    // The workspace as started (the stored 授权码 is looked for anew each time; a campaign's new mailbox needs a restart).
    findSource: () => start.findSource(start.workspace),
    command: 'serve',
    printer: start.printer,
    // Taken over while the lock is still held: pages never see outputs newer than their data.
    settleWorkspace: (outcome, workspace) => states.settle(outcome, workspace),
    afterCycle: () => states.touchAll(),
  });
}

export async function startWorkspaceConsole(start: StartWorkspaceOptions): Promise<number> {
  const states = new WorkspaceStates(start.workspace.workspace.dir);
  const schedule = scheduleFor(states, start);
  const server = await buildWorkspaceServer({
    states,
    schedule,
    host: start.host,
    port: start.port,
    allowHosts: start.allowHosts,
    passwordHash: start.passwordHash,
    log: (line) => start.printer.err(line),
  });
  await serveUntilStopped({
    app: server.app,
    host: start.host,
    port: start.port,
    printer: start.printer,
    refresh: () => states.touchChanged(),
    schedule,
    storeDir: start.workspace.storeDir,
    cron: start.workspace.workspace.office.schedule,
  });
  // Outputs still being written behind a decision are finished, not left to the next merge.
  await everyOutputSettled();
  await server.app.close();
  await server.close();
  start.printer.out('控制台已停止');
  return 0;
}
