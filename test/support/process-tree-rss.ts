/**
 * Runs a command and measures the memory of its whole process tree — huizong and the analysis
 * children it starts (each in a process group of its own, so they are found by parentage, not by
 * group) — from /proc. Every process's own peak (VmHWM) is kept as last seen, so the sum of the
 * peaks is an upper bound of the tree's peak at any one moment; the largest simultaneous sum of
 * resident memory (VmRSS) seen is reported beside it. Sampling can only miss memory, never add
 * any: an upper limit asserted on these figures does not depend on timing. Linux only.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
  stderr: string;
  /** Largest sum of resident memory of the tree seen at one moment, MB. */
  peakTreeRssMb: number;
  /** Sum over every process of the tree of its own peak, MB (≥ the tree's true peak, as sampled). */
  sumOfPeaksMb: number;
  /** The peak of the command's own process, MB. */
  mainPeakMb: number;
  /** The largest peak of any one descendant, MB. */
  childPeakMb: number;
}

function statusOf(pid: number): { ppid: number; rssKb: number; hwmKb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { ppid: field('PPid'), rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return null;
  }
}

/** The pids of `root` and all its descendants now. */
export function processTree(root: number): Map<number, { rssKb: number; hwmKb: number }> {
  const all = new Map<number, { ppid: number; rssKb: number; hwmKb: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const status = statusOf(Number(name));
    if (status) all.set(Number(name), status);
  }
  const tree = new Map<number, { rssKb: number; hwmKb: number }>();
  const walk = (pid: number) => {
    const own = all.get(pid);
    if (!own || tree.has(pid)) return;
    tree.set(pid, own);
    for (const [child, status] of all) if (status.ppid === pid) walk(child);
  };
  walk(root);
  return tree;
}

export function runMeasured(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; everyMs?: number; onSample?: (pid: number) => void } = {},
): Promise<TreeRun> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const peaks = new Map<number, number>();
    let peakTree = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      let sum = 0;
      for (const [pid, status] of processTree(child.pid)) {
        sum += status.rssKb;
        peaks.set(pid, Math.max(peaks.get(pid) ?? 0, status.hwmKb));
      }
      peakTree = Math.max(peakTree, sum);
      options.onSample?.(child.pid);
    };
    const timer = setInterval(sample, options.everyMs ?? 100);
    child.on('error', (error) => {
      stderr += String(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      const mb = (kb: number) => Math.round(kb / 1024);
      const mainPeak = child.pid === undefined ? 0 : (peaks.get(child.pid) ?? 0);
      const childPeaks = [...peaks.entries()].filter(([pid]) => pid !== child.pid).map(([, kb]) => kb);
      done({
        code,
        signal,
        ms: Date.now() - started,
        stdout,
        stderr,
        peakTreeRssMb: mb(peakTree),
        sumOfPeaksMb: mb([...peaks.values()].reduce((a, b) => a + b, 0)),
        mainPeakMb: mb(mainPeak),
        childPeakMb: mb(Math.max(0, ...childPeaks)),
      });
    });
  });
}
