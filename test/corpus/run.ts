/**
 * `npm run corpus`: every file of the real-world corpus (../shared/corpus: Apache POI, SheetJS,
 * python-docx, exceljs, pdf.js test files and mail parsers' fixtures, see its index.json) mailed
 * by a roster unit of its own, next to a good unit, in ONE `huizong run` under a 2 GB heap, as an
 * office PC would run it. Reports crashes, peak RSS, the slowest files, English in what the clerk
 * reads, files that got no word at all, and whether the good unit came through intact; then
 * checks that the campaign still opens (`status`, `merge`) without analysing anything again.
 * Not part of `npm test` (it takes tens of minutes). Writes corpus-report.json into the work
 * folder and prints a summary.
 *
 * Usage: npm run corpus [-- --limit N] [--only substring]
 *   HUIZONG_CORPUS=folder (default ../shared/corpus or ../../shared/corpus beside the repository),
 *   HUIZONG_CORPUS_WORK=folder (default a new temporary folder, kept for inspection).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { buildMail } from '../../examples/kit/mime.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { englishIn } from '../support/english.js';

interface IndexEntry {
  repo: string;
  path: string;
  size: number;
  kind: 'file' | 'eml' | 'pdf';
  local: string;
}

interface Delivery {
  entry: IndexEntry;
  unit: string;
  address: string;
  messageId: string;
}

const root = packageRoot();
const CLI = join(root, 'dist', 'output', 'doors', 'cli', 'main.js');
const HEAP = '--max-old-space-size=2048';
const GOOD_UNIT = '庞村镇';
const GOOD_MAIL = join(root, 'examples', 'mailbox', '01-pangcun.eml');

function corpusDir(): string {
  const candidates = [
    process.env.HUIZONG_CORPUS,
    resolve(root, '..', 'shared', 'corpus'),
    resolve(root, '..', '..', 'shared', 'corpus'),
  ].filter((dir): dir is string => !!dir);
  const found = candidates.find((dir) => existsSync(join(dir, 'index.json')));
  if (!found) throw new Error(`corpus not found (looked in ${candidates.join(', ')}); set HUIZONG_CORPUS`);
  return found;
}

const unitName = (index: number) => `语料单位${String(index + 1).padStart(4, '0')}`;
const unitAddress = (index: number) => `c${String(index + 1).padStart(4, '0')}@corpus.example.cn`;

/**
 * A corpus mail delivered as if the unit had sent it about the campaign: its From and Subject
 * replaced, its structure and the rest of its headers as found.
 */
function asSentBy(raw: Buffer, name: string, address: string): Buffer {
  const text = raw.toString('latin1');
  const end = [text.indexOf('\r\n\r\n'), text.indexOf('\n\n')].filter((at) => at >= 0).sort((a, b) => a - b)[0] ?? -1;
  const headers = end >= 0 ? text.slice(0, end) : '';
  const body = end >= 0 ? text.slice(end) : `\r\n\r\n${text}`;
  // Unfolded From lines (with continuations) removed; the unit's own put first.
  const kept = headers.replace(/^(From|Subject):.*(?:\r?\n[ \t].*)*(?:\r?\n|$)/gim, '');
  const subject = `=?UTF-8?B?${Buffer.from(`${name}自查情况统计表`).toString('base64')}?=`;
  return Buffer.from(
    `From: =?UTF-8?B?${Buffer.from(name).toString('base64')}?= <${address}>\r\nSubject: ${subject}\r\n${kept}${body}`,
    'latin1',
  );
}

function mailFor(entry: IndexEntry, content: Buffer, index: number): Buffer {
  const name = unitName(index);
  const address = unitAddress(index);
  if (entry.kind === 'eml') return asSentBy(content, name, address);
  return buildMail({
    from: { name, address },
    subject: `${name}自查情况统计表和报告`,
    date: new Date(Date.UTC(2013, 7, 14, 2, 0, index % 3600)),
    receivedAt: new Date(Date.UTC(2013, 7, 14, 2, 0, index % 3600)),
    messageId: `<corpus-${index}@corpus.example.cn>`,
    text: '附件是我单位的材料，请查收。',
    // As an attachment whatever it is (a .txt sent as text/plain would become the body).
    attachments: [{ filename: basename(entry.local), content, contentType: 'application/octet-stream' }],
  });
}

interface Spawned {
  code: number | null;
  signal: string | null;
  ms: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

/** Peak RSS from /proc (VmHWM), sampled until exit: it survives a crash, unlike an exit hook. */
function runCli(args: readonly string[], cwd: string): Promise<Spawned> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [HEAP, CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (hwm) peak = Math.max(peak, Number(hwm) / 1024);
      } catch {
        // exited between samples
      }
    }, 250);
    child.on('close', (code, signal) => {
      clearInterval(sample);
      done({ code, signal, ms: Date.now() - started, peakRssMb: Math.round(peak), stdout, stderr });
    });
  });
}

type StatusUnit = {
  unit: string;
  status: string;
  values: Record<string, number> | null;
  tableFile: string | null;
  reportFile: string | null;
  problems: { code: string; message: string; file?: string }[];
};
type Status = { units: StatusUnit[]; unidentified: { message: string; reason: string }[] };

function countStatuses(units: readonly StatusUnit[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const unit of units) counts[unit.status] = (counts[unit.status] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { limit: { type: 'string' }, only: { type: 'string' } } });
  const corpus = corpusDir();
  let entries = (JSON.parse(await readFile(join(corpus, 'index.json'), 'utf8')) as IndexEntry[]).filter(
    (entry) => !values.only || entry.local.includes(values.only),
  );
  if (values.limit) entries = entries.slice(0, Number(values.limit));
  const work = process.env.HUIZONG_CORPUS_WORK ?? (await mkdtemp(join(tmpdir(), 'huizong-corpus-')));
  const campaign = join(work, 'campaign');
  const mailbox = join(work, 'mailbox');
  await mkdir(mailbox, { recursive: true });
  if (!existsSync(join(campaign, 'campaign.yaml'))) {
    const init = await runCli(['init', campaign], work);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  }
  // The good unit as in the demo, then one unit per corpus file.
  const roster = [
    '单位名称,别名,邮箱',
    `${GOOD_UNIT},庞村镇人民政府,pangcun@yibin-demo.gov.cn`,
    ...entries.map((_, index) => `${unitName(index)},,${unitAddress(index)}`),
  ];
  await writeFile(join(campaign, 'roster.csv'), `${roster.join('\n')}\n`);

  // Baseline: the good unit alone, to compare with.
  const baseline = join(work, 'baseline');
  await mkdir(join(baseline, 'mailbox'), { recursive: true });
  await writeFile(join(baseline, 'mailbox', '0000-good.eml'), await readFile(GOOD_MAIL));
  await runCli(
    [
      'run',
      '--campaign',
      campaign,
      '--mailbox-dir',
      join(baseline, 'mailbox'),
      '--data',
      join(baseline, 'data'),
      '--out',
      join(baseline, 'out'),
    ],
    work,
  );
  const baselineStatus = JSON.parse(
    (await runCli(['status', '--campaign', campaign, '--data', join(baseline, 'data'), '--json'], work)).stdout,
  ) as Status;
  const goodBefore = baselineStatus.units.find((unit) => unit.unit === GOOD_UNIT)!;

  const deliveries = new Map<string, Delivery>();
  await writeFile(join(mailbox, '0000-good.eml'), await readFile(GOOD_MAIL));
  for (const [index, entry] of entries.entries()) {
    const raw = mailFor(entry, await readFile(join(corpus, entry.local)), index);
    const id = createHash('sha256').update(raw).digest('hex');
    deliveries.set(id, { entry, unit: unitName(index), address: unitAddress(index), messageId: id });
    await writeFile(join(mailbox, `${String(index + 1).padStart(4, '0')}.eml`), raw);
  }
  console.log(`corpus: ${entries.length} files from ${corpus}; work folder ${work}`);

  const data = join(work, 'data');
  const out = join(work, 'out');
  const run = await runCli(['run', '--campaign', campaign, '--mailbox-dir', mailbox, '--data', data, '--out', out], work);
  const crashed = run.code !== 0;
  const logLines = existsSync(join(data, 'log', 'analysis.jsonl'))
    ? (await readFile(join(data, 'log', 'analysis.jsonl'), 'utf8')).trim().split('\n')
    : [];

  // The campaign must open again, from the cache, without analysing anything.
  const status = await runCli(['status', '--campaign', campaign, '--data', data, '--json'], work);
  const merge = await runCli(['merge', '--campaign', campaign, '--data', data, '--out', out], work);
  const logAfter = existsSync(join(data, 'log', 'analysis.jsonl'))
    ? (await readFile(join(data, 'log', 'analysis.jsonl'), 'utf8')).trim().split('\n').length
    : 0;
  const parsed = status.code === 0 ? (JSON.parse(status.stdout) as Status) : null;

  // Slowest messages, from the analysis log (all attempts of a message summed).
  const times = new Map<string, number>();
  const stopped: { file: string; stopped: string }[] = [];
  for (const line of logLines) {
    const item = JSON.parse(line) as { id: string; ms: number; stopped: string | null; file: string | null };
    if (item.stopped) stopped.push({ file: deliveries.get(item.id)?.entry.local ?? item.id, stopped: item.stopped });
    else times.set(item.id, Math.max(times.get(item.id) ?? 0, item.ms));
  }
  const slowest = [...times.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([id, ms]) => ({
      file: deliveries.get(id)?.entry.local ?? (id === undefined ? '?' : 'good unit'),
      seconds: Math.round(ms / 100) / 10,
    }));
  const over60 = [...times.values()].filter((ms) => ms > 60_000).length;

  const units = new Map((parsed?.units ?? []).map((unit) => [unit.unit, unit]));
  const english: { file: string; text: string }[] = [];
  const silent: string[] = [];
  const byDelivery = [...deliveries.values()];
  const byUnit = new Map(byDelivery.map((delivery) => [delivery.unit, delivery]));
  // What the clerk reads: the workbook's 问题清单, every column written in words.
  const workbookFile = (await readdir(out)).find((name) => name.endsWith('汇总表.xlsx'));
  if (workbookFile) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, workbookFile));
    workbook.getWorksheet('问题清单')?.eachRow((row, r) => {
      if (r === 1) return;
      const unit = String(row.getCell(3).value ?? '');
      const file = String(row.getCell(5).value ?? '');
      const delivery = byUnit.get(unit);
      const own = delivery ? basename(delivery.entry.local) : basename(file.split('/').pop() ?? '');
      for (const column of [8, 9, 10]) {
        const text = String(row.getCell(column).value ?? '');
        const words = englishIn(text.split(file).join(' '), own);
        if (words.length > 0)
          english.push({ file: delivery?.entry.local ?? unit, text: `${words.slice(0, 5).join(' ')} | ${text.slice(0, 240)}` });
      }
    });
  }
  for (const delivery of byDelivery) {
    const unit = units.get(delivery.unit);
    if (!unit) continue;
    const fileSaid = unit.problems.some((problem) => problem.file !== undefined) || unit.tableFile !== null || unit.reportFile !== null;
    const anySaid = unit.problems.length > 0;
    if (delivery.entry.kind === 'eml' ? !anySaid : !fileSaid) silent.push(delivery.entry.local);
  }
  for (const item of parsed?.unidentified ?? []) {
    if (englishIn(item.reason, '').length > 0) english.push({ file: `unidentified ${item.message}`, text: item.reason });
  }
  const goodAfter = units.get(GOOD_UNIT);
  const goodIntact =
    !!goodAfter && goodAfter.status === goodBefore.status && JSON.stringify(goodAfter.values) === JSON.stringify(goodBefore.values);

  const report = {
    files: entries.length,
    run: { exit: run.code, signal: run.signal, minutes: Math.round(run.ms / 6000) / 10, peakRssMb: run.peakRssMb },
    crashes: crashed ? 1 : 0,
    crashOutput: crashed ? run.stderr.slice(-3000) : undefined,
    campaignOpens: { status: status.code, merge: merge.code, analysedAgain: logAfter - logLines.length },
    slowest,
    filesOver60s: over60,
    stopped,
    englishLeaks: english.length,
    english: english.slice(0, 100),
    silentFiles: silent.length,
    silent,
    goodUnitIntact: goodIntact,
    goodUnit: { before: goodBefore.status, after: goodAfter?.status ?? null },
    statuses: countStatuses([...units.values()]),
  };
  await writeFile(join(work, 'corpus-report.json'), JSON.stringify(report, null, 2));
  console.log(
    [
      `crashes: ${report.crashes} (exit ${run.code}${run.signal ? `, ${run.signal}` : ''}), run ${report.run.minutes} min, peak RSS ${run.peakRssMb} MB`,
      `campaign opens again: status exit ${status.code}, merge exit ${merge.code}, messages analysed again ${report.campaignOpens.analysedAgain}`,
      `slowest: ${slowest
        .slice(0, 3)
        .map((item) => `${item.file} ${item.seconds} s`)
        .join('; ')}; files over 60 s: ${over60}`,
      `stopped by a budget: ${stopped.length}${
        stopped.length > 0
          ? ` (${stopped
              .slice(0, 5)
              .map((item) => `${basename(item.file)} ${item.stopped}`)
              .join(', ')})`
          : ''
      }`,
      `English leaks: ${english.length}; silent files: ${silent.length}; good unit intact: ${goodIntact ? 'yes' : 'NO'}`,
      `statuses: ${JSON.stringify(report.statuses)}`,
      `report: ${join(work, 'corpus-report.json')}`,
    ].join('\n'),
  );
  process.exitCode = crashed || english.length > 0 || silent.length > 0 || !goodIntact ? 1 : 0;
}

await main();
