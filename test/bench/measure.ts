/**
 * Runs a node script as a child process and measures its wall time and peak memory: the largest
 * process's own maximum (the script reports it) and the whole process tree's, sampled from /proc
 * every 50 ms as the sum of the resident memory of the script and every process it started (the
 * analysis children, LibreOffice) at the same moment.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measurement {
  ms: number;
  maxRssMb: number;
  /** Peak of the summed RSS of the whole process tree (Linux; NaN elsewhere). */
  treeRssMb: number;
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
    let treePeak = Number.NaN;
    const sampler = setInterval(() => {
      const now = treeRssKb(child.pid!);
      if (now > 0) treePeak = Number.isNaN(treePeak) ? now : Math.max(treePeak, now);
    }, 50);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = /HUIZONG_MAXRSS_KB=(\d+)/.exec(stderr)?.[1];
      resolve({ ms, maxRssMb: rss ? Number(rss) / 1024 : Number.NaN, treeRssMb: treePeak / 1024, code: code ?? 1, stderr, stdout });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Resident memory of a process and all its descendants now, in KB (0 when /proc cannot be read). */
export function treeRssKb(root: number): number {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) in parentheses: state, ppid, …; rss is field 24 (pages).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const parent = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  for (const queue = [root]; queue.length > 0; ) {
    const pid = queue.pop()!;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}
