/**
 * The spine end to end: the real CLI on the demo mailbox (real .eml files with real .xlsx and
 * .docx attachments), a fresh campaign folder made by `init`, and the workbook and
 * `status --json` read back.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../examples/kit/mime.js';
import { buildReportDocx } from '../examples/kit/report-docx.js';
import { buildStatisticsTable } from '../examples/kit/statistics-table.js';
import { loadCampaign } from '../intake/kernel/campaign/load-campaign.js';
import { packageRoot } from '../intake/kernel/package-root.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { cellValues, readWorkbook, rowWhere } from './support/workbook.js';

const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');
const WORKBOOK = '政府信息公开保密审查专项检查汇总表.xlsx';

interface StatusJson {
  asOf: string;
  units: {
    unit: string;
    status: string;
    late: boolean;
    receivedAt: string | null;
    values: Record<string, number> | null;
    problems: { severity: string; message: string }[];
  }[];
  totals: Record<string, number>;
  unidentified: { message: string; claimedUnit: string | null; candidates: string[]; reason: string }[];
}

let campaignDir: string;

async function status(): Promise<StatusJson> {
  const result = await runCli(['status', '--campaign', campaignDir, '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as StatusJson;
}

describe('huizong on the demo mailbox', () => {
  beforeAll(async () => {
    campaignDir = join(await tempDir(), '2013年专项检查');
    const init = await runCli(['init', campaignDir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('已新建活动文件夹');
    const run = await runCli(['run', '--campaign', campaignDir, '--mailbox-dir', DEMO_MAILBOX]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('收信：读取 22 封，新存入 21 封，已存过 1 封');
    expect(run.stdout).toContain('共 18 个单位：按时报送 10，逾期报送 2，材料不全 2，数据有误 1，待核实 1，未报送 2');
    expect(run.stdout).toContain(join(campaignDir, 'out', WORKBOOK));
  });

  it('gives each unit the status a clerk would', async () => {
    const json = await status();
    const statuses = Object.fromEntries(json.units.map((unit) => [unit.unit, unit.status]));
    expect(statuses).toEqual({
      庞村镇: '按时报送',
      李村镇: '按时报送',
      寇店镇: '逾期报送',
      诸葛镇: '按时报送',
      佃庄镇: '未报送',
      区纪工委: '按时报送',
      区党群工作部: '按时报送',
      区经济发展局: '数据有误',
      区财政局: '按时报送',
      区规划建设局: '材料不全',
      区国土资源分局: '未报送',
      区社会事业局: '按时报送',
      区公安分局: '按时报送',
      区环境保护分局: '按时报送',
      区城市管理局: '按时报送',
      区农林水务局: '逾期报送',
      区招商局: '材料不全',
      区安全生产监督管理局: '待核实',
    });
  });

  it('reads the correction, 全角 digits, units and the forwarded mail', async () => {
    const json = await status();
    const unit = (name: string) => json.units.find((item) => item.unit === name)!;
    expect(unit('李村镇').values).toMatchObject({ computersClassified: 3, sealedComputersClassified: 3 });
    expect(unit('区党群工作部').values).toMatchObject({
      departments: 6,
      networksClassified: 0,
      computersUnclassified: 18,
      deletedItems: 0,
    });
    expect(unit('区党群工作部').problems.every((problem) => problem.severity === 'warning')).toBe(true);
    expect(unit('区环境保护分局').values).toMatchObject({
      departments: 5,
      computersClassified: 2,
      computersUnclassified: 21,
      deletedItems: 3,
    });
    expect(unit('区城市管理局').values).toMatchObject({ departments: 6, computersUnclassified: 28 });
    expect(unit('诸葛镇').values).toMatchObject({ departments: 8 });
    expect(unit('寇店镇').late).toBe(true);
    // A table with errors shows what could be read; the unreadable cell is absent.
    expect(unit('区经济发展局').values).toMatchObject({ departments: 7 });
    expect(unit('区经济发展局').values).not.toHaveProperty('computersClassified');
    expect(unit('区经济发展局').problems[0]?.message).toBe(
      '区经济发展局，《区经济发展局自查情况统计表.xlsx》D7，「检查计算机数量(台)·涉密」：填写为「若干」，不是数字，应为非负整数',
    );
  });

  it('lists what could not be attributed, with the unit it claimed', async () => {
    const json = await status();
    expect(json.unidentified).toHaveLength(2);
    expect(json.unidentified.map((item) => item.candidates)).toContainEqual(['区招商局', '区安全生产监督管理局']);
    expect(json.unidentified.map((item) => item.reason).join('\n')).toContain('发件邮箱未登记');
  });

  it('writes the district workbook with values, totals and the four sheets', async () => {
    const json = await status();
    const workbook = await readWorkbook(join(campaignDir, 'out', WORKBOOK));
    const sheet = workbook.worksheets[0]!;
    const pangcun = rowWhere(sheet, 2, '庞村镇');
    expect([3, 4, 5, 6, 7].map((column) => pangcun.getCell(column).value)).toEqual([12, 1, 3, 4, 56]);
    const total = rowWhere(sheet, 1, '合计');
    // Rows of tables with errors (status 数据有误（未计入合计）) are left out of the sum.
    expect(total.getCell(3).value).toEqual({
      formula: expect.stringMatching(/^SUMIF\(\$Q\$6:\$Q\$23,"<>数据有误（未计入合计）",C6:C23\)$/),
      result: json.totals.departments,
    });
    // The totals are the sum of the units counted, exactly.
    const counted = json.units.filter((unit) => unit.values !== null && unit.status !== '数据有误');
    expect(json.totals.departments).toBe(counted.reduce((sum, unit) => sum + unit.values!.departments!, 0));
    expect(workbook.getWorksheet('报送情况')!.rowCount).toBe(19);
    expect(rowWhere(workbook.getWorksheet('报送情况')!, 2, '寇店镇').getCell(4).value).toBe('是');
    const problems = workbook.getWorksheet('问题清单')!;
    const jingfa = rowWhere(problems, 8, '若干');
    expect([jingfa.getCell(3).value, jingfa.getCell(5).value, jingfa.getCell(6).value, jingfa.getCell(7).value]).toEqual([
      '区经济发展局',
      '区经济发展局自查情况统计表.xlsx',
      'D7',
      '检查计算机数量(台)·涉密',
    ]);
    const log = workbook.getWorksheet('来信记录')!;
    expect(log.rowCount).toBe(22);
    const outcomes = log.getColumn(7).values.slice(2);
    expect(outcomes.filter((value) => value === '无关邮件')).toHaveLength(1);
    expect(outcomes.filter((value) => value === '重复')).toHaveLength(1);
    expect(outcomes.filter((value) => value === '已被更正')).toHaveLength(1);
  });

  it('merges deterministically, and a second run takes in nothing new', async () => {
    const path = join(campaignDir, 'out', WORKBOOK);
    const before = cellValues(await readWorkbook(path));
    const merge = await runCli(['merge', '--campaign', campaignDir]);
    expect(merge.code).toBe(0);
    expect(cellValues(await readWorkbook(path))).toEqual(before);
    const again = await runCli(['run', '--campaign', campaignDir, '--mailbox-dir', DEMO_MAILBOX]);
    expect(again.stdout).toContain('新存入 0 封，已存过 22 封');
  });
});

describe('huizong on tables made by other software, imported by hand', () => {
  it('reads LibreOffice tables and resolves a doubtful mail by the clerk’s decision', async () => {
    const dir = join(await tempDir(), 'campaign');
    expect((await runCli(['init', dir])).code).toBe(0);
    const campaign = await loadCampaign(dir);
    const fixtures = join(packageRoot(), 'test', 'fixtures', 'libreoffice');
    const report = await buildReportDocx({ unitName: '寇店镇', date: '2013年8月16日' });
    const koudian = buildMail({
      from: { address: 'someone@126.com' },
      subject: '自查材料',
      date: new Date('2013-08-16T01:00:00Z'),
      receivedAt: new Date('2013-08-16T01:00:09Z'),
      attachments: [
        { filename: '统计表.xlsx', content: await readFile(join(fixtures, 'koudian-table.xlsx')) },
        { filename: '报告.docx', content: report },
      ],
    });
    const chengguan = buildMail({
      from: { address: 'chengguan@yibin-demo.gov.cn' },
      subject: '城管局自查材料',
      date: new Date('2013-08-15T01:00:00Z'),
      receivedAt: new Date('2013-08-15T01:00:09Z'),
      attachments: [
        { filename: '附件2.xlsx', content: await readFile(join(fixtures, 'chengguan-table.xlsx')) },
        { filename: '报告.docx', content: report },
      ],
    });
    const doubtful = buildMail({
      from: { address: 'stranger@qq.com' },
      subject: '统计表',
      date: new Date('2013-08-17T01:00:00Z'),
      receivedAt: new Date('2013-08-17T01:00:09Z'),
      attachments: [
        {
          filename: '表.xlsx',
          content: await buildStatisticsTable(campaign, {
            unitName: '',
            date: '',
            values: { departments: 1, remarks: '=HYPERLINK("http://evil","x")' },
          }),
        },
        { filename: '自查报告.docx', content: report },
      ],
    });
    const mailDir = await tempDir();
    await Promise.all([
      writeFile(join(mailDir, 'a.eml'), koudian),
      writeFile(join(mailDir, 'b.eml'), chengguan),
      writeFile(join(mailDir, 'c.eml'), doubtful),
    ]);
    const imported = await runCli(['import', join(mailDir, 'a.eml'), join(mailDir, 'b.eml'), join(mailDir, 'c.eml'), '--campaign', dir]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('新存入 3 封');

    const first = JSON.parse((await runCli(['status', '--campaign', dir, '--json'])).stdout) as StatusJson;
    const byName = Object.fromEntries(first.units.map((unit) => [unit.unit, unit]));
    expect(byName['寇店镇']!.status).toBe('按时报送');
    expect(byName['寇店镇']!.values).toMatchObject({ departments: 10, computersUnclassified: 38, mediaUnclassified: 45, deletedItems: 3 });
    expect(byName['区城市管理局']!.values).toMatchObject({ departments: 6, computersUnclassified: 28, deletedItems: 5, websitesClosed: 1 });
    expect(first.unidentified).toHaveLength(1);

    await writeFile(
      join(dir, 'decisions.yaml'),
      `assign:\n  - message: ${first.unidentified[0]!.message}\n    unit: 佃庄镇\n    reason: 电话核实\n`,
    );
    const merged = await runCli(['merge', '--campaign', dir]);
    expect(merged.code).toBe(0);
    const second = JSON.parse((await runCli(['status', '--campaign', dir, '--json'])).stdout) as StatusJson;
    expect(second.unidentified).toEqual([]);
    expect(second.units.find((unit) => unit.unit === '佃庄镇')?.status).toBe('按时报送');
    const sheet = (await readWorkbook(join(dir, 'out', WORKBOOK))).worksheets[0]!;
    const remark = rowWhere(sheet, 2, '佃庄镇').getCell(16);
    expect(remark.value).toBe('=HYPERLINK("http://evil","x")');
    expect(remark.formula).toBeUndefined();
  });
});

describe('huizong usage and configuration errors', () => {
  it('exits 2 with Chinese messages and no stack trace on a bad campaign', async () => {
    const dir = join(await tempDir(), 'bad');
    await runCli(['init', dir]);
    const path = join(dir, 'campaign.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('deadline: "2013-08-18T18:00:00+08:00"', 'deadline: 2013年8月18日'));
    const result = await runCli(['status', '--campaign', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('错误：campaign.yaml 有 1 处错误');
    expect(result.stderr).toMatch(/第 \d+ 行，deadline：应为带时区的 ISO 8601 时间/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('exits 2 on an unknown command or option, and on a missing mail source', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const option = await runCli(['status', '--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('不认识的选项 --colour');
    const dir = join(await tempDir(), 'c');
    await runCli(['init', dir]);
    const run = await runCli(['run', '--campaign', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('没有邮件来源');
  });

  it('refuses to overwrite a campaign folder without --force', async () => {
    const dir = join(await tempDir(), 'd');
    await runCli(['init', dir]);
    const again = await runCli(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已有 campaign.yaml');
  });

  it('exits 1 when the mailbox folder does not exist', async () => {
    const dir = join(await tempDir(), 'e');
    await runCli(['init', dir]);
    const result = await runCli(['run', '--campaign', dir, '--mailbox-dir', join(dir, 'nope')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('文件夹不存在');
  });

  it('finishes quietly when its output pipe is closed early', async () => {
    const { execFile } = await import('node:child_process');
    const { CLI_PATH } = await import('./support/cli.js');
    const dir = join(await tempDir(), 'pipe');
    await runCli(['init', dir]);
    // `run` prints its first line, works for a while, then prints the rest into a closed pipe.
    const command = `"${process.execPath}" "${CLI_PATH}" run --campaign "${dir}" --mailbox-dir "${DEMO_MAILBOX}" | head -n 1 >/dev/null`;
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile('bash', ['-o', 'pipefail', '-c', command], (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      ),
    );
    expect(result).toEqual({ code: 0, stderr: '' });
    // The work was done all the same.
    expect(existsSync(join(dir, 'out', WORKBOOK))).toBe(true);
  });

  it('prints help in Chinese', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法：huizong <命令>');
    expect((await runCli(['run', '--help'])).stdout).toContain('--mailbox-dir');
  });
});
