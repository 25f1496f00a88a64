/**
 * `huizong init <文件夹> --from <通知> <附件表格>…` end to end, with the real CLI on the office files
 * of test/fixtures/setup (made by LibreOffice and exceljs): the folder it writes, what it prints,
 * `check` on it before and after the roster is added, and a run of the demo mailbox on the 2013
 * campaign derived from its notice and 附件2, which must come out as the bundled campaign does.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledCampaignDir, packageRoot } from '../intake/kernel/package-root.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const SETUP = join(packageRoot(), 'test', 'fixtures', 'setup');
const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');

interface StatusJson {
  units: { unit: string; status: string; values: Record<string, number> | null; problems: { message: string }[] }[];
  totals: Record<string, number>;
}

describe('init --from the 2013 notice (.doc) and its 附件2 (.xls), then a roster, then the demo mailbox', () => {
  let dir: string;
  let init: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    dir = join(await tempDir(), '2013年专项检查');
    init = await runCli([
      'init',
      dir,
      '--from',
      join(SETUP, 'yibin-2013', '通知.doc'),
      join(SETUP, 'yibin-2013', '附件2 自查情况统计表.xls'),
    ]);
  });

  it('prints what it read and what the clerk must confirm, in Chinese', () => {
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(`已新建活动文件夹：${dir}`);
    expect(init.stdout).toContain('文号：伊滨办〔2013〕62号');
    expect(init.stdout).toContain('表格「自查情况统计表」（附件2，统计表：每个单位填一行（推断），读自 附件2 自查情况统计表.xls）');
    expect(init.stdout).toContain('检查网络数量(个)：涉密 整数（推断）；非涉密 整数（推断）');
    expect(init.stdout).toMatch(/需要确认（2 处，均已在 campaign\.yaml 的行尾注明）：/);
    expect(init.stdout).toContain('1. 截止时间：2013年8月18日18时——通知写“8月18日前”；年份按文号中的 2013 年；没有写几点');
    expect(init.stdout).toContain('2. 单位名单是空的');
  });

  it('writes campaign.yaml with a note on every value read', async () => {
    const yaml = await readFile(join(dir, 'campaign.yaml'), 'utf8');
    expect(yaml).toContain('deadline: "2013-08-18T18:00:00+08:00" # 请确认：通知写“8月18日前”');
    expect(yaml).toContain('documentNumber: 伊滨办〔2013〕62号 # 读自 通知.doc 第1段');
    expect(yaml).toContain('      - { label: 检查机关、单位内设部门数量(个), type: 整数 } # 推断：表头中的「(个)」');
    expect(yaml).toContain('  user: lyybqgwh@163.com');
    expect((await readFile(join(dir, '来源文件', '通知.doc'))).length).toBeGreaterThan(0);
  });

  it('fails check while the roster is empty, passes once one is added', async () => {
    const empty = await runCli(['check', '--campaign', dir]);
    expect(empty.code).toBe(2);
    expect(empty.stdout).toContain('roster.csv 名单中没有任何单位');
    await copyFile(join(bundledCampaignDir(), 'roster.csv'), join(dir, 'roster.csv'));
    const checked = await runCli(['check', '--campaign', dir]);
    expect(checked.stdout).toContain('未发现错误');
    expect(checked.code).toBe(0);
  });

  it('reads the demo mailbox as the bundled campaign does: every status, every total', async () => {
    const run = await runCli(['run', '--campaign', dir, '--mailbox-dir', DEMO_MAILBOX]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('共 18 个单位：按时报送 10，逾期报送 2，材料不全 2，数据有误 1，待核实 1，未报送 2');
    const status = await runCli(['status', '--campaign', dir, '--json']);
    const json = JSON.parse(status.stdout) as StatusJson;
    const statuses = Object.fromEntries(json.units.map((unit) => [unit.unit, unit.status]));
    expect(statuses).toMatchObject({
      庞村镇: '按时报送',
      寇店镇: '逾期报送',
      佃庄镇: '未报送',
      区经济发展局: '数据有误',
      区规划建设局: '材料不全',
      区安全生产监督管理局: '待核实',
    });
    // The bundled campaign's totals of the demo mailbox, column by column (its keys are English, these the headers').
    expect(Object.values(json.totals)).toEqual([110, 9, 20, 41, 480, 35, 593, 7, 11, 1, 16, 77, 8]);
    expect(Object.keys(json.totals).slice(0, 3)).toEqual(['检查机关、单位内设部门数量', '检查网络数量·涉密', '检查网络数量·非涉密']);
    const jingfa = json.units.find((unit) => unit.unit === '区经济发展局')!;
    expect(jingfa.problems[0]?.message).toBe(
      '区经济发展局，《区经济发展局自查情况统计表.xlsx》D7，「检查计算机数量(台)·涉密」：填写为「若干」，不是数字，应为非负整数',
    );
  });
});

describe('init --from notices of other shapes', () => {
  it("derives the 政务公开 campaign from a .pdf, an .xlsx and a Word 台账, with the office's roster in CSV", async () => {
    const dir = join(await tempDir(), '政务公开');
    const init = await runCli([
      'init',
      dir,
      '--from',
      join(SETUP, 'gongkai-2026', '通知.pdf'),
      join(SETUP, 'gongkai-2026', '附件1 政务公开工作统计表.xlsx'),
      join(SETUP, 'gongkai-2026', '附件2 政务公开培训台账.docx'),
      '--roster',
      join(SETUP, 'gongkai-2026', '名单.csv'),
    ]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('截止时间：2026年12月10日17时30分（推断）');
    expect(init.stdout).toContain(
      '附件：附件1《政务公开工作统计表》→ 表格（附件1 政务公开工作统计表.xlsx）；附件2《政务公开培训台账》→ 表格（附件2 政务公开培训台账.docx）；附件3《政务公开工作检查要点》→ 检查目录（3 个方面）',
    );
    expect(init.stdout).toContain('按时答复率(%) 百分比（1 位小数，不大于 100）');
    expect(init.stdout).toContain('校验规则：收到申请 = 已答复 + 未答复');
    expect(init.stdout).toContain('单位名单：3 个单位（名单.csv）');
    const roster = await readFile(join(dir, 'roster.csv'), 'utf8');
    expect(roster).toBe(
      '\ufeff单位名称,别名,邮箱\r\n庞村镇人民政府,庞村镇;庞村,pangcun@yibin.gov.cn\r\n李村镇人民政府,李村镇,licun@yibin.gov.cn\r\n区财政局,,\r\n',
    );
    const checked = await runCli(['check', '--campaign', dir]);
    expect(checked.code).toBe(0);
  });

  it('derives the flood campaign from a .doc, with the roster of an office .xlsx under a title row', async () => {
    const dir = join(await tempDir(), '汛期排查');
    const init = await runCli([
      'init',
      dir,
      '--from',
      join(SETUP, 'fangxun-2026', '伊滨防办〔2026〕15号.doc'),
      join(SETUP, 'fangxun-2026', '附件1.xlsx'),
      join(SETUP, 'fangxun-2026', '附件2 重大隐患整改台账.xls'),
      '--roster',
      join(SETUP, 'gongkai-2026', '报送单位名单.xlsx'),
    ]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('可能需要的规则“行数(重大隐患整改台账) = 重大隐患”');
    expect(init.stdout).toContain('该日是星期六');
    expect((await runCli(['check', '--campaign', dir])).code).toBe(0);
    // The folder starts from the generic templates, and runs to the end: workbook and documents.
    expect(await readFile(join(dir, 'templates', '汇总报告.txt'), 'utf8')).toContain('通用的汇总报告模板');
    const mailbox = join(dir, '..', 'mailbox');
    await mkdir(mailbox);
    const run = await runCli(['run', '--campaign', dir, '--mailbox-dir', mailbox]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = await readdir(join(dir, 'out'));
    expect(written.filter((name) => name.endsWith('.docx')).map((name) => name.replace(/^.*?(汇总报告|通报)/u, '$1'))).toEqual([
      '汇总报告.docx',
      '通报（草稿）.docx',
    ]);
  });

  it('writes nothing when no table can be read, and says which 附件 lacks its file', async () => {
    const dir = join(await tempDir(), '只有通知');
    const init = await runCli(['init', dir, '--from', join(SETUP, 'gongkai-2026', '通知.pdf')]);
    expect(init.code).toBe(2);
    expect(init.stderr).toContain('错误：没有读出任何表格，未新建活动文件夹');
    expect(init.stderr).toContain('通知的附件1《政务公开工作统计表》是一张表格，但没有给出它的模板文件');
    expect(existsSync(dir)).toBe(false);
  });

  it('says in Chinese what is wrong with the command', async () => {
    const dir = join(await tempDir(), '活动');
    const missing = await runCli(['init', dir, '--from', join(SETUP, '没有这个文件.docx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const noFrom = await runCli(['init', dir, join(SETUP, 'fangxun-2026', '附件1.xlsx')]);
    expect(noFrom.code).toBe(2);
    expect(noFrom.stderr).toContain('附件表格和名单要跟在 --from <通知> 之后');
    const badRoster = join(await tempDir(), '名单.csv');
    await writeFile(badRoster, '姓名,电话\n张三,123\n');
    const roster = await runCli(['init', dir, '--from', join(SETUP, 'fangxun-2026', '附件1.xlsx'), '--roster', badRoster]);
    expect(roster.code).toBe(2);
    expect(roster.stderr).toContain('没有找到「单位名称」一栏');
  });
});
