/**
 * `huizong serve` once its options are checked: the first merge, the web server, the intake
 * schedule; then it runs until SIGINT or SIGTERM, when the poll in progress finishes, the server
 * closes and the command returns 0.
 */
import type { AddressInfo } from 'node:net';
import type { PollReport } from '../../../intake/imap/poll.js';
import { HuizongError } from '../../../intake/kernel/errors.js';
import type { CommandContext, CommonOptions } from '../context.js';
import type { Console } from '../lines.js';
import { ConsoleIntake, type MailSource } from './console-intake.js';
import { ConsoleState } from './console-state.js';
import { buildConsoleServer } from './server.js';

export interface StartOptions {
  options: CommonOptions;
  context: CommandContext;
  host: string;
  port: number;
  allowHosts: readonly string[];
  passwordHash: string | null;
  source: MailSource | null;
  console: Console;
  describePoll: (report: PollReport, started: Date, durationMs: number) => string;
}

/** The address to show: a wildcard listen address is reached through a real one. */
export function consoleUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export async function startConsole(start: StartOptions): Promise<number> {
  const state = new ConsoleState(start.options, start.context);
  await state.current();
  const intake = new ConsoleIntake(state, start.source, start.console, start.describePoll);
  const app = await buildConsoleServer({
    state,
    intake,
    host: start.host,
    port: start.port,
    allowHosts: start.allowHosts,
    passwordHash: start.passwordHash,
    log: (line) => start.console.err(line),
  });
  try {
    await app.listen({ host: start.host, port: start.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new HuizongError('IO', `端口 ${start.port} 已被占用（可能已有一个 huizong serve 在运行），可用 --port 换一个端口`);
    if (code === 'EADDRNOTAVAIL') throw new HuizongError('USAGE', `本机没有地址 ${start.host}，请检查 --host`);
    throw error;
  }
  start.console.out(`控制台：${consoleUrl(start.host, (app.server.address() as AddressInfo).port)}`);
  // Changes made beside the console (the CLI, Notepad) reach open pages without anyone reloading.
  const watcher = setInterval(() => void state.current().catch(() => {}), 5_000);
  watcher.unref();

  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      start.console.err('收到结束信号，当前步骤完成后结束……');
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await intake.start(start.context.campaign.file.schedule);
  await stopped;
  clearInterval(watcher);
  await intake.close();
  await app.close();
  start.console.out('控制台已停止');
  return 0;
}
