import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import type { HuizongError } from '../errors.js';
import { bundledCampaignDir } from '../package-root.js';
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
