/**
 * `npm run bench`: the performance figures of huizong at campaign scale (issue 15), each the
 * median of several runs, and each also as a ratio to the floor (floor.ts) measured in the same
 * round: on this shared machine the load drifts over minutes, and only a figure measured next to
 * the floor says how much of it is the program. A round at 1,000 units is: cold `run` → floor →
 * `merge` with nothing new → `run` with nothing new → `status` → `merge --force` → `run` with one
 * new message. At 5,000 units a round is a cold `run` and the floor (time and peak memory).
 * The mailbox figures (20,000 messages in a real Dovecot) come from imap-run-bench.ts.
 * Prints a table and writes test/bench/results.json so runs can be compared.
 *
 * Usage: npm run bench [-- 1000 5000]   (BENCH_RUNS=n sets the rounds, default 3; BENCH_LARGE_RUNS
 * and BENCH_IMAP_RUNS those of the larger sizes and of the mailbox; BENCH_IMAP=0 leaves out the
 * mailbox figures; BENCH_LIST=0 the list scenario of list-bench.ts, BENCH_LIST_RUNS its rounds)
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { ensureCorpus } from './corpus.js';
import { benchList } from './list-bench.js';
import { measure } from './measure.js';
import { cli, type Figure, floorRun, linkFolder, newMessage, Series } from './series.js';

const root = packageRoot();

async function benchSize(units: number, rounds: number, full: boolean): Promise<Figure[]> {
  const corpus = await ensureCorpus(units);
  const work = await mkdtemp(join(tmpdir(), 'huizong-bench-run-'));
  const mail = join(work, 'mail');
  const data = join(work, 'data');
  const out = join(work, 'out');
  const common = ['--campaign', corpus.campaignDir, '--data', data];
  const series = {
    cold: new Series('run（冷，文件夹收信）', units),
    floor: new Series('下限（写盘+解析+读表+写表）', units),
    merge: new Series('merge（无新邮件）', units),
    runIdle: new Series('run（无新邮件，文件夹）', units),
    status: new Series('status', units),
    force: new Series('merge --force（全部重写）', units),
    oneNew: new Series('run（新到 1 封，文件夹）', units),
  };
  try {
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`  ${units} 个单位，第 ${round}/${rounds} 轮……\n`);
      await linkFolder(corpus.mailDir, mail);
      await rm(data, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
      const cold = await cli(['run', ...common, '--mailbox-dir', mail, '--out', out], work);
      const floor = await floorRun(corpus.mailDir, work);
      series.cold.add(cold, floor);
      series.floor.add(floor, floor);
      if (!full) continue;
      series.merge.add(await cli(['merge', ...common, '--out', out], work), floor);
      series.runIdle.add(await cli(['run', ...common, '--mailbox-dir', mail, '--out', out], work), floor);
      series.status.add(await cli(['status', ...common], work), floor);
      series.force.add(await cli(['merge', '--force', ...common, '--out', out], work), floor);
      await writeFile(join(mail, `zz-new-${round}.eml`), await newMessage(corpus.mailDir, round));
      series.oneNew.add(await cli(['run', ...common, '--mailbox-dir', mail, '--out', out], work), floor);
    }
    return Object.values(series)
      .filter((item) => item.runs.length > 0)
      .map((item) => item.figure());
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
  const plan = sizes.length > 0 ? sizes : [1000, 5000];
  const rounds = Number(process.env.BENCH_RUNS ?? 3);
  // The larger sizes and the mailbox take many minutes a round on a busy machine.
  const largeRounds = Number(process.env.BENCH_LARGE_RUNS ?? rounds);
  const imapRounds = Number(process.env.BENCH_IMAP_RUNS ?? rounds);
  const figures: Figure[] = [];
  const machine = `${cpus().length} 核（${cpus()[0]?.model.trim() ?? '?'}），内存 ${Math.round(totalmem() / 2 ** 30)} GB，Node ${process.version}`;
  // Printed and saved after every part, so a long benchmark cut short still leaves its figures.
  const report = async () => {
    const by = (name: string, units: number) => figures.find((item) => item.name.startsWith(name) && item.units === units);
    const ratios: Record<string, number> = {};
    const [small, large] = [plan[0]!, plan[plan.length - 1]!];
    if (large !== small && by('run（冷', large) && by('run（冷', small))
      ratios[`run@${large}/run@${small}`] = by('run（冷', large)!.medianMs / by('run（冷', small)!.medianMs;
    console.log(
      `\nhuizong 基准测试（${new Date().toISOString().slice(0, 10)}，${machine}，负载 ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' / ')}；每项取各轮的中位数，「÷下限」为每轮与同轮下限之比的中位数）\n`,
    );
    console.log(
      [
        '项目'.padEnd(26),
        '单位数'.padStart(6),
        '轮数'.padStart(4),
        '中位数'.padStart(10),
        '最快'.padStart(10),
        '最慢'.padStart(10),
        '÷下限'.padStart(8),
        '峰值内存'.padStart(10),
        '进程树峰值'.padStart(10),
      ].join('  '),
    );
    for (const item of figures) {
      console.log(
        [
          item.name.padEnd(22),
          String(item.units).padStart(8),
          String(item.runs).padStart(6),
          fmt(item.medianMs).padStart(12),
          fmt(item.minMs).padStart(11),
          fmt(item.maxMs).padStart(11),
          item.ofFloor.toFixed(3).padStart(9),
          `${Math.round(item.maxRssMb)} MB`.padStart(11),
          `${Math.round(item.treeRssMb)} MB`.padStart(13),
        ].join('  '),
      );
    }
    console.log('');
    for (const [name, value] of Object.entries(ratios)) console.log(`${name} = ${value.toFixed(2)}`);
    const results = {
      date: new Date().toISOString(),
      /** Load average (1, 5, 15 min) when the figures were printed: the machine is shared. */
      loadAverage: loadavg(),
      machine,
      node: process.version,
      cpus: cpus().length,
      rounds,
      largeRounds,
      imapRounds,
      figures,
      ratios,
    };
    await writeFile(join(root, 'test', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\n结果已写入 test/bench/results.json');
  };
  for (const units of plan) {
    process.stderr.write(`规模 ${units} 个单位……\n`);
    // Every figure at the first size; at larger sizes the cold run, its floor and memory.
    figures.push(...(await benchSize(units, units === plan[0] ? rounds : largeRounds, units === plan[0])));
    await report();
  }
  // Issue 20: the first size again with a 50-row list from every unit (BENCH_LIST=0 leaves it out).
  if (process.env.BENCH_LIST !== '0') {
    process.stderr.write(`台账：${plan[0]} 个单位，每单位 50 行……\n`);
    figures.push(...(await benchList(plan[0]!, Number(process.env.BENCH_LIST_RUNS ?? rounds))));
    await report();
  }
  if (process.env.BENCH_IMAP !== '0') {
    process.stderr.write('收信（IMAP，真实 Dovecot）……\n');
    const result = await measure(join(root, 'dist', 'test', 'bench', 'imap-run-bench.js'), ['--runs', String(imapRounds)], root, {
      captureStdout: true,
    });
    if (result.code !== 0) throw new Error(`imap-run-bench failed:\n${result.stderr.slice(-3000)}`);
    figures.push(...(JSON.parse(result.stdout) as Figure[]));
    await report();
  }
}

await main();
