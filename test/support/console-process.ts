/**
 * Runs the real, built `huizong serve` as a child process, as the IT person starts it, and
 * reads the address from its first line of standard output.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { CLI_PATH } from './cli.js';

export interface RunningConsole {
  url: string;
  child: ChildProcess;
  /** Everything written so far. */
  stdout: string[];
  stderr: string[];
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startServe(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd: string = packageRoot()): Promise<RunningConsole> {
  const child = spawn(process.execPath, [CLI_PATH, 'serve', '--port', '0', ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout.push(line);
      if (stdout.length !== 1) return;
      const url = /^控制台：(http:\/\/\S+)$/.exec(line)?.[1];
      if (!url) return reject(new Error(`unexpected first line: ${line}`));
      resolve({
        url,
        child,
        stdout,
        stderr,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before printing its address:\n${stderr.join('\n')}`)));
  });
}
