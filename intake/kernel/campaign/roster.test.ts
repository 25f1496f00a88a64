import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../text/decode-text.js';
import { parseRosterCsv } from './roster.js';

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
