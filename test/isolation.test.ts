/**
 * One bad file never takes the campaign down: every message is analysed in a child process under
 * the campaign's memory and time budget (limits.analysisMemoryMB / analysisTimeoutSeconds). Through
 * the real CLI: a file past its budget becomes a problem naming it, the other units come through,
 * the outcome is remembered (merge and status do not try again), and `merge --retry-failed`
 * tries again on purpose. The budgets here are set far below what the heavy file needs, so the
 * outcome does not depend on the machine's speed.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../examples/kit/mime.js';
import { buildStatisticsTable } from '../examples/kit/statistics-table.js';
import { packageRoot } from '../intake/kernel/package-root.js';
import { CLI_PATH, runCli } from './support/cli.js';
import { demoCampaign } from './support/demo-campaign.js';
import { heavyWorkbook } from './support/heavy-table.js';
import { withDefinedName } from './support/package-edit.js';
import { processTree, runMeasured, type TreeRun } from './support/process-tree-rss.js';
import { tempDir } from './support/temp-dir.js';

interface Status {
  units: { unit: string; status: string; values: Record<string, number> | null; problems: { code: string; message: string }[] }[];
}

const date = new Date('2013-08-15T02:00:00Z');
const mail = (unit: string, address: string, filename: string, content: Buffer) =>
  buildMail({ from: { name: unit, address }, subject: `${unit}自查情况统计表`, date, text: '附件', attachments: [{ filename, content }] });

async function campaignWith(limits: string): Promise<string> {
  const dir = join(await tempDir('huizong-isolation-'), 'campaign');
  expect((await runCli(['init', dir])).code).toBe(0);
  const file = join(dir, 'campaign.yaml');
  const yaml = await readFile(file, 'utf8');
  await writeFile(file, yaml.replace(/ {2}analysisMemoryMB: \d+\n {2}analysisTimeoutSeconds: \d+\n/, limits));
  expect(await readFile(file, 'utf8')).toContain(limits);
  return dir;
}

const logLines = async (campaign: string) =>
  (await readFile(join(campaign, 'data', 'log', 'analysis.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { stopped: string | null; file: string | null });
const status = async (campaign: string) => JSON.parse((await runCli(['status', '--campaign', campaign, '--json'])).stdout) as Status;
const unit = (result: Status, name: string) => result.units.find((item) => item.unit === name)!;

let heavy: Buffer;
let poisoned: Buffer;
beforeAll(async () => {
  const campaign = await demoCampaign();
  heavy = await heavyWorkbook();
  // The demo's good table with one defined name over whole columns (exceljs expands it cell by cell).
  poisoned = withDefinedName(
    await buildStatisticsTable(campaign, { unitName: '寇店镇', date: '2013年8月15日', values: { departments: 3 } }),
    'all',
    'Sheet1!$A$1:$AZ$1048576',
  );
}, 120_000);

describe('a file past its memory budget', () => {
  let campaign: string;
  beforeAll(async () => {
    campaign = await campaignWith('  analysisMemoryMB: 64\n  analysisTimeoutSeconds: 600\n');
    const mailbox = join(campaign, 'mailbox');
    await mkdir(mailbox);
    await copyFile(join(packageRoot(), 'examples', 'mailbox', '01-pangcun.eml'), join(mailbox, '01.eml'));
    await writeFile(join(mailbox, '02.eml'), mail('李村镇', 'licun@yibin-demo.gov.cn', '李村镇统计表.xlsx', heavy));
    await writeFile(join(mailbox, '03.eml'), mail('寇店镇', 'koudian@yibin-demo.gov.cn', '寇店镇统计表.xlsx', poisoned));
    const run = await runCli(['run', '--campaign', campaign, '--mailbox-dir', mailbox], { timeoutMs: 300_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 300_000);

  it('becomes a problem naming the file; every other unit comes through, the defined-name table included', async () => {
    const result = await status(campaign);
    expect(unit(result, '庞村镇').status).toBe('按时报送');
    // Its table is read (only the report is missing from its mail).
    expect(unit(result, '寇店镇').values?.departments).toBe(3);
    expect(unit(result, '寇店镇').problems.filter((item) => item.code.startsWith('file.'))).toEqual([]);
    expect(unit(result, '寇店镇').problems.map((item) => item.code)).toContain('unit.no_report');
    const licun = unit(result, '李村镇');
    expect(licun.status).toBe('材料不全');
    const problem = licun.problems.find((item) => item.code === 'file.too_complex');
    expect(problem?.message).toBe(
      '李村镇，《李村镇统计表.xlsx》：文件过于复杂，无法在限定内存（64 MB）内读取：未读取其中的统计表或报告，请人工查看；必要时请报送单位只保留统计表另存后重新报送',
    );
    expect((await logLines(campaign)).filter((line) => line.stopped)).toEqual([
      expect.objectContaining({ stopped: 'memory', file: '李村镇统计表.xlsx' }),
    ]);
  });

  it('is remembered: merge and status do not try again; merge --retry-failed does', async () => {
    const before = (await logLines(campaign)).length;
    expect((await runCli(['merge', '--campaign', campaign])).code).toBe(0);
    await status(campaign);
    expect((await logLines(campaign)).length).toBe(before);
    expect((await runCli(['merge', '--campaign', campaign, '--retry-failed'], { timeoutMs: 300_000 })).code).toBe(0);
    const after = await logLines(campaign);
    expect(after.slice(before).filter((line) => line.stopped)).toEqual([
      expect.objectContaining({ stopped: 'memory', file: '李村镇统计表.xlsx' }),
    ]);
    expect(unit(await status(campaign), '李村镇').problems.map((item) => item.code)).toContain('file.too_complex');
  }, 300_000);
});

describe('a file past its time budget', () => {
  it('is stopped and named, and the run goes on', async () => {
    const campaign = await campaignWith('  analysisMemoryMB: 512\n  analysisTimeoutSeconds: 0.05\n');
    const mailbox = join(campaign, 'mailbox');
    await mkdir(mailbox);
    await writeFile(join(mailbox, '02.eml'), mail('李村镇', 'licun@yibin-demo.gov.cn', '李村镇统计表.xlsx', heavy));
    const run = await runCli(['run', '--campaign', campaign, '--mailbox-dir', mailbox], { timeoutMs: 300_000 });
    expect(run.code).toBe(0);
    const problem = unit(await status(campaign), '李村镇').problems.find((item) => item.code === 'file.too_complex');
    expect(problem?.message).toContain('无法在限定时间（0.05 秒）内读取');
  }, 300_000);
});

/**
 * Files that end a whole Node process (test/fixtures/hostile/process-killers.ts): analysed in child
 * processes, they cost only the child. Through the real CLI under a 2 GB heap, as on an office PC.
 */
const HOSTILE = join(packageRoot(), 'test', 'fixtures', 'hostile');
const HOSTILE_CAMPAIGN = join(HOSTILE, 'campaign');
const hostileMail = (name: string) => join(HOSTILE, 'mail', name);
const sha256Of = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const inHostile = (work: string, command: string, ...rest: string[]) => [
  command,
  '--campaign',
  HOSTILE_CAMPAIGN,
  '--data',
  join(work, 'data'),
  ...(command === 'status' ? [] : ['--out', join(work, 'out')]),
  ...rest,
];
const hostileStatus = async (work: string) => {
  const result = await runCli(inHostile(work, 'status', '--json'));
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Status;
};
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSyncSafe(`/proc/${pid}/status`));
function readFileSyncSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
/** Waits for a condition (never for a time): polled until it holds, or fails after `maxMs`. */
async function until(condition: () => boolean | Promise<boolean>, what: string, maxMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > maxMs) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('files that end a whole Node process, under a 2 GB heap', () => {
  let work: string;
  let run: TreeRun;
  const children = new Set<number>();
  beforeAll(async () => {
    work = await tempDir('huizong-killers-');
    const mailbox = join(work, 'mailbox');
    await mkdir(mailbox);
    for (const name of ['50-ole-endless-chain.eml', '54-docx-million-levels.eml', '05-dotdot-name.eml'])
      await copyFile(hostileMail(name), join(mailbox, name));
    run = await runMeasured(
      process.execPath,
      ['--max-old-space-size=2048', CLI_PATH, ...inHostile(work, 'run', '--mailbox-dir', mailbox)],
      {
        onSample: (pid) => {
          for (const child of processTree(pid).keys()) if (child !== pid) children.add(child);
        },
      },
    );
  }, 600_000);

  it('end their own child only: the run exits 0, the files are named, the good material beside them is read', async () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = await hostileStatus(work);
    for (const [id, file] of [
      ['50', '去年统计表.xls'],
      ['54', '附件说明.docx'],
    ] as const) {
      const found = unit(result, `测试单位${id}`);
      expect(found.status).toBe('按时报送');
      expect(found.values?.departments).toBe(3);
      expect(found.problems).toEqual([
        expect.objectContaining({
          code: 'file.too_complex',
          message: expect.stringContaining(`《${file}》：文件过于复杂，无法在限定内存（512 MB）内读取`),
        }),
      ]);
    }
    expect(unit(result, '测试单位05').status).toBe('按时报送');
  });

  it('keeps the whole process tree within 1.5 GB', () => {
    // Sampled every 100 ms: the figure can only be too low, so the bound cannot fail by chance.
    expect(run.peakTreeRssMb).toBeGreaterThan(0);
    expect(run.peakTreeRssMb).toBeLessThan(1536);
    expect(run.mainPeakMb).toBeLessThan(1024);
  });

  it('leaves no child behind, and the campaign opens again without analysing anything', async () => {
    expect(children.size).toBeGreaterThan(0);
    for (const pid of children) expect(alive(pid), `child ${pid}`).toBe(false);
    const log = join(work, 'data', 'log', 'analysis.jsonl');
    const before = (await readFile(log, 'utf8')).length;
    expect((await runCli(inHostile(work, 'merge'))).code).toBe(0);
    await hostileStatus(work);
    expect((await readFile(log, 'utf8')).length).toBe(before);
    expect(await readdir(join(work, 'data', 'cache', 'analysis-journal'))).toEqual([]);
  });
});

describe('a message under way when huizong itself dies', () => {
  it('is read for its headers only from then on (never analysed again on its own); the good unit keeps its values', async () => {
    const work = await tempDir('huizong-killed-');
    const mailbox = join(work, 'mailbox');
    await mkdir(mailbox);
    await copyFile(hostileMail('50-ole-endless-chain.eml'), join(mailbox, '50.eml'));
    await copyFile(hostileMail('05-dotdot-name.eml'), join(mailbox, '05.eml'));
    const [killer, good] = [await sha256Of(join(mailbox, '50.eml')), await sha256Of(join(mailbox, '05.eml'))];
    const journalDir = join(work, 'data', 'cache', 'analysis-journal');
    const journal = async () =>
      (await readdir(journalDir).catch(() => [] as string[])).length === 0
        ? ''
        : await readFile(join(journalDir, (await readdir(journalDir))[0]!), 'utf8');
    const children = new Set<number>();
    let main = 0;
    const running = runMeasured(process.execPath, [CLI_PATH, ...inHostile(work, 'run', '--mailbox-dir', mailbox)], {
      everyMs: 25,
      onSample: (pid) => {
        main = pid;
        for (const child of processTree(pid).keys()) if (child !== pid) children.add(child);
      },
    });
    // Killed once the good message's outcome is on record and while the other is still being read.
    const finished = async () =>
      (await journal())
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => (JSON.parse(line) as { done?: string[] }).done ?? []);
    await until(async () => (await finished()).includes(good), 'the good message finished');
    expect(await finished()).not.toContain(killer);
    process.kill(main, 'SIGKILL');
    const killed = await running;
    expect(killed.signal).toBe('SIGKILL');
    // Its children die with it (their parent-death signal), even in the middle of the endless chain.
    await until(() => [...children].every((pid) => !alive(pid)), 'the children ended', 30_000);

    const result = await hostileStatus(work);
    const poisoned = unit(result, '测试单位50');
    expect(poisoned.status).toBe('材料不全');
    expect(poisoned.problems.find((item) => item.code === 'mail.too_complex')?.message).toContain(
      '邮件过于复杂，上次读取时汇总程序意外中止，为免再次中止，不再自动读取',
    );
    expect(unit(result, '测试单位05').status).toBe('按时报送');
    expect(unit(result, '测试单位05').values?.departments).toBe(3);
    expect((await runCli(inHostile(work, 'merge'))).code).toBe(0);
    expect(await readdir(journalDir)).toEqual([]);

    // Tried again on purpose: read in full, the file that ends its child named.
    expect((await runCli(inHostile(work, 'merge', '--retry-failed'), { timeoutMs: 300_000 })).code).toBe(0);
    const retried = unit(await hostileStatus(work), '测试单位50');
    expect(retried.status).toBe('按时报送');
    expect(retried.problems.map((item) => item.code)).toEqual(['file.too_complex']);
  }, 600_000);

  it('left by a process that is gone (its journal on disk) is never read in full by status, run or merge', async () => {
    const work = await tempDir('huizong-journal-');
    const mailbox = join(work, 'mailbox');
    await mkdir(mailbox);
    await copyFile(hostileMail('50-ole-endless-chain.eml'), join(mailbox, '50.eml'));
    // A process that has ended: its pid names the journal it left.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.on('exit', resolve));
    const journalDir = join(work, 'data', 'cache', 'analysis-journal');
    await mkdir(journalDir, { recursive: true });
    await writeFile(join(journalDir, `${gone.pid}.jsonl`), `${JSON.stringify({ started: [await sha256Of(join(mailbox, '50.eml'))] })}\n`);
    const run = await runCli(inHostile(work, 'run', '--mailbox-dir', mailbox));
    expect(run.code).toBe(0);
    const poisoned = unit(await hostileStatus(work), '测试单位50');
    expect(poisoned.problems.map((item) => item.code)).toContain('mail.too_complex');
    expect(await readdir(journalDir)).toEqual([]);
    // Not a word about it in the analysis log beyond the headers-only reading: nothing of it was opened.
    expect((await logLinesOf(work)).filter((line) => line.stopped)).toEqual([]);
  }, 300_000);
});

const logLinesOf = async (work: string) =>
  (await readFile(join(work, 'data', 'log', 'analysis.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { stopped: string | null; file: string | null });
