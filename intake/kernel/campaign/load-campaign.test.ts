import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import type { HuizongError } from '../errors.js';
import { bundledCampaignDir, packageRoot } from '../package-root.js';
import { loadCampaign } from './load-campaign.js';

async function copyOfDefault(): Promise<string> {
  const dir = await tempDir();
  await cp(bundledCampaignDir(), dir, { recursive: true });
  return dir;
}

async function loadError(dir: string): Promise<HuizongError> {
  try {
    await loadCampaign(dir);
  } catch (error) {
    return error as HuizongError;
  }
  throw new Error('expected an error');
}

describe('loadCampaign', () => {
  it('loads the default campaign with the column keys of the notice', async () => {
    const campaign = await loadCampaign(bundledCampaignDir());
    expect(campaign.columns.map((column) => column.key)).toEqual([
      'departments',
      'networksClassified',
      'networksUnclassified',
      'computersClassified',
      'computersUnclassified',
      'mediaClassified',
      'mediaUnclassified',
      'sealedComputersClassified',
      'sealedComputersUnclassified',
      'sealedMediaClassified',
      'sealedMediaUnclassified',
      'deletedItems',
      'websitesClosed',
      'remarks',
    ]);
    expect(campaign.deadlineMs).toBe(Date.parse('2013-08-18T18:00:00+08:00'));
    expect(campaign.roster.length).toBeGreaterThanOrEqual(15);
    expect(campaign.columns.find((column) => column.key === 'computersClassified')?.displayName).toBe('检查计算机数量(台)·涉密');
  });

  it('gives one Chinese message per mistake, with the line and key, as a CONFIG error (exit 2)', async () => {
    const dir = await copyOfDefault();
    const path = join(dir, 'campaign.yaml');
    const text = (await readFile(path, 'utf8'))
      .replace('deadline: "2013-08-18T18:00:00+08:00"', 'deadline: "8月18日"')
      .replace(
        '- { type: lte, left: sealedComputersClassified, right: computersClassified }',
        '- { type: lte, left: sealedComputersClassified, right: computers }',
      )
      .replace(/^title: .*$/m, 'title: ""');
    await writeFile(path, text);
    const error = await loadError(dir);
    expect(error.code).toBe('CONFIG');
    expect(error.exitCode).toBe(2);
    expect(error.details).toHaveLength(3);
    expect(error.details.join('\n')).toMatch(/campaign\.yaml 第 \d+ 行，deadline：应为带时区的 ISO 8601 时间/);
    expect(error.details.join('\n')).toMatch(/title：活动名称不能为空/);
    expect(error.details.join('\n')).toMatch(/rules\[0\]\.right：规则引用的列「computers」不存在或不是数量列/);
  });

  it('loads campaigns of other shapes: several tables, lists, every field type, rules as lines', async () => {
    const gongkai = await loadCampaign(join(packageRoot(), 'test/fixtures/campaigns/gongkai-2026'));
    expect(gongkai.tables.map((table) => [table.key, table.kind])).toEqual([
      ['政务公开工作统计表', 'row'],
      ['政务公开培训台账', 'list'],
    ]);
    const [stats, training] = gongkai.tables;
    expect(stats!.columns.find((column) => column.name === '按时答复率')).toMatchObject({
      type: 'percent',
      places: 1,
      summable: false,
      min: 0,
    });
    expect(stats!.columns.find((column) => column.name === '公开工作经费')).toMatchObject({
      type: 'amount',
      amountUnit: '万元',
      summable: true,
    });
    expect(stats!.columns.find((column) => column.name === '是否设立政务公开专栏')).toMatchObject({
      type: 'choice',
      options: ['是', '否'],
      required: true,
    });
    expect(stats!.columns.map((column) => column.key)).toContain('依申请公开·已答复');
    expect(training!.columns.map((column) => column.type)).toEqual(['date', 'text', 'count', 'choice']);
    expect(gongkai.rules.map((rule) => rule.scope.kind)).toEqual(['row', 'row', 'unit', 'list-row', 'list-row']);
    expect(gongkai.materials.map((material) => material.kind)).toEqual(['table', 'table', 'report']);
    const roster = await loadCampaign(join(packageRoot(), 'test/fixtures/campaigns/huamingce-2026'));
    expect(roster.tables).toHaveLength(1);
    expect(roster.tables[0]!.kind).toBe('list');
    expect(roster.materials).toEqual([{ kind: 'table', table: '保密培训人员花名册', name: '保密培训人员花名册' }]);
  });

  it('says where a rule names a column that does not exist: line, column and the close name', async () => {
    const dir = await tempDir();
    await cp(join(packageRoot(), 'test/fixtures/campaigns/gongkai-2026'), dir, { recursive: true });
    const path = join(dir, 'campaign.yaml');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('  - 0 <= 按时答复率 <= 100', '  - 0 <= 按时回复率 <= 100'));
    const line = text.split('\n').findIndex((row) => row.includes('按时答复率 <= 100')) + 1;
    const error = await loadError(dir);
    expect(error.details).toEqual([`campaign.yaml 第 ${line} 行第 10 列，rules[1]：「按时回复率」不是表格中的列，是否指「按时答复率」？`]);
  });

  it('refuses settings that do not fit the column, each at its place', async () => {
    const dir = await tempDir();
    await cp(join(packageRoot(), 'test/fixtures/campaigns/huamingce-2026'), dir, { recursive: true });
    const path = join(dir, 'campaign.yaml');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('{ label: 培训学时, type: 小数, places: 1, max: 100 }', '{ label: 培训学时, type: 分数 }'));
    expect((await loadError(dir)).details.join('\n')).toMatch(
      /tables\[0\]\.columns\[4\]\.type：应为 整数、小数、百分比、金额、日期、单选、文字 之一/,
    );
    await writeFile(
      path,
      text
        .replace('{ label: 职务, type: 文字 }', '{ label: 职务, type: 文字, options: [科员, 科长] }')
        .replace('{ label: 培训学时, type: 小数, places: 1, max: 100 }', '{ label: 培训学时, type: 金额, unit: 千元 }'),
    );
    const details = (await loadError(dir)).details.join('\n');
    expect(details).toMatch(/tables\[0\]\.columns\[3\]\.options：只有单选列（type: 单选）才写 options，这一列是文字/);
    expect(details).toMatch(/tables\[0\]\.columns\[4\]\.unit：金额列的 unit 应为 万元 或 元，写的是「千元」/);
  });

  it('names a missing key', async () => {
    const dir = await copyOfDefault();
    const path = join(dir, 'campaign.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^deadline: .*$/m, ''));
    const error = await loadError(dir);
    expect(error.details.join('\n')).toContain('deadline：缺少此项');
  });

  it('says a value has the wrong type (port: "993" is text), not that it is missing', async () => {
    const dir = await copyOfDefault();
    const path = join(dir, 'campaign.yaml');
    await writeFile(path, `${await readFile(path, 'utf8')}\nmailbox:\n  host: imap.163.com\n  port: "993"\n  tls: "yes"\n`);
    const details = (await loadError(dir)).details.join('\n');
    expect(details).toMatch(/第 \d+ 行，mailbox\.port：类型不对，.*实际写的是文字「993」（数字不要加引号）/);
    expect(details).toMatch(/mailbox\.tls：类型不对，.*实际写的是文字「yes」/);
    expect(details).not.toContain('缺少此项');
  });

  it('reports broken YAML with its line', async () => {
    const dir = await copyOfDefault();
    await writeFile(join(dir, 'campaign.yaml'), 'title: [unclosed\n');
    const error = await loadError(dir);
    expect(error.message).toContain('不是有效的 YAML');
    expect(error.details[0]).toMatch(/第 \d+ 行/);
  });

  it('reads roster.xlsx when there is no roster.csv', async () => {
    const dir = await copyOfDefault();
    await rm(join(dir, 'roster.csv'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['单位名称', '别名', '邮箱']);
    sheet.addRow(['庞村镇', '庞村;庞村镇人民政府', 'pc@example.cn']);
    await workbook.xlsx.writeFile(join(dir, 'roster.xlsx'));
    const campaign = await loadCampaign(dir);
    expect(campaign.roster).toEqual([{ name: '庞村镇', aliases: ['庞村', '庞村镇人民政府'], emails: ['pc@example.cn'] }]);
  });

  it('says how to start when the folder has no campaign', async () => {
    const error = await loadError(await tempDir());
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain('文件不存在');
    expect(error.details[0]).toContain('huizong init');
  });
});
