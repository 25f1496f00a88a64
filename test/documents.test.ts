/**
 * The official documents end to end: the real CLI on the demo mailbox writes the summary report
 * and the draft circular next to the workbook; the .docx files are opened and their XML checked
 * against GB/T 9704-2012; decisions.yaml drives the circular; a broken template is reported by
 * line and column both by `merge` and by `check`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../intake/kernel/package-root.js';
import { formatChineseDate } from '../intake/kernel/time.js';
import { runCli } from './support/cli.js';
import { type DocxParts, paragraphTexts, readDocx, styleXml } from './support/docx.js';
import { tempDir } from './support/temp-dir.js';

const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');
const TITLE = '政府信息公开保密审查专项检查';
const SUMMARY = `${TITLE}汇总报告.docx`;
const DRAFT = `${TITLE}通报（草稿）.docx`;
const FINAL = `${TITLE}通报.docx`;

let campaignDir: string;
let outDir: string;
let runOutput: string;
let asOf: string;

/** A second campaign folder reading the first one's stored mail, with its own decisions, templates and outputs. */
async function sibling(name: string): Promise<{ dir: string; merge: () => ReturnType<typeof runCli> }> {
  const dir = join(await tempDir(), name);
  expect((await runCli(['init', dir])).code).toBe(0);
  return { dir, merge: () => runCli(['merge', '--campaign', dir, '--data', join(campaignDir, 'data')]) };
}

const text = (docx: DocxParts) => paragraphTexts(docx.document).join('\n');

describe('official documents from the demo mailbox', () => {
  beforeAll(async () => {
    campaignDir = join(await tempDir(), '2013年专项检查');
    outDir = join(campaignDir, 'out');
    expect((await runCli(['init', campaignDir])).code).toBe(0);
    const run = await runCli(['run', '--campaign', campaignDir, '--mailbox-dir', DEMO_MAILBOX]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    runOutput = run.stdout;
    asOf = (JSON.parse((await runCli(['status', '--campaign', campaignDir, '--json'])).stdout) as { asOf: string }).asOf;
  });

  it('writes the summary report and the draft circular next to the workbook', () => {
    expect(runOutput).toContain(join(outDir, SUMMARY));
    expect(runOutput).toContain(join(outDir, DRAFT));
    expect(runOutput).toContain('通报为草稿');
    expect(existsSync(join(outDir, FINAL))).toBe(false);
  });

  it('lays the summary out per GB/T 9704: A4, margins, 22-line grid, odd/even page numbers', async () => {
    const docx = await readDocx(join(outDir, SUMMARY));
    const firstSection = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(docx.document)![0];
    expect(firstSection).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 37 / 35 / 28 / 26 mm.
    expect(firstSection).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(firstSection).toContain('w:linePitch="579"');
    expect(docx.parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const [odd, even] = docx.footers;
    expect([odd?.type, even?.type]).toEqual(['default', 'even']);
    expect(odd!.xml).toMatch(/<w:jc w:val="right"\/>[\s\S]*— <\/w:t>[\s\S]*PAGE[\s\S]* —<\/w:t>/);
    expect(even!.xml).toMatch(/<w:jc w:val="left"\/>[\s\S]*— <\/w:t>[\s\S]*PAGE[\s\S]* —<\/w:t>/);
    expect(odd!.xml).toContain('<w:sz w:val="28"/>');
    expect(odd!.xml).toContain('w:eastAsia="宋体"');
    // The per-unit table is an attachment on a page turned sideways.
    expect(docx.document).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
  });

  it('uses the official fonts and sizes', async () => {
    const docx = await readDocx(join(outDir, SUMMARY));
    expect(docx.document).toContain('<w:pStyle w:val="GwTitle"/>');
    expect(styleXml(docx.styles, 'GwTitle')).toMatch(/w:eastAsia="方正小标宋简体"[\s\S]*<w:sz w:val="44"\/>/);
    expect(styleXml(docx.styles, 'GwBody')).toMatch(/w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>/);
    expect(styleXml(docx.styles, 'GwBody')).toContain('w:line="579" w:lineRule="exact"');
    expect(styleXml(docx.styles, 'GwHeading1')).toContain('w:eastAsia="黑体"');
    expect(styleXml(docx.styles, 'GwHeading2')).toContain('w:eastAsia="楷体_GB2312"');
    expect(docx.parts['word/fontTable.xml']).toContain('<w:altName w:val="仿宋"/>');
  });

  it('writes what happened in the summary, dated by the last intake', async () => {
    const body = text(await readDocx(join(outDir, SUMMARY)));
    const date = formatChineseDate(asOf);
    expect(body).toContain('关于政府信息公开保密审查专项检查\n自查情况的汇总报告\n区管委会：');
    // The statuses of the workbook (10 + 2 + 2 + 1 + 1 + 2 = 18): one set of numbers.
    expect(body).toContain(
      `本次检查范围为全区18个单位。截至${date}，共有15个单位报送了自查材料。按报送情况统计（与汇总表一致），按时报送10个，逾期报送2个，材料不全2个，数据有误1个，来信待核实1个（区安全生产监督管理局），未报送2个（佃庄镇和区国土资源分局）。`,
    );
    expect(body).toContain('一、基本情况\n');
    expect(body).toContain('二、检查情况\n');
    expect(body).toContain('区经济发展局的统计表数据有误，未计入');
    expect(body).toContain('三、存在问题\n（一）报送不够及时');
    // Findings in the official register, not the problem list.
    expect(body).toContain('区经济发展局报送的统计表中，检查计算机数量（涉密）一栏填写为“若干”，不是数字，该表数据未计入合计。');
    expect(body).not.toMatch(/[「」]|：「|字，少于/u);
    expect(body).toContain('四、下一步工作');
    expect(body).toContain(`洛阳伊滨区管委会办公室\n${date}`);
    expect(body).toContain('附件\n各单位自查情况统计表');
  });

  it('drafts the circular with the units the rules name', async () => {
    const docx = await readDocx(join(outDir, DRAFT));
    const body = text(docx);
    expect(body).toMatch(
      /^洛阳伊滨区管委会办公室文件\n伊滨办〔\d{4}〕　号\n关于对政府信息公开保密审查专项检查中\n未按时报送自查材料单位的通报\n各镇党委、人民政府，区直各相关单位：/,
    );
    expect(body).toContain('决定对寇店镇、佃庄镇、区国土资源分局和区农林水务局予以通报批评。');
    expect(body).toContain('请佃庄镇和区国土资源分局自本通报印发之日起3个工作日内');
    expect(body).toContain('抄送：区管委会领导，区纪工委。');
    expect(paragraphTexts(docx.headers[0]!.xml).join('')).toContain('草稿');
  });

  it('produces the same documents from the same stored mail', async () => {
    const before = await readDocx(join(outDir, SUMMARY));
    expect((await runCli(['merge', '--campaign', campaignDir])).code).toBe(0);
    const after = await readDocx(join(outDir, SUMMARY));
    expect(after.parts).toEqual(before.parts);
  });

  it('follows the clerk’s decisions, and writes the final circular without 草稿', async () => {
    const other = await sibling('定稿');
    await writeFile(
      join(other.dir, 'decisions.yaml'),
      [
        'circular:',
        '  add:',
        '    - { unit: 区财政局, reason: 书面报告敷衍了事，未按检查目录逐项自查 }',
        '  remove:',
        '    - { unit: 寇店镇, reason: 系邮箱故障，已电话核实 }',
        '  exempt:',
        '    - { unit: 区农林水务局, reason: 经批准延期报送 }',
        '  newDeadline: "2013-08-25T18:00:00+08:00"',
        '  final: true',
      ].join('\n'),
    );
    const out = join(other.dir, 'out');
    // A draft from before the clerk decided is replaced by the final circular.
    await mkdir(out, { recursive: true });
    await writeFile(join(out, DRAFT), 'an old draft');
    const merged = await other.merge();
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain(join(out, FINAL));
    expect(existsSync(join(out, DRAFT))).toBe(false);
    const docx = await readDocx(join(out, FINAL));
    const body = text(docx);
    expect(body).toContain('工作落实不力单位的通报');
    expect(body).toContain('区财政局：书面报告敷衍了事，未按检查目录逐项自查。');
    expect(body).toContain('决定对佃庄镇、区财政局和区国土资源分局予以通报批评。');
    expect(body).toContain('请佃庄镇和区国土资源分局于2013年8月25日18时前');
    expect(body).not.toContain('寇店镇');
    expect(docx.headers).toEqual([]);
  });

  it('writes no circular when nobody is to be criticized, and says so', async () => {
    const other = await sibling('无通报');
    const exempt = ['寇店镇', '佃庄镇', '区国土资源分局', '区农林水务局'].map((unit) => `    - { unit: ${unit}, reason: 经批准延期 }`);
    await writeFile(join(other.dir, 'decisions.yaml'), ['circular:', '  exempt:', ...exempt].join('\n'));
    const merged = await other.merge();
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('没有需要通报的单位（候选单位均已按 decisions.yaml 免予通报或去掉），未生成通报');
    expect(existsSync(join(other.dir, 'out', SUMMARY))).toBe(true);
    expect(existsSync(join(other.dir, 'out', DRAFT))).toBe(false);
  });

  it('still drafts the circular for mail from a folder that all came before the deadline: it says when mail arrived, not when it was read', async () => {
    const other = await sibling('截止前');
    const config = join(other.dir, 'campaign.yaml');
    // The demo's mail runs to 2013-08-20 10:00; the deadline is put after it. A folder of mail is an
    // export read after the fact (only an IMAP poll before the deadline shows it ahead: circular.test.ts).
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^deadline: .*$/m, 'deadline: "2013-08-25T18:00:00+08:00"'));
    const merged = await other.merge();
    expect(merged.code).toBe(0);
    expect(merged.stdout).not.toContain('未生成通报');
    expect(existsSync(join(other.dir, 'out', DRAFT))).toBe(true);
    const status = await runCli(['status', '--campaign', other.dir, '--data', join(campaignDir, 'data')]);
    expect(status.stdout).toMatch(/佃庄镇\s+未报送/);
    expect(status.stdout).not.toContain('尚未报送');
  });

  it('skips a document whose template is broken, says where, still writes the rest, and exits 2', async () => {
    const other = await sibling('模板有误');
    const path = join(other.dir, 'templates', '通报.txt');
    const template = await readFile(path, 'utf8');
    await writeFile(path, template.replace('{{campaign.recipients}}：', '{{campaign.recipent}}：').replace('【落款】', '落款：'));
    const merged = await other.merge();
    // A wrong template is a configuration error (exit 2), but the workbook and the other document are written.
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain('1 份公文因模板缺失或有误未生成（汇总表已生成）');
    expect(merged.stdout).toContain('未生成通报：模板 templates/通报.txt 有 2 处错误');
    expect(merged.stdout).toMatch(
      /templates\/通报\.txt 第 \d+ 行第 7 列：没有「campaign\.recipent」这个字段（是不是「campaign\.recipients」？）/,
    );
    expect(merged.stdout).toMatch(/templates\/通报\.txt 第 \d+ 行第 1 列：这一行没有以标记开头/);
    expect(existsSync(join(other.dir, 'out', SUMMARY))).toBe(true);
    expect(existsSync(join(other.dir, 'out', DRAFT))).toBe(false);
  });
});

describe('huizong check', () => {
  it('passes the campaign folder that init makes', async () => {
    const dir = join(await tempDir(), 'ok');
    await runCli(['init', dir]);
    const result = await runCli(['check', '--campaign', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('未发现错误');
    expect(result.stdout).toContain('templates/通报.txt');
  });

  it('lists every mistake with file, line and column, and exits 2', async () => {
    const dir = join(await tempDir(), 'bad');
    await runCli(['init', dir]);
    const summary = join(dir, 'templates', '汇总报告.txt');
    const lines = (await readFile(summary, 'utf8')).split('\n');
    const at = lines.findIndex((line) => line.startsWith('【一级】检查情况'));
    lines.splice(at, 0, '{{#if late}}', '【正文】{{upper campaign.title}}有逾期', '这一行没有标记');
    await writeFile(summary, lines.join('\n'));
    await writeFile(join(dir, 'templates', '通报.txt'), '【标题】{{campaign.titel}}\n【题目】关于\n');
    await writeFile(join(dir, 'decisions.yaml'), 'circular:\n  add:\n    - unit: 区财政厅\n      reason: x\n');
    const result = await runCli(['check', '--campaign', dir]);
    expect(result.code).toBe(2);
    const reported = result.stdout.split('\n');
    // The markup mistake and the unknown function after the unclosed block show beside it: every error at once.
    expect(reported[0]).toMatch(/发现 6 处错误$/);
    expect(reported).toContain(
      `  templates/汇总报告.txt 第 ${at + 2} 行第 7 列：不认识的函数「upper」，可用的函数：date、datetime、join、count、number、atMost、endWith`,
    );
    expect(reported.some((line) => line.startsWith(`  templates/汇总报告.txt 第 ${at + 3} 行第 1 列：这一行没有以标记开头`))).toBe(true);
    expect(reported).toContain('  decisions.yaml 第 3 行：「区财政厅」不在单位名单中，是否指区财政局？');
    expect(reported).toContain(`  templates/汇总报告.txt 第 ${at + 1} 行第 1 列：块 {{#if}} 没有结束，缺少 {{/if}}`);
    expect(reported).toContain('  templates/通报.txt 第 1 行第 7 列：没有「campaign.titel」这个字段（是不是「campaign.title」？）');
    expect(reported).toContain(
      `  templates/通报.txt 第 2 行第 1 列：不认识的标记【题目】，可用的标记：${'【发文机关标志】【文号】【签发人】【标题】【主送】【正文】【一级】【二级】【三级】【四级】【表格】【表头】【表行】【附件】【落款】【日期】【附注】【空行】【分页】【附件页】【横向附件页】【抄送】【印发】'}`,
    );
    // With the block closed, its other mistakes still show, the block error gone.
    lines.splice(at + 3, 0, '{{/if}}');
    await writeFile(summary, lines.join('\n'));
    const again = (await runCli(['check', '--campaign', dir])).stdout;
    expect(again).toContain(
      `templates/汇总报告.txt 第 ${at + 2} 行第 7 列：不认识的函数「upper」，可用的函数：date、datetime、join、count、number、atMost、endWith`,
    );
    expect(again).toContain(`templates/汇总报告.txt 第 ${at + 3} 行第 1 列：这一行没有以标记开头`);
  });

  it('reports campaign.yaml mistakes too, and still checks the templates', async () => {
    const dir = join(await tempDir(), 'yaml');
    await runCli(['init', dir]);
    const path = join(dir, 'campaign.yaml');
    const yaml = (await readFile(path, 'utf8')).replace('deadline: "2013-08-18T18:00:00+08:00"', 'deadline: 2013年8月18日');
    await writeFile(path, yaml);
    await writeFile(join(dir, 'templates', '通报.txt'), '【正文】{{totals.anything}}{{counts.unit}}\n');
    const result = await runCli(['check', '--campaign', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/campaign\.yaml 第 \d+ 行，deadline：应为带时区的 ISO 8601 时间/);
    expect(result.stdout).toContain('templates/通报.txt 第 1 行第 26 列：没有「counts.unit」这个字段（是不是「counts.units」？）');
    expect(result.stdout).toContain('发现 2 处错误');
  });

  it('reports a schedule that watch could not follow', async () => {
    const dir = join(await tempDir(), 'schedule');
    await runCli(['init', dir]);
    const path = join(dir, 'campaign.yaml');
    await writeFile(path, `${await readFile(path, 'utf8')}\nschedule: "每10分钟"\n`);
    const result = await runCli(['check', '--campaign', dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      '  campaign.yaml 中 schedule「每10分钟」不是有效的 cron 表达式（5 项：分 时 日 月 星期），例如 "*/10 * * * *"（每 10 分钟）',
    );
    expect(result.stdout).toContain('发现 1 处错误');
  });
});
