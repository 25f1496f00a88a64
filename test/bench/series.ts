/**
 * What the benchmark scripts share: running the CLI and the floor as measured child processes,
 * figures kept with the floor of their round, and mail to add to a campaign.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { type Measurement, measure, median } from './measure.js';

const root = packageRoot();
const CLI = join(root, 'dist', 'test', 'bench', 'cli-with-rss.js');
const FLOOR = join(root, 'dist', 'test', 'bench', 'floor.js');
/** The node options of the huizong command's first line (output/doors/cli/main.ts), so the CLI is measured as it runs. */
export const CLI_NODE_OPTIONS = (readFileSync(join(root, 'dist', 'output', 'doors', 'cli', 'main.js'), 'utf8')
  .split('\n')[0]!
  .match(/--[\w-]+=\S+/g) ?? []) as string[];
export const cli = (args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv) =>
  measure(CLI, args, cwd, { nodeOptions: CLI_NODE_OPTIONS, ...(env ? { env } : {}) });
export const floorRun = (mailDir: string, work: string) => measure(FLOOR, [mailDir, work], work);

export interface Figure {
  name: string;
  units: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median of each run's time divided by the floor's in the same round. */
  ofFloor: number;
  maxRssMb: number;
  /** Peak summed RSS of the whole process tree (the command, its analysis children, LibreOffice). */
  treeRssMb: number;
}

/** Measurements of one figure, each with the floor of its round. */
export class Series {
  readonly runs: { run: Measurement; floor: Measurement }[] = [];
  constructor(
    readonly name: string,
    readonly units: number,
  ) {}
  add(run: Measurement, floor: Measurement): void {
    if (run.code !== 0) throw new Error(`${this.name} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
    this.runs.push({ run, floor });
  }
  figure(): Figure {
    const times = this.runs.map((item) => item.run.ms);
    return {
      name: this.name,
      units: this.units,
      runs: times.length,
      medianMs: median(times),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
      ofFloor: median(this.runs.map((item) => item.run.ms / item.floor.ms)),
      maxRssMb: Math.max(...this.runs.map((item) => item.run.maxRssMb)),
      treeRssMb: Math.max(...this.runs.map((item) => item.run.treeRssMb)),
    };
  }
}

/** A mail folder of links to the corpus's messages, so messages can be added without touching the corpus. */
export async function linkFolder(source: string, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  for (const name of await readdir(source)) await symlink(join(source, name), join(target, name));
}

/** A message the campaign has not seen: one unit's mail again (a correction), with a header making its bytes new. */
export async function newMessage(mailDir: string, round: number): Promise<Buffer> {
  const names = (await readdir(mailDir)).filter((name) => name.endsWith('.eml')).sort();
  const raw = await readFile(join(mailDir, names[Math.floor(names.length / 2)]!));
  return Buffer.concat([Buffer.from(`X-Bench-Round: ${round}-${Date.now()}\r\n`), raw]);
}
