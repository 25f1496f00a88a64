/**
 * `npm run bench:console`: the console's figures on the benchmark's campaigns. For 1,000 and
 * 5,000 units: the server time of 总览 (its Server-Timing header: from the request's arrival to
 * the page handed to the socket, the snapshot being current), and at 1,000 units an action
 * (a unit exempted from the circular, then put back) until the updated page has arrived — the
 * decision written under the data lock, the merge, every output written, 总览 rendered.
 * Each the median of several runs. Prints a table and writes test/bench/console-results.json.
 *
 * Usage: npm run bench:console [-- 1000 5000]   (BENCH_RUNS=n, default 7)
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { runCli } from '../support/cli.js';
import { startServe } from '../support/console-process.js';
import { ensureCorpus, unitName } from './corpus.js';
import { median } from './measure.js';

interface Figure {
  name: string;
  units: number;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  pageKb?: number;
}

const runs = Number(process.env.BENCH_RUNS ?? 7);
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);

function summary(name: string, units: number, times: number[], pageKb?: number): Figure {
  return {
    name,
    units,
    runs: times.length,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    ...(pageKb ? { pageKb } : {}),
  };
}

async function session(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(new URL('/circular', base));
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await response.text())![1]!;
  return { cookie, csrf };
}

async function benchSize(units: number): Promise<Figure[]> {
  const corpus = await ensureCorpus(units);
  const work = await mkdtemp(join(tmpdir(), 'huizong-bench-console-'));
  try {
    const campaign = join(work, 'campaign');
    await cp(corpus.campaignDir, campaign, { recursive: true });
    const run = await runCli(['run', '--campaign', campaign, '--mailbox-dir', corpus.mailDir], { timeoutMs: 1_800_000 });
    if (run.code !== 0) throw new Error(run.stderr);
    const server = await startServe(['--campaign', campaign]);
    try {
      const figures: Figure[] = [];
      const { cookie, csrf } = await session(server.url);
      const overview: number[] = [];
      let pageKb = 0;
      for (let i = 0; i < runs + 1; i++) {
        const response = await fetch(server.url, { headers: { cookie } });
        const body = await response.text();
        pageKb = Math.round(Buffer.byteLength(body) / 1024);
        const ms = Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]);
        if (i > 0) overview.push(ms); // the first request warms the code paths
      }
      figures.push(summary('总览（服务器时间）', units, overview, pageKb));

      if (units <= 1000) {
        const action: number[] = [];
        const unit = unitName(1);
        for (let i = 0; i < runs; i++) {
          const form: Record<string, string> =
            i % 2 === 0 ? { _csrf: csrf, list: 'exempt', unit, reason: '基准测试' } : { _csrf: csrf, unit };
          const path = i % 2 === 0 ? '/actions/circular' : '/actions/circular-unlist';
          const started = performance.now();
          const posted = await fetch(new URL(path, server.url), {
            method: 'POST',
            headers: { cookie, origin: new URL(server.url).origin, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
            redirect: 'manual',
          });
          if (posted.status !== 303) throw new Error(`action answered ${posted.status}`);
          await (await fetch(server.url, { headers: { cookie } })).text();
          action.push(performance.now() - started);
        }
        figures.push(summary('操作到页面更新（免予通报一个单位）', units, action));
      }
      return figures;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const all: Figure[] = [];
for (const units of sizes.length > 0 ? sizes : [1000, 5000]) {
  process.stderr.write(`[bench:console] ${units} 个单位……\n`);
  all.push(...(await benchSize(units)));
}
for (const item of all)
  console.log(
    `${item.name.padEnd(24)} ${String(item.units).padStart(5)} 个单位  中位数 ${item.medianMs.toFixed(1)} ms（${item.minMs.toFixed(1)}–${item.maxMs.toFixed(1)}，${item.runs} 次）${item.pageKb ? `  页面 ${item.pageKb} KB` : ''}`,
  );
await writeFile(
  join(packageRoot(), 'test', 'bench', 'console-results.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), figures: all }, null, 2)}\n`,
);
