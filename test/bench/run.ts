/**
 * `npm run bench`: the performance figures of huizong on realistic campaigns (100, 1,000 and
 * 5,000 units), each the median of several runs, side by side with the libraries' floor.
 * Prints a table and writes test/bench/results.json so runs can be compared.
 *
 * Usage: npm run bench [-- 100 1000 5000]   (BENCH_RUNS=n sets the runs per figure; BENCH_IMAP=0
 * leaves out the mailbox figures of imap-bench.ts, which need Dovecot and take minutes)
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { ensureCorpus } from './corpus.js';
import { type Measurement, measure, median } from './measure.js';

const root = packageRoot();
const CLI = join(root, 'dist', 'test', 'bench', 'cli-with-rss.js');
const FLOOR = join(root, 'dist', 'test', 'bench', 'floor.js');
/** The node options of the huizong command's first line (output/doors/cli/main.ts), so the CLI is measured as it runs. */
const CLI_NODE_OPTIONS = (readFileSync(join(root, 'dist', 'output', 'doors', 'cli', 'main.js'), 'utf8')
  .split('\n')[0]!
  .match(/--[\w-]+=\S+/g) ?? []) as string[];
const cli = (args: readonly string[], cwd: string) => measure(CLI, args, cwd, { nodeOptions: CLI_NODE_OPTIONS });

interface Figure {
  name: string;
  units: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  maxRssMb: number;
}

function figure(name: string, units: number, measurements: Measurement[]): Figure {
  const failed = measurements.find((m) => m.code !== 0);
  if (failed) throw new Error(`${name} failed (exit ${failed.code}):\n${failed.stderr.slice(-2000)}`);
  const times = measurements.map((m) => m.ms);
  return {
    name,
    units,
    runs: measurements.length,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    maxRssMb: Math.max(...measurements.map((m) => m.maxRssMb)),
  };
}

async function repeat(runs: number, once: () => Promise<Measurement>): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (let i = 0; i < runs; i++) out.push(await once());
  return out;
}

/** run/floor per size: the median of the ratios of each cold run to the floor run right after it. */
const pairedRatios = new Map<number, number>();

async function benchSize(units: number, runs: number): Promise<Figure[]> {
  const corpus = await ensureCorpus(units);
  const work = await mkdtemp(join(tmpdir(), 'huizong-bench-run-'));
  try {
    // Each cold run is followed by a floor run: on a shared machine the load drifts over
    // minutes, and the ratio is only fair when the two are measured side by side.
    const cold: Measurement[] = [];
    const floor: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      await rm(join(work, 'data'), { recursive: true, force: true });
      cold.push(
        await cli(
          [
            'run',
            '--campaign',
            corpus.campaignDir,
            '--mailbox-dir',
            corpus.mailDir,
            '--data',
            join(work, 'data'),
            '--out',
            join(work, 'out'),
          ],
          work,
        ),
      );
      floor.push(await measure(FLOOR, [corpus.mailDir, work], work));
    }
    const figures = [figure('run（冷，文件夹收信）', units, cold)];
    figures.push(
      figure(
        'merge（无新邮件）',
        units,
        await repeat(runs, () =>
          cli(['merge', '--campaign', corpus.campaignDir, '--data', join(work, 'data'), '--out', join(work, 'out')], work),
        ),
      ),
    );
    figures.push(
      figure(
        'status（无新邮件）',
        units,
        await repeat(runs, () => cli(['status', '--campaign', corpus.campaignDir, '--data', join(work, 'data')], work)),
      ),
    );
    figures.push(figure('库的下限（解析+读表+写表）', units, floor));
    pairedRatios.set(units, median(cold.map((run, i) => run.ms / floor[i]!.ms)));
    return figures;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function benchDemoStatus(runs: number): Promise<Figure> {
  const work = await mkdtemp(join(tmpdir(), 'huizong-bench-demo-'));
  try {
    const prepared = await cli(['run', '--mailbox-dir', join(root, 'examples', 'mailbox')], work);
    if (prepared.code !== 0) throw new Error(prepared.stderr);
    return figure('status（示例活动）', 18, await repeat(runs, () => cli(['status'], work)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const plan = sizes.length > 0 ? sizes : [100, 1000, 5000];
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const figures: Figure[] = [await benchDemoStatus(Math.max(runs, 5))];
  for (const units of plan) {
    process.stderr.write(`规模 ${units} 个单位……\n`);
    figures.push(...(await benchSize(units, runs)));
  }
  const by = (name: string, units: number) => figures.find((item) => item.name.startsWith(name) && item.units === units);
  const ratios: Record<string, number> = {};
  for (const units of plan) {
    const ratio = pairedRatios.get(units);
    if (ratio !== undefined) ratios[`run/floor@${units}`] = ratio;
  }
  if (by('run', 5000) && by('run', 1000)) ratios['run@5000/run@1000'] = by('run', 5000)!.medianMs / by('run', 1000)!.medianMs;

  console.log(`\nhuizong 基准测试（${cpus().length} 核，Node ${process.version}，每项取 ${runs} 次的中位数）\n`);
  console.log(
    [
      '项目'.padEnd(24),
      '单位数'.padStart(6),
      '中位数'.padStart(10),
      '最快'.padStart(10),
      '最慢'.padStart(10),
      '峰值内存'.padStart(10),
    ].join('  '),
  );
  for (const item of figures) {
    console.log(
      [
        item.name.padEnd(20),
        String(item.units).padStart(8),
        fmt(item.medianMs).padStart(12),
        fmt(item.minMs).padStart(11),
        fmt(item.maxMs).padStart(11),
        `${Math.round(item.maxRssMb)} MB`.padStart(11),
      ].join('  '),
    );
  }
  console.log('');
  for (const [name, value] of Object.entries(ratios)) console.log(`${name} = ${value.toFixed(2)}`);

  // The mailbox, against a real Dovecot: imap-bench.ts (nothing new on 10,000 messages, first
  // poll of 1,000 campaign messages, memory). BENCH_IMAP=0 skips it.
  let imap: string[] = [];
  if (process.env.BENCH_IMAP !== '0') {
    process.stderr.write('收信（IMAP，真实 Dovecot）……\n');
    const result = await measure(join(root, 'dist', 'test', 'bench', 'imap-bench.js'), ['--runs', String(Math.max(runs, 3))], root, {
      captureStdout: true,
    });
    if (result.code !== 0) throw new Error(`imap-bench failed:\n${result.stderr.slice(-2000)}`);
    imap = result.stdout.trim().split('\n');
    console.log('\n收信（IMAP）：');
    for (const line of imap) console.log(`  ${line}`);
  }
  const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, runs, figures, ratios, imap };
  await writeFile(join(root, 'test', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('\n结果已写入 test/bench/results.json');
}

await main();
