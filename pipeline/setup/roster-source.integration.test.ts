/**
 * The roster of a new campaign from what the office has: its 名单 in Excel (a title row, its own
 * column names and order), the same saved as CSV by Excel on a Chinese Windows (GBK), or an earlier
 * campaign's folder.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCampaignDir, packageRoot } from '../../intake/kernel/package-root.js';
import { readRosterSource } from './roster-source.js';

const GONGKAI = join(packageRoot(), 'test', 'fixtures', 'setup', 'gongkai-2026');
const UNITS = [
  { name: '庞村镇人民政府', aliases: ['庞村镇', '庞村'], emails: ['pangcun@yibin.gov.cn'] },
  { name: '李村镇人民政府', aliases: ['李村镇'], emails: ['licun@yibin.gov.cn', 'licun2@163.com'] },
  { name: '区财政局', aliases: [], emails: [] },
];

describe('readRosterSource', () => {
  it('reads an office .xlsx written by LibreOffice, under its title row', async () => {
    const roster = await readRosterSource(join(GONGKAI, '报送单位名单.xlsx'));
    expect(roster.issues).toEqual([]);
    expect(roster.units).toEqual(UNITS);
    expect(roster.from).toBe('报送单位名单.xlsx');
  });

  it('reads a GBK CSV with 联系邮箱 and 别称', async () => {
    const roster = await readRosterSource(join(GONGKAI, '名单.csv'));
    expect(roster.issues).toEqual([]);
    expect(roster.units.map((unit) => unit.name)).toEqual(UNITS.map((unit) => unit.name));
    expect(roster.units[0]?.aliases).toEqual(['庞村镇', '庞村']);
  });

  it('takes the roster of an earlier campaign folder', async () => {
    const roster = await readRosterSource(bundledCampaignDir());
    expect(roster.issues).toEqual([]);
    expect(roster.units[0]?.name).toBe('庞村镇');
    expect(roster.units).toHaveLength(18);
  });

  it('says what is wrong, in Chinese', async () => {
    expect((await readRosterSource(join(GONGKAI, '没有这个名单.xlsx'))).issues[0]?.message).toContain('找不到');
    expect((await readRosterSource(join(GONGKAI, '通知.pdf'))).issues[0]?.message).toBe('名单应为 Excel（.xlsx、.xls）或 CSV 文件');
  });
});
