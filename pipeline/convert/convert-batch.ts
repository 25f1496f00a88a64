/**
 * Converts legacy and WPS files (.xls/.et, .doc/.wps, .rtf, .odt/.ods) to OOXML with
 * LibreOffice headless, many files per start: one throw-away profile and one `soffice` process
 * for the whole batch (see libreoffice-profile.ts), in a temporary folder removed afterwards.
 *
 * Time limits: LibreOffice must start converting within `startupTimeoutMs`, and each file must
 * convert within `perFileTimeoutMs`. A file that hangs or crashes LibreOffice is marked as such
 * and the batch goes on with the files after it in a new start, so one bad file never costs
 * the others. Never throws for a bad file or a missing LibreOffice: every file gets an outcome.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findSoffice } from './find-soffice.js';
import { MACRO_ENTRY, writeConversionProfile } from './libreoffice-profile.js';

/**
 * 'ole': an OLE container whose kind its damaged directory does not tell; LibreOffice decides.
 * 'xlsb': binary Excel 2007+. 'xlsx'/'docx': a package exceljs or the zip reader refused, re-saved
 * by LibreOffice (which forgives more) before the file is called damaged.
 */
export type ConvertSource = 'xls' | 'doc' | 'rtf' | 'odt' | 'ods' | 'ole' | 'xlsb' | 'xlsx' | 'docx';
export type ConvertTarget = 'xlsx' | 'docx';

/** The format each source must convert to; null when either is acceptable. */
export const TARGET_OF: Record<ConvertSource, ConvertTarget | null> = {
  xls: 'xlsx',
  ods: 'xlsx',
  doc: 'docx',
  rtf: 'docx',
  odt: 'docx',
  ole: null,
  xlsb: 'xlsx',
  xlsx: 'xlsx',
  docx: 'docx',
};

export interface ConversionRequest {
  /** Identifies the file in the outcome map (its content hash). */
  key: string;
  source: ConvertSource;
  content: Buffer;
}

export type ConversionOutcome =
  | { status: 'converted'; target: ConvertTarget; content: Buffer; filter: string }
  /** LibreOffice could not read the file, read it as something else, or crashed on it. */
  | { status: 'failed'; reason: 'unreadable' | 'wrong_type' | 'crashed'; detail: string }
  | { status: 'timeout'; seconds: number }
  /** LibreOffice is not installed or did not start: nothing is wrong with the file. */
  | { status: 'unavailable'; detail: string };

export interface ConvertOptions {
  /** Path of soffice; undefined = look it up (findSoffice), null = not installed. */
  soffice?: string | null;
  /** Time limit per file. Default 60 s. */
  perFileTimeoutMs?: number;
  /** Time LibreOffice may take to start before the first file. Default 60 s. */
  startupTimeoutMs?: number;
  /** Where the job folder is made. Default: the system temporary folder. */
  tempDir?: string;
}

export interface BatchResult {
  outcomes: Map<string, ConversionOutcome>;
  /** LibreOffice processes started (1 for a batch without hanging or crashing files). */
  starts: number;
}

const EXTENSION: Record<ConvertSource, string> = {
  xls: 'xls',
  doc: 'doc',
  rtf: 'rtf',
  odt: 'odt',
  ods: 'ods',
  ole: 'bin',
  xlsb: 'xlsb',
  xlsx: 'xlsx',
  docx: 'docx',
};
/** Import filters LibreOffice falls back to for bytes it cannot identify: never a real conversion. */
const FALLBACK_FILTER = /^(Text|HTML)\b|\bcsv\b|\btxt\b/i;
const POLL_MS = 100;

interface Item {
  index: number;
  request: ConversionRequest;
  input: string;
  output: string;
}

interface RunResult {
  outcomes: Map<number, ConversionOutcome>;
  notStarted: Item[];
  anyStarted: boolean;
  stderr: string;
}

async function readOutcome(item: Item, timedOut: boolean, seconds: number): Promise<ConversionOutcome | 'not-started'> {
  const base = item.output;
  if (existsSync(`${base}.done`)) {
    const filter = (await readFile(`${base}.done`, 'utf8')).trim();
    const expected = TARGET_OF[item.request.source];
    const produced = (['xlsx', 'docx'] as const).find((target) => existsSync(`${base}.${target}`));
    if (!produced) return { status: 'failed', reason: 'crashed', detail: 'LibreOffice 未写出转换结果' };
    if (FALLBACK_FILTER.test(filter))
      return { status: 'failed', reason: 'unreadable', detail: `LibreOffice 无法识别文件格式（按「${filter}」打开）` };
    if (expected !== null && produced !== expected)
      return { status: 'failed', reason: 'wrong_type', detail: `文件内容是${produced === 'xlsx' ? '电子表格' : '文字文档'}` };
    return { status: 'converted', target: produced, content: await readFile(`${base}.${produced}`), filter };
  }
  if (existsSync(`${base}.failed`))
    return { status: 'failed', reason: 'unreadable', detail: (await readFile(`${base}.failed`, 'utf8')).trim().slice(0, 300) };
  if (existsSync(`${base}.started`))
    return timedOut
      ? { status: 'timeout', seconds }
      : { status: 'failed', reason: 'crashed', detail: 'LibreOffice 在转换此文件时异常退出' };
  return 'not-started';
}

interface RunningOffice {
  /** Resolves when the process has exited (or could not start). */
  exited: Promise<void>;
  /** Whether it has exited yet. */
  isDone: () => boolean;
  /** The first 4,000 characters it wrote on stderr (or why it could not start). */
  stderr: () => string;
  /** Kills the whole process group: soffice starts soffice.bin as its child. */
  kill: () => void;
}

function startOffice(soffice: string, jobDir: string, profile: string, list: string): RunningOffice {
  const args = [
    '--headless',
    '--invisible',
    '--norestore',
    '--nologo',
    '--nodefault',
    '--nolockcheck',
    `-env:UserInstallation=${pathToFileURL(profile).href}`,
    `${MACRO_ENTRY}("${pathToFileURL(list).href}")`,
  ];
  let stderr = '';
  const child = spawn(soffice, args, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      SAL_USE_VCLPLUGIN: 'svp',
      // LibreOffice and fontconfig write caches under HOME and XDG folders: keep them in the
      // job folder, removed with it, so nothing is left outside huizong's own folders.
      HOME: jobDir,
      XDG_CACHE_HOME: join(jobDir, 'cache'),
      XDG_CONFIG_HOME: join(jobDir, 'config'),
      XDG_DATA_HOME: join(jobDir, 'share'),
    },
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString('utf8');
  });
  let done = false;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => resolve());
    child.on('error', (cause) => {
      stderr += cause.message;
      resolve();
    });
  }).then(() => {
    done = true;
  });
  const kill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return { exited, isDone: () => done, stderr: () => stderr, kill };
}

/**
 * Watches the marker files the macro writes until LibreOffice exits; kills it when one file takes
 * longer than its limit, or when it has not started the first file in time.
 */
async function watchOffice(
  office: RunningOffice,
  items: readonly Item[],
  options: Required<Omit<ConvertOptions, 'soffice' | 'tempDir'>>,
): Promise<{ timedOut: number | null; startupFailed: boolean }> {
  const startedAt = Date.now();
  let current = null as { index: number; since: number } | null;
  while (!office.isDone()) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (office.isDone()) break;
    const active = items.find((item) => !existsSync(`${item.output}.done`) && !existsSync(`${item.output}.failed`));
    if (!active) continue;
    if (existsSync(`${active.output}.started`)) {
      if (current?.index !== active.index) current = { index: active.index, since: Date.now() };
      if (Date.now() - current.since > options.perFileTimeoutMs) {
        office.kill();
        return { timedOut: active.index, startupFailed: false };
      }
    } else if (current === null && Date.now() - startedAt > options.startupTimeoutMs) {
      office.kill();
      return { timedOut: null, startupFailed: true };
    }
  }
  return { timedOut: null, startupFailed: false };
}

async function runOnce(
  soffice: string,
  jobDir: string,
  attempt: number,
  items: Item[],
  options: Required<Omit<ConvertOptions, 'soffice' | 'tempDir'>>,
): Promise<RunResult> {
  const profile = join(jobDir, `profile-${attempt}`);
  await writeConversionProfile(profile);
  const list = join(jobDir, `list-${attempt}.txt`);
  // URLs keep the list ASCII whatever the temporary folder is called.
  await writeFile(list, items.map((item) => `${pathToFileURL(item.input).href}\t${pathToFileURL(item.output).href}\n`).join(''));
  const office = startOffice(soffice, jobDir, profile, list);
  const { timedOut, startupFailed } = await watchOffice(office, items, options);
  await office.exited;
  const outcomes = new Map<number, ConversionOutcome>();
  const notStarted: Item[] = [];
  let anyStarted = false;
  for (const item of items) {
    const outcome = await readOutcome(item, timedOut === item.index, Math.round(options.perFileTimeoutMs / 1000));
    if (outcome === 'not-started') notStarted.push(item);
    else {
      anyStarted = true;
      outcomes.set(item.index, outcome);
    }
  }
  const stderr = office.stderr();
  return {
    outcomes,
    notStarted,
    anyStarted,
    stderr: startupFailed ? `LibreOffice 在 ${Math.round(options.startupTimeoutMs / 1000)} 秒内未能启动。${stderr}` : stderr,
  };
}

export async function convertBatch(requests: readonly ConversionRequest[], options: ConvertOptions = {}): Promise<BatchResult> {
  const outcomes = new Map<string, ConversionOutcome>();
  if (requests.length === 0) return { outcomes, starts: 0 };
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (soffice === null) {
    for (const request of requests) outcomes.set(request.key, { status: 'unavailable', detail: '未安装 LibreOffice（找不到 soffice）' });
    return { outcomes, starts: 0 };
  }
  const settings = { perFileTimeoutMs: options.perFileTimeoutMs ?? 60_000, startupTimeoutMs: options.startupTimeoutMs ?? 60_000 };
  const jobDir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'huizong-lo-'));
  let starts = 0;
  try {
    const items: Item[] = await Promise.all(
      requests.map(async (request, index) => {
        const input = join(jobDir, `in-${index}.${EXTENSION[request.source]}`);
        await writeFile(input, request.content);
        return { index, request, input, output: join(jobDir, `out-${index}`) };
      }),
    );
    let pending = items;
    while (pending.length > 0) {
      starts++;
      const run = await runOnce(soffice, jobDir, starts, pending, settings);
      for (const [index, outcome] of run.outcomes) outcomes.set(items[index]!.request.key, outcome);
      if (!run.anyStarted) {
        const detail = `LibreOffice 未能运行：${run.stderr.replace(/\s+/g, ' ').trim().slice(0, 300) || '没有输出'}`;
        for (const item of run.notStarted) outcomes.set(item.request.key, { status: 'unavailable', detail });
        break;
      }
      pending = run.notStarted;
    }
  } finally {
    await rm(jobDir, { recursive: true, force: true });
  }
  return { outcomes, starts };
}
