/**
 * The streaming .xlsx reader (pipeline/extract/xlsx-stream/) against exceljs, file by file: every
 * .xlsx-kind file (sniffed, whatever its name) of the real-world corpus (../shared/corpus, direct
 * or attached to its mails, zips opened), of the bench corpora's mail (/tmp/huizong-bench/*\/mail,
 * each distinct file once) and of the repository's fixtures and examples. Both readers get the
 * package as the analysis gets it (inspected first, ooxml-inspect.ts); their grids and cut sheets
 * must be identical, and so must the problems the demo campaign's table finder reports on them.
 *
 * Prints counts — identical / differing / both fail / left to exceljs (and why) / only one reads —
 * and every difference; and checks that readXlsxGrids (the streaming reader, exceljs for what it
 * leaves or cannot read) gives every file exactly exceljs's grids or exceljs's error. Not part of
 * `npm test`.
 *
 * Usage: node dist/test/bench/xlsx-reader-compare.js [--corpus DIR] [--bench DIR] [--out report.json]
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { parseMail } from '../../intake/mail/parse-mail.js';
import { expandFiles } from '../../pipeline/extract/archive/expand.js';
import { findCampaignTables, tablesNotFound } from '../../pipeline/extract/campaign-tables.js';
import { inspectOoxml } from '../../pipeline/extract/ooxml-inspect.js';
import { sniffKind } from '../../pipeline/extract/sniff.js';
import { readXlsxGrids, readXlsxGridsStreaming, readXlsxGridsWithExcelJs, type XlsxGrids } from '../../pipeline/extract/xlsx-grid.js';
import { OddPackage } from '../../pipeline/extract/xlsx-stream/odd-package.js';
import { demoCampaign } from '../support/demo-campaign.js';

const root = packageRoot();
const LIMITS = { maxFileBytes: 200 * 1024 * 1024, maxDepth: 3, maxFiles: 500, maxExpandedBytes: 1024 * 1024 * 1024 };
const XML_LIMIT = 400 * 1024 * 1024;

interface Candidate {
  source: string;
  content: Buffer;
}

type Outcome = { ok: true; value: XlsxGrids } | { ok: false; error: string; odd: boolean };

async function attempt(read: () => Promise<XlsxGrids>): Promise<Outcome> {
  try {
    return { ok: true, value: await read() };
  } catch (cause) {
    return {
      ok: false,
      error: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
      odd: cause instanceof OddPackage,
    };
  }
}

async function walk(dir: string, match: (name: string) => boolean, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist' && !entry.name.startsWith('.')) await walk(path, match, out);
    } else if (match(entry.name)) out.push(path);
  }
}

/** The xlsx-kind files in a file: itself, or what a mail or an archive carries. */
async function xlsxIn(source: string, content: Buffer, out: Candidate[]): Promise<void> {
  // Its Outlook item's endless sector chain exhausts any heap outside a bounded child.
  if (source.includes('ole-endless-chain')) return;
  let files = [{ name: source, content }];
  if (/\.eml$/i.test(source) || (/\/mails?\//.test(source) && sniffKind(content, source) === 'other')) {
    if (process.env.COMPARE_TRACE) console.error(`mail ${source}`);
    try {
      const mail = await parseMail(content);
      if (mail.attachments.length > 0) files = mail.attachments.map((a) => ({ name: `${source}#${a.name}`, content: a.content }));
    } catch {
      // Not a mail: the file as it is.
    }
  }
  // The hostile fixtures' archives and Outlook items are opened only inside the analysis's
  // bounded children (one exhausts any heap): their .xlsx files are taken as attached.
  if (source.includes('/hostile/')) {
    for (const file of files) if (sniffKind(file.content, file.name) === 'xlsx') out.push({ source: file.name, content: file.content });
    return;
  }
  for (const file of await expandFiles(files, LIMITS)) if (file.kind === 'xlsx') out.push({ source: file.name, content: file.content });
}

async function candidates(corpus: string, bench: string): Promise<Map<string, Candidate>> {
  const found: Candidate[] = [];
  const index = JSON.parse(await readFile(join(corpus, 'index.json'), 'utf8')) as { local: string }[];
  for (const entry of index) await xlsxIn(`corpus:${entry.local}`, await readFile(join(corpus, entry.local)), found);
  const repo: string[] = [];
  await walk(join(root, 'test'), (name) => /\.(xlsx|xlsm|et|eml)$/i.test(name), repo);
  await walk(join(root, 'examples'), (name) => /\.(xlsx|xlsm|et|eml)$/i.test(name), repo);
  for (const path of repo) await xlsxIn(`repo:${path.slice(root.length + 1)}`, await readFile(path), found);
  if (existsSync(bench)) {
    for (const set of await readdir(bench)) {
      const mail = join(bench, set, 'mail');
      if (!existsSync(mail) || !(await stat(mail)).isDirectory()) continue;
      for (const name of (await readdir(mail)).sort()) await xlsxIn(`bench:${set}/${name}`, await readFile(join(mail, name)), found);
    }
  }
  // Each distinct file once, named by where it was first met.
  const distinct = new Map<string, Candidate>();
  for (const candidate of found) {
    const hash = createHash('sha256').update(candidate.content).digest('hex');
    if (!distinct.has(hash)) distinct.set(hash, candidate);
  }
  return distinct;
}

/** Grid by grid, row by row: a whole workbook's JSON can exceed the longest string V8 makes. */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (!a.ok || !b.ok) return !a.ok && !b.ok && a.error === b.error;
  if (JSON.stringify(a.value.truncated) !== JSON.stringify(b.value.truncated) || a.value.grids.length !== b.value.grids.length)
    return false;
  return a.value.grids.every((grid, g) => {
    const other = b.value.grids[g]!;
    if (grid.label !== other.label || grid.rows.length !== other.rows.length) return false;
    return grid.rows.every((row, r) => JSON.stringify(row) === JSON.stringify(other.rows[r]));
  });
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return `${path}: differ`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, bench: { type: 'string' }, out: { type: 'string' } } });
  const corpus = resolve(values.corpus ?? join(root, '..', '..', 'shared', 'corpus'));
  const bench = values.bench ?? '/tmp/huizong-bench';
  const campaign = await demoCampaign();
  const files = await candidates(corpus, bench);
  const counts: Record<string, number> = {};
  const report: { source: string; verdict: string; detail?: string }[] = [];
  const note = (source: string, verdict: string, detail?: string) => {
    counts[verdict] = (counts[verdict] ?? 0) + 1;
    report.push({ source, verdict, ...(detail ? { detail } : {}) });
    if (verdict !== 'identical' && verdict !== 'both fail (same error)') console.log(`${verdict}\t${source}\t${detail ?? ''}`);
  };
  for (const { source, content } of files.values()) {
    if (process.env.COMPARE_TRACE) console.error(`… ${source}`);
    let inspected: Awaited<ReturnType<typeof inspectOoxml>>;
    try {
      inspected = await inspectOoxml(content, XML_LIMIT);
    } catch (cause) {
      note(source, 'not a readable zip (neither reader runs)', String(cause));
      continue;
    }
    if (!inspected.ok) {
      note(source, 'over the XML limit (neither reader runs)');
      continue;
    }
    const options = { opened: inspected.opened };
    const excel = await attempt(() => readXlsxGridsWithExcelJs(content, options));
    const stream = await attempt(() => readXlsxGridsStreaming(content, options));
    // What the analysis reads: the streaming reader, exceljs for what it leaves or cannot read.
    const read = await attempt(() => readXlsxGrids(content, options));
    if (!sameOutcome(read, excel)) note(source, 'readXlsxGrids differs from exceljs');
    if (!stream.ok && stream.odd) {
      note(source, 'left to exceljs', `${stream.error}${excel.ok ? '' : ` (exceljs: ${excel.error})`}`);
      continue;
    }
    if (!excel.ok && !stream.ok) {
      note(
        source,
        excel.error === stream.error ? 'both fail (same error)' : 'both fail (different errors)',
        `${excel.error} | ${stream.error}`,
      );
      continue;
    }
    if (!excel.ok || !stream.ok) {
      note(
        source,
        excel.ok ? 'only exceljs reads' : 'only the streaming reader reads',
        excel.ok ? (stream as { error: string }).error : excel.error,
      );
      continue;
    }
    if (!sameOutcome(excel, stream)) {
      note(
        source,
        'differing',
        firstDifference(
          excel.value.grids.map((grid) => grid.rows.length),
          stream.value.grids.map((grid) => grid.rows.length),
        ),
      );
      continue;
    }
    const problems = (grids: XlsxGrids) => {
      const tables = findCampaignTables(grids.grids, campaign.tables, 'sheets');
      return JSON.stringify(tables.length === 0 ? [tablesNotFound(campaign, 'x')] : tables);
    };
    note(source, problems(excel.value) === problems(stream.value) ? 'identical' : 'differing (tables found)');
  }
  console.log(`\n${files.size} distinct .xlsx-kind files`);
  for (const [verdict, count] of Object.entries(counts).sort((a, b) => b[1] - a[1]))
    console.log(`${String(count).padStart(6)}  ${verdict}`);
  if (values.out) await writeFile(values.out, JSON.stringify({ counts, report }, null, 1));
}

await main();
