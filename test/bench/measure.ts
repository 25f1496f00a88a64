/** Runs a node script as a child process and measures its wall time and peak memory. */
import { spawn } from 'node:child_process';

export interface Measurement {
  ms: number;
  maxRssMb: number;
  code: number;
  stderr: string;
  stdout: string;
}

export function measure(
  script: string,
  args: readonly string[],
  cwd: string,
  options: { captureStdout?: boolean; nodeOptions?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), script, ...args], {
      cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = /HUIZONG_MAXRSS_KB=(\d+)/.exec(stderr)?.[1];
      resolve({ ms, maxRssMb: rss ? Number(rss) / 1024 : Number.NaN, code: code ?? 1, stderr, stdout });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
