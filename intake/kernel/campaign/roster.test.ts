import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../text/decode-text.js';
import { formatRosterCsv, parseRosterCsv, rosterFromRows } from './roster.js';

describe('parseRosterCsv', () => {
  it('reads names, aliases and addresses separated by ;', () => {
    const { units, issues } = parseRosterCsv('单位名称,别名,邮箱\n庞村镇,庞村镇人民政府;庞村,PC@Example.cn;pc2@example.cn\n区财政局,,\n');
    expect(issues).toEqual([]);
    expect(units).toEqual([
      { name: '庞村镇', aliases: ['庞村镇人民政府', '庞村'], emails: ['pc@example.cn', 'pc2@example.cn'] },
      { name: '区财政局', aliases: [], emails: [] },
    ]);
  });

  it('accepts a BOM and quoted cells', () => {
    const { units } = parseRosterCsv('\ufeff单位名称,别名,邮箱\r\n"李村镇","李村镇人民政府；李村","lc@example.cn"\r\n');
    expect(units[0]).toEqual({ name: '李村镇', aliases: ['李村镇人民政府', '李村'], emails: ['lc@example.cn'] });
  });

  it('reports a wrong header', () => {
    const { issues } = parseRosterCsv('名称,邮箱\n庞村镇,a@b.cn\n');
    expect(issues[0]?.message).toContain('第 1 行应为表头「单位名称,别名,邮箱」');
  });

  it('reports an alias that belongs to two units, and a bad address', () => {
    const { issues } = parseRosterCsv('单位名称,别名,邮箱\n庞村镇,庞村,a@b.cn\n庞村街道,庞村,not-an-address\n');
    expect(issues.map((issue) => issue.message)).toEqual([
      '第 3 行「庞村街道」的邮箱「not-an-address」格式不正确',
      '第 3 行「庞村街道」的名称或别名「庞村」已属于「庞村镇」，同一名称不能指向两个单位',
    ]);
  });

  it('reads a roster saved as GBK by Excel', () => {
    const bytes = iconv.encode('单位名称,别名,邮箱\r\n寇店镇,寇店,kd@example.cn\r\n', 'gbk');
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('gb18030');
    expect(parseRosterCsv(decoded.text).units[0]?.name).toBe('寇店镇');
  });
});

describe("an office's own 名单 (lenient)", () => {
  it('finds the header under a title row, in any order, by the words offices use', () => {
    const rows = [
      ['2026年度报送单位名单'],
      ['序号', '电子邮箱', '单位名称', '简称'],
      ['1', 'PC@yibin.gov.cn；pc2@163.com', '庞村镇人民政府', '庞村镇、庞村'],
      ['2', '', '区财政局', ''],
    ];
    const { units, issues } = rosterFromRows(rows, { lenient: true });
    expect(issues).toEqual([]);
    expect(units).toEqual([
      { name: '庞村镇人民政府', aliases: ['庞村镇', '庞村'], emails: ['pc@yibin.gov.cn', 'pc2@163.com'] },
      { name: '区财政局', aliases: [], emails: [] },
    ]);
  });

  it("names the sheet's row in a mistake, and says which column is missing", () => {
    const { issues } = rosterFromRows([['名单'], ['单位', '邮箱'], ['庞村镇', 'not-an-address']], { lenient: true });
    expect(issues[0]?.message).toBe('第 3 行「庞村镇」的邮箱「not-an-address」格式不正确');
    expect(rosterFromRows([['姓名', '电话']], { lenient: true }).issues[0]?.message).toContain('没有找到「单位名称」一栏');
  });

  it('is written back as the roster.csv a campaign reads', () => {
    const units = [
      { name: '庞村镇', aliases: ['庞村镇人民政府', '庞村'], emails: ['pc@yibin.gov.cn'] },
      { name: '区财政局, 机关', aliases: [], emails: [] },
    ];
    const text = formatRosterCsv(units);
    expect(text.startsWith('\ufeff单位名称,别名,邮箱\r\n')).toBe(true);
    expect(parseRosterCsv(text).units).toEqual(units);
  });
});
