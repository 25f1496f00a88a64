/**
 * Runs the real, built CLI (dist/, built by `npm test` before vitest starts) as a child process,
 * the way a clerk or a script runs it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const CLI_PATH = join(packageRoot(), 'dist', 'output', 'doors', 'cli', 'main.js');

export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI_PATH, ...args],
      {
        cwd: options.cwd ?? packageRoot(),
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
