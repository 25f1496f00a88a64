/**
 * `npm run bench:console`: the console's figures on the benchmark's campaigns. For 1,000 and
 * 5,000 units: the server time of 总览 (its Server-Timing header: from the request's arrival to
 * the page handed to the socket, the snapshot being current), and each decision the clerk clicks
 * (认定, 无关, a change to the 通报 list, 定稿, each undone again) until the page it returns to
 * has arrived — the decision written under the data lock, the merge, the page rendered; the
 * workbook and documents are written behind it, and a download asked for at once waits for them
 * (its time is the rest of the writing).
 * Each the median of several runs. Prints a table and writes test/bench/console-results.json.
 *
 * Usage: npm run bench:console [-- 1000 5000]   (BENCH_RUNS=n, default 7)
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
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
  /** The machine's 1-minute load average when the figure was taken (2 cores: above 2, times are stretched). */
  load: number;
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
    load: Number(loadavg()[0]!.toFixed(2)),
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

      figures.push(...(await actions(server.url, cookie, csrf, units)));
      return figures;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface ActionForm {
  name: string;
  path: string;
  form: Record<string, string>;
}

/** A stored message to decide about: one waiting in 待核实, else the first of a unit's (认定 to the unit it is, 无关, each undone). */
async function someMessage(base: string, cookie: string): Promise<string | null> {
  const pending = await (await fetch(new URL('/pending', base), { headers: { cookie } })).text();
  const waiting = /data-message="([0-9a-f]{12})"/.exec(pending)?.[1];
  if (waiting) return waiting;
  const unitPage = await (await fetch(new URL(`/unit/${encodeURIComponent(unitName(2))}`, base), { headers: { cookie } })).text();
  return /\/files\/([0-9a-f]{12})\//.exec(unitPage)?.[1] ?? null;
}

/** The decisions the clerk clicks, each followed by its undo so every round starts from the same state. */
async function actionForms(base: string, cookie: string, csrf: string): Promise<ActionForm[]> {
  const unit = unitName(1);
  const forms: ActionForm[] = [
    { name: '通报名单（免予通报）', path: '/actions/circular', form: { _csrf: csrf, list: 'exempt', unit, reason: '基准测试' } },
    { name: '通报名单（撤回）', path: '/actions/circular-unlist', form: { _csrf: csrf, unit } },
    { name: '定稿', path: '/actions/circular-final', form: { _csrf: csrf, final: 'true' } },
    { name: '改回草稿', path: '/actions/circular-final', form: { _csrf: csrf, final: 'false' } },
  ];
  const message = await someMessage(base, cookie);
  if (message)
    forms.push(
      { name: '认定', path: '/actions/assign', form: { _csrf: csrf, message, unit: unitName(2), reason: '基准测试' } },
      { name: '撤销认定', path: '/actions/forget-message', form: { _csrf: csrf, message } },
      { name: '无关', path: '/actions/ignore', form: { _csrf: csrf, message, reason: '基准测试' } },
      { name: '撤销认定', path: '/actions/forget-message', form: { _csrf: csrf, message } },
    );
  return forms;
}

/** One decision until the page it returns to has arrived (the state the clerk sees). */
async function decide(base: string, cookie: string, { name, path, form }: ActionForm): Promise<number> {
  const started = performance.now();
  const posted = await fetch(new URL(path, base), {
    method: 'POST',
    headers: { cookie, origin: new URL(base).origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
  if (posted.status !== 303) throw new Error(`${name} answered ${posted.status}`);
  const body = await (await fetch(new URL(posted.headers.get('location')!, base), { headers: { cookie } })).text();
  if (!body.includes('class="flash ok"')) throw new Error(`${name}: the page shows no success`);
  return performance.now() - started;
}

/** Each decision, then a download of the workbook asked for at once: it waits for the outputs written behind the page. */
async function actions(base: string, cookie: string, csrf: string, units: number): Promise<Figure[]> {
  const forms = await actionForms(base, cookie, csrf);
  const page: number[] = [];
  const download: number[] = [];
  const byName = new Map<string, number[]>();
  for (let round = 0; round < Math.max(1, Math.ceil(runs / forms.length)); round++) {
    for (const form of forms) {
      const shown = await decide(base, cookie, form);
      page.push(shown);
      byName.set(form.name, [...(byName.get(form.name) ?? []), shown]);
      const asked = performance.now();
      const file = await fetch(new URL('/outputs/workbook', base), { headers: { cookie } });
      if (file.status !== 200) throw new Error(`download answered ${file.status}`);
      await file.arrayBuffer();
      download.push(performance.now() - asked);
    }
  }
  return [
    summary('操作到页面更新（各种决定，合计）', units, page),
    ...[...byName].map(([name, times]) => summary(`操作到页面更新（${name}）`, units, times)),
    summary('操作后立即下载汇总表（等待后台生成完成）', units, download),
  ];
}

const all: Figure[] = [];
for (const units of sizes.length > 0 ? sizes : [1000, 5000]) {
  process.stderr.write(`[bench:console] ${units} 个单位……\n`);
  all.push(...(await benchSize(units)));
}
for (const item of all)
  console.log(
    `${item.name.padEnd(24)} ${String(item.units).padStart(5)} 个单位  中位数 ${item.medianMs.toFixed(1)} ms（${item.minMs.toFixed(1)}–${item.maxMs.toFixed(1)}，${item.runs} 次）${item.pageKb ? `  页面 ${item.pageKb} KB` : ''}  负载 ${item.load}`,
  );
await writeFile(
  join(packageRoot(), 'test', 'bench', 'console-results.json'),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), figures: all }, null, 2)}\n`,
);
