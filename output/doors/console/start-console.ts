/**
 * `huizong serve` once its options are checked: the first merge, the web server, the intake
 * schedule (the same as `watch`'s: every cycle takes in mail, rebuilds and sends what notify:
 * says); then it runs until SIGINT or SIGTERM, when the cycle in progress finishes, the server
 * closes and the command returns 0.
 */
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HuizongError } from '../../../intake/kernel/errors.js';
import type { CommandContext, CommonOptions } from '../../runner/context.js';
import type { IntakeOutput } from '../../runner/stages/intake.js';
import type { Printer } from '../printer.js';
import { IntakeSchedule } from '../schedule/intake-schedule.js';
import type { FoundSource } from '../schedule/mail-source.js';
import { everyOutputSettled } from './actions/guards.js';
import { buildConsoleServer } from './server.js';
import { loneScope } from './state/campaign-scope.js';
import { ConsoleState } from './state/console-state.js';

export interface StartOptions {
  options: CommonOptions;
  context: CommandContext;
  host: string;
  port: number;
  allowHosts: readonly string[];
  passwordHash: string | null;
  /** Found anew for each cycle: the 授权码 saved in 活动设置 is used without a restart. */
  findSource: (context: CommandContext) => FoundSource;
  printer: Printer;
}

/** The address to show: a wildcard listen address is reached through a real one. */
export function consoleUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

/** How long an intake took (an IMAP poll says; a folder's read is quick enough not to matter). */
function durationOf(intake: IntakeOutput): number {
  return intake.kind === 'imap' ? intake.report.durationMs : 0;
}

function scheduleFor(state: ConsoleState, start: StartOptions): IntakeSchedule {
  return new IntakeSchedule({
    // The campaign folder read again for each cycle (the clerk may have changed the roster or campaign.yaml by hand).
    context: () => state.loadContext(),
    source: null,
    findSource: () => start.findSource(state.currentContext),
    command: 'serve',
    printer: start.printer,
    // Taken over while the lock is still held: pages never see outputs newer than their data.
    settle: async (outcome, context) => {
      if (outcome.intake)
        state.lastIntake = { at: new Date().toISOString(), durationMs: durationOf(outcome.intake), output: outcome.intake };
      if (outcome.run) await state.adopt({ ...outcome.run, context });
    },
    // Pages learn of the new mail (or of the failure) through the next snapshot.
    afterCycle: async () => {
      await state.current().catch(() => {});
      state.touch();
    },
  });
}

/** Resolves at SIGINT or SIGTERM. */
export function stopSignal(printer: Printer): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      printer.err('收到结束信号，当前步骤完成后结束……');
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Listens, or says in Chinese why it cannot. */
export async function listenOn(app: FastifyInstance, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new HuizongError('IO', `端口 ${port} 已被占用（可能已有一个 huizong serve 在运行），可用 --port 换一个端口`);
    if (code === 'EADDRNOTAVAIL') throw new HuizongError('USAGE', `本机没有地址 ${host}，请检查 --host`);
    throw error;
  }
}

/** What a console does from listening to its stop, the same for one campaign and a workspace. */
export interface ServeLoop {
  app: FastifyInstance;
  host: string;
  port: number;
  printer: Printer;
  /** Reads changes made beside the console (the CLI, Notepad), so open pages show them. */
  refresh: () => Promise<unknown>;
  schedule: IntakeSchedule;
  storeDir: string;
  /** The intake schedule (cron). */
  cron: string;
}

/** Listens, prints the address, polls on schedule until SIGINT or SIGTERM, then closes the schedule. */
export async function serveUntilStopped(loop: ServeLoop): Promise<void> {
  await listenOn(loop.app, loop.host, loop.port);
  // Before the address is printed: whoever reads it may stop the console at once, and a signal
  // that comes before a handler is installed ends the process without closing anything.
  const stopped = stopSignal(loop.printer);
  loop.printer.out(`控制台：${consoleUrl(loop.host, (loop.app.server.address() as AddressInfo).port)}`);
  const watcher = setInterval(() => void loop.refresh().catch(() => {}), 5_000);
  watcher.unref();
  // One schedule per store: beside a running `huizong watch`, the console polls only by hand.
  if (loop.schedule.polls && (await loop.schedule.claim(loop.storeDir)) !== null) {
    loop.schedule.status.scheduleNote = '另有 huizong watch 正在定时收信，控制台只在按“立即收信”时收信';
    loop.printer.err(loop.schedule.status.scheduleNote);
  } else loop.schedule.start(loop.cron);
  await stopped;
  clearInterval(watcher);
  await loop.schedule.close();
}

export async function startConsole(start: StartOptions): Promise<number> {
  const state = new ConsoleState(loneScope(start.options), start.context);
  await state.current();
  const schedule = scheduleFor(state, start);
  const app = await buildConsoleServer({
    state,
    schedule,
    host: start.host,
    port: start.port,
    allowHosts: start.allowHosts,
    passwordHash: start.passwordHash,
    // The demo campaign lives inside the program: new campaigns never go beside it.
    newCampaignParent: start.context.campaign.bundled ? null : dirname(start.context.campaign.dir),
    log: (line) => start.printer.err(line),
  });
  await serveUntilStopped({
    app,
    host: start.host,
    port: start.port,
    printer: start.printer,
    refresh: () => state.current(),
    schedule,
    storeDir: start.context.storeDir,
    cron: start.context.campaign.file.schedule,
  });
  // Outputs still being written behind a decision are finished, not left to the next merge.
  await everyOutputSettled();
  await app.close();
  start.printer.out('控制台已停止');
  return 0;
}
