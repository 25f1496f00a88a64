/**
 * One bad file never takes the campaign down: every message is analysed on a worker under the
 * campaign's memory and time budget (limits.analysisMemoryMB / analysisTimeoutSeconds). Through
 * the real CLI: a file past its budget becomes a problem naming it, the other units come through,
 * the outcome is remembered (merge and status do not try again), and `merge --retry-failed`
 * tries again on purpose. The budgets here are set far below what the heavy file needs, so the
 * outcome does not depend on the machine's speed.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../examples/kit/mime.js';
import { buildStatisticsTable } from '../examples/kit/statistics-table.js';
import { packageRoot } from '../intake/kernel/package-root.js';
import { runCli } from './support/cli.js';
import { demoCampaign } from './support/demo-campaign.js';
import { heavyWorkbook } from './support/heavy-table.js';
import { withDefinedName } from './support/package-edit.js';
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
