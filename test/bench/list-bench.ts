/**
 * The list scenario of `npm run bench` (issue 20): 1,000 units each sending a 50-row 台账. A round
 * is: cold `run` → its floor (list-floor.ts) → `run` with nothing new → `run` after one new
 * message. Figures as run.ts keeps them (median, ratio to the floor of the same round, peak
 * memory of the huizong process).
 * Alone: node dist/test/bench/list-bench.js [units]   (BENCH_LIST_RUNS=n rounds, default 3)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { ensureListCorpus } from './list-corpus.js';
import { measure } from './measure.js';
import { cli, type Figure, linkFolder, newMessage, Series } from './series.js';

const LIST_FLOOR = join(packageRoot(), 'dist', 'test', 'bench', 'list-floor.js');

export async function benchList(units: number, rounds: number): Promise<Figure[]> {
  const corpus = await ensureListCorpus(units);
  const work = await mkdtemp(join(tmpdir(), 'huizong-bench-list-'));
  const mail = join(work, 'mail');
  const data = join(work, 'data');
  const out = join(work, 'out');
  const common = ['--campaign', corpus.campaignDir, '--data', data];
  const series = {
    cold: new Series('台账 run（冷，每单位 50 行）', units),
    floor: new Series('台账 下限（写盘+解析+读表+写表）', units),
    runIdle: new Series('台账 run（无新邮件）', units),
    oneNew: new Series('台账 run（新到 1 封）', units),
  };
  try {
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`  台账：${units} 个单位，第 ${round}/${rounds} 轮……\n`);
      await linkFolder(corpus.mailDir, mail);
      await rm(data, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
      const cold = await cli(['run', ...common, '--mailbox-dir', mail, '--out', out], work);
      const floor = await measure(LIST_FLOOR, [corpus.mailDir, work], work);
      series.cold.add(cold, floor);
      series.floor.add(floor, floor);
      series.runIdle.add(await cli(['run', ...common, '--mailbox-dir', mail, '--out', out], work), floor);
      await writeFile(join(mail, `zz-new-${round}.eml`), await newMessage(corpus.mailDir, round));
      series.oneNew.add(await cli(['run', ...common, '--mailbox-dir', mail, '--out', out], work), floor);
    }
    return Object.values(series).map((item) => item.figure());
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('list-bench.js')) {
  const units = Number(process.argv[2] ?? 1000);
  const figures = await benchList(units, Number(process.env.BENCH_LIST_RUNS ?? 3));
  for (const item of figures)
    console.log(
      `${item.name}\t${units}\t${item.runs} 轮\t中位数 ${(item.medianMs / 1000).toFixed(2)} 秒\t÷下限 ${item.ofFloor.toFixed(3)}\t峰值内存 ${Math.round(item.maxRssMb)} MB`,
    );
}
