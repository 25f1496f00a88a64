/**
 * `npm run corpus`: every file of the real-world corpus (../shared/corpus: Apache POI, SheetJS,
 * python-docx, exceljs, pdf.js test files and mail parsers' fixtures, see its index.json) and of
 * the extra public corpora (extra-corpora.ts: LibreOffice's regression documents from Debian, test
 * documents shipped in npm packages), each mailed by a roster unit of its own, in batches (200 by
 * default) beside a good unit, each batch one `huizong run` under a 2 GB heap, as an office PC
 * would run it; after every batch `status` and `merge` must open the campaign and the good unit
 * must be intact. Reports crashes, poisoned campaigns, the peak memory of the whole process tree,
 * the slowest files, English in what the clerk reads, files that got no word at all. Not part of
 * `npm test` (it takes an hour or more). Writes corpus-report.json into the work folder (after
 * every batch, so a long run can be read while it goes) and prints a summary.
 *
 * Usage: npm run corpus [-- --limit N] [--only substring] [--batch N] [--no-extra]
 *   HUIZONG_CORPUS=folder (default ../shared/corpus or ../../shared/corpus beside the repository),
 *   HUIZONG_CORPUS_EXTRA=folder (cache of the extra corpora, default ~/.cache/huizong-corpus-extra),
 *   HUIZONG_CORPUS_WORK=folder (default a new temporary folder, kept for inspection).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { buildMail } from '../../examples/kit/mime.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { englishIn } from '../support/english.js';
import { runMeasured } from '../support/process-tree-rss.js';
import { type CorpusEntry, extraCorpus } from './extra-corpora.js';

/** A corpus file and the folder its `local` path is relative to. */
type IndexEntry = CorpusEntry & { root: string };

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
  /** The whole process tree's peak: huizong and its analysis children. */
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

/** The CLI under a 2 GB heap, its process tree's memory measured (test/support/process-tree-rss.ts). */
async function runCli(args: readonly string[], cwd: string): Promise<Spawned> {
  const run = await runMeasured(process.execPath, [HEAP, CLI, ...args], { cwd, everyMs: 250 });
  return { code: run.code, signal: run.signal, ms: run.ms, peakRssMb: run.peakTreeRssMb, stdout: run.stdout, stderr: run.stderr };
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

async function corpusEntries(only: string | undefined, extra: boolean): Promise<IndexEntry[]> {
  const corpus = corpusDir();
  const shared = (JSON.parse(await readFile(join(corpus, 'index.json'), 'utf8')) as CorpusEntry[]).map((entry) => ({
    ...entry,
    root: corpus,
  }));
  const more = extra ? await extraCorpus() : { dir: '', entries: [] };
  return [...shared, ...more.entries.map((entry) => ({ ...entry, root: more.dir }))].filter((entry) => !only || entry.local.includes(only));
}

interface BatchOutcome {
  batch: number;
  files: number;
  exit: number | null;
  signal: string | null;
  seconds: number;
  peakRssMb: number;
  status: number | null;
  merge: number | null;
  goodIntact: boolean;
}

interface Work {
  dir: string;
  campaign: string;
  data: string;
  out: string;
}

/** The good unit alone, to compare with after every batch. */
async function goodUnitAlone(work: Work): Promise<StatusUnit> {
  const baseline = join(work.dir, 'baseline');
  await mkdir(join(baseline, 'mailbox'), { recursive: true });
  await writeFile(join(baseline, 'mailbox', '0000-good.eml'), await readFile(GOOD_MAIL));
  const args = ['--campaign', work.campaign, '--data', join(baseline, 'data')];
  await runCli(['run', ...args, '--mailbox-dir', join(baseline, 'mailbox'), '--out', join(baseline, 'out')], work.dir);
  const status = JSON.parse((await runCli(['status', ...args, '--json'], work.dir)).stdout) as Status;
  return status.units.find((unit) => unit.unit === GOOD_UNIT)!;
}

/** One batch through `run`, then `status` and `merge`: the campaign must open after it. */
async function runBatch(work: Work, batch: number, mailbox: string, files: number, good: StatusUnit): Promise<BatchOutcome> {
  const run = await runCli(
    ['run', '--campaign', work.campaign, '--mailbox-dir', mailbox, '--data', work.data, '--out', work.out],
    work.dir,
  );
  const status = await runCli(['status', '--campaign', work.campaign, '--data', work.data, '--json'], work.dir);
  const merge = await runCli(['merge', '--campaign', work.campaign, '--data', work.data, '--out', work.out], work.dir);
  const after = status.code === 0 ? (JSON.parse(status.stdout) as Status).units.find((unit) => unit.unit === GOOD_UNIT) : undefined;
  const goodIntact = !!after && after.status === good.status && JSON.stringify(after.values) === JSON.stringify(good.values);
  if (run.code !== 0) console.log(`batch ${batch}: exit ${run.code} ${run.signal ?? ''}\n${run.stderr.slice(-2000)}`);
  return {
    batch,
    files,
    exit: run.code,
    signal: run.signal,
    seconds: Math.round(run.ms / 100) / 10,
    peakRssMb: Math.max(run.peakRssMb, status.peakRssMb, merge.peakRssMb),
    status: status.code,
    merge: merge.code,
    goodIntact,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { limit: { type: 'string' }, only: { type: 'string' }, batch: { type: 'string' }, 'no-extra': { type: 'boolean' } },
  });
  let entries = await corpusEntries(values.only, values['no-extra'] !== true);
  if (values.limit) entries = entries.slice(0, Number(values.limit));
  const size = Number(values.batch ?? 200);
  const dir = process.env.HUIZONG_CORPUS_WORK ?? (await mkdtemp(join(tmpdir(), 'huizong-corpus-')));
  const work: Work = { dir, campaign: join(dir, 'campaign'), data: join(dir, 'data'), out: join(dir, 'out') };
  await mkdir(dir, { recursive: true });
  if (!existsSync(join(work.campaign, 'campaign.yaml'))) {
    const init = await runCli(['init', work.campaign], dir);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  }
  // The good unit as in the demo, then one unit per corpus file.
  const roster = [
    '单位名称,别名,邮箱',
    `${GOOD_UNIT},庞村镇人民政府,pangcun@yibin-demo.gov.cn`,
    ...entries.map((_, index) => `${unitName(index)},,${unitAddress(index)}`),
  ];
  await writeFile(join(work.campaign, 'roster.csv'), `${roster.join('\n')}\n`);
  const good = await goodUnitAlone(work);

  const deliveries = new Map<string, Delivery>();
  const batches: BatchOutcome[] = [];
  const started = Date.now();
  console.log(`corpus: ${entries.length} files in batches of ${size}; work folder ${dir}`);
  for (let at = 0, batch = 1; at < entries.length; at += size, batch++) {
    const mailbox = join(dir, 'mailbox', `batch-${String(batch).padStart(3, '0')}`);
    await mkdir(mailbox, { recursive: true });
    await writeFile(join(mailbox, '0000-good.eml'), await readFile(GOOD_MAIL));
    for (const [offset, entry] of entries.slice(at, at + size).entries()) {
      const index = at + offset;
      const raw = mailFor(entry, await readFile(join(entry.root, entry.local)), index);
      const id = createHash('sha256').update(raw).digest('hex');
      deliveries.set(id, { entry, unit: unitName(index), address: unitAddress(index), messageId: id });
      await writeFile(join(mailbox, `${String(index + 1).padStart(5, '0')}.eml`), raw);
    }
    batches.push(await runBatch(work, batch, mailbox, Math.min(size, entries.length - at), good));
    const last = batches.at(-1)!;
    console.log(
      `batch ${batch}: ${last.files} files, exit ${last.exit}, ${last.seconds} s, peak ${last.peakRssMb} MB, status ${last.status}, merge ${last.merge}, good unit ${last.goodIntact ? 'intact' : 'CHANGED'}`,
    );
    await writeFile(join(dir, 'corpus-report.json'), JSON.stringify({ files: entries.length, done: at + last.files, batches }, null, 2));
  }
  await report(work, entries, deliveries, batches, good, Date.now() - started);
}

/** What the clerk reads after the last batch, and the figures of the whole run. */
async function report(
  work: Work,
  entries: readonly IndexEntry[],
  deliveries: ReadonlyMap<string, Delivery>,
  batches: readonly BatchOutcome[],
  good: StatusUnit,
  ms: number,
): Promise<void> {
  const { data, out, dir } = work;
  const logLines = existsSync(join(data, 'log', 'analysis.jsonl'))
    ? (await readFile(join(data, 'log', 'analysis.jsonl'), 'utf8')).trim().split('\n')
    : [];
  const status = await runCli(['status', '--campaign', work.campaign, '--data', data, '--json'], dir);
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
    .map(([id, ms]) => ({ file: deliveries.get(id)?.entry.local ?? 'good unit', seconds: Math.round(ms / 100) / 10 }));
  const over60 = [...times.values()].filter((ms) => ms > 60_000).length;

  const units = new Map((parsed?.units ?? []).map((unit) => [unit.unit, unit]));
  const byDelivery = [...deliveries.values()];
  const english = await englishInProblemSheet(out, new Map(byDelivery.map((delivery) => [delivery.unit, delivery])));
  for (const item of parsed?.unidentified ?? []) {
    if (englishIn(item.reason, '').length > 0) english.push({ file: `unidentified ${item.message}`, text: item.reason });
  }
  const silent: string[] = [];
  for (const delivery of byDelivery) {
    const unit = units.get(delivery.unit);
    if (!unit) continue;
    const fileSaid = unit.problems.some((problem) => problem.file !== undefined) || unit.tableFile !== null || unit.reportFile !== null;
    if (delivery.entry.kind === 'eml' ? unit.problems.length === 0 : !fileSaid) silent.push(delivery.entry.local);
  }
  const crashes = batches.filter((batch) => batch.exit !== 0).length;
  const poisoned = batches.filter((batch) => batch.status !== 0 || batch.merge !== 0).length;
  const goodIntact = batches.every((batch) => batch.goodIntact);
  const peak = Math.max(0, ...batches.map((batch) => batch.peakRssMb));
  const result = {
    files: entries.length,
    sources: countBy(entries.map((entry) => entry.repo)),
    minutes: Math.round(ms / 6000) / 10,
    batches,
    crashes,
    poisonedCampaigns: poisoned,
    peakRssMb: peak,
    slowest,
    filesOver60s: over60,
    stopped,
    englishLeaks: english.length,
    english: english.slice(0, 100),
    silentFiles: silent.length,
    silent,
    goodUnitIntactEveryBatch: goodIntact,
    goodUnit: { status: good.status, values: good.values },
    statuses: countBy([...units.values()].map((unit) => unit.status)),
  };
  await writeFile(join(dir, 'corpus-report.json'), JSON.stringify(result, null, 2));
  printSummary(result, join(dir, 'corpus-report.json'));
  process.exitCode = crashes > 0 || poisoned > 0 || english.length > 0 || silent.length > 0 || !goodIntact ? 1 : 0;
}

/** The figures the issue asks for, one line each. */
function printSummary(
  result: {
    files: number;
    batches: readonly BatchOutcome[];
    minutes: number;
    crashes: number;
    poisonedCampaigns: number;
    peakRssMb: number;
    slowest: readonly { file: string; seconds: number }[];
    filesOver60s: number;
    stopped: readonly { file: string; stopped: string }[];
    englishLeaks: number;
    silentFiles: number;
    goodUnitIntactEveryBatch: boolean;
    goodUnit: { status: string };
    statuses: Record<string, number>;
  },
  path: string,
): void {
  const { slowest, stopped } = result;
  console.log(
    [
      `files: ${result.files} in ${result.batches.length} batches, ${result.minutes} min`,
      `crashes: ${result.crashes}; poisoned campaigns (status or merge failing after a batch): ${result.poisonedCampaigns}; peak RSS of the process tree: ${result.peakRssMb} MB`,
      `slowest: ${slowest
        .slice(0, 3)
        .map((item) => `${item.file} ${item.seconds} s`)
        .join('; ')}; files over 60 s: ${result.filesOver60s}`,
      `stopped by a budget: ${stopped.length}${
        stopped.length > 0
          ? ` (${stopped
              .slice(0, 5)
              .map((item) => `${basename(item.file)} ${item.stopped}`)
              .join(', ')})`
          : ''
      }`,
      `English leaks: ${result.englishLeaks}; silent files: ${result.silentFiles}; good unit intact in every batch: ${result.goodUnitIntactEveryBatch ? 'yes' : 'NO'} (${result.goodUnit.status})`,
      `statuses: ${JSON.stringify(result.statuses)}`,
      `report: ${path}`,
    ].join('\n'),
  );
}

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/**
 * The names of files the mail carries, as a problem lists them (「blueball.png、redball.png」 for a
 * table sent as pictures): the unit's words, not ours, like the file's own name.
 */
function withoutFileNames(text: string): string {
  return text.replace(/[^\s、，,；;（）()《》「」“”]+\.[A-Za-z0-9]{1,5}(?=$|[\s、，,；;（）()《》「」“”])/g, ' ');
}

/** English in what the clerk reads: the workbook's 问题清单, every column written in words. */
async function englishInProblemSheet(out: string, byUnit: ReadonlyMap<string, Delivery>): Promise<{ file: string; text: string }[]> {
  const english: { file: string; text: string }[] = [];
  const workbookFile = (await readdir(out)).find((name) => name.endsWith('汇总表.xlsx'));
  if (!workbookFile) return english;
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
      const words = englishIn(withoutFileNames(text.split(file).join(' ')), own);
      if (words.length > 0)
        english.push({ file: delivery?.entry.local ?? unit, text: `${words.slice(0, 5).join(' ')} | ${text.slice(0, 240)}` });
    }
  });
  return english;
}

await main();
