import { describe, expect, it } from 'vitest';
import { readHtmlTables } from './html-tables.js';

describe('readHtmlTables', () => {
  it('spreads rowspan/colspan like merged cells and keeps the line above as preamble', () => {
    const html = `<div>填报区域或单位：庞村镇&nbsp;&nbsp;填报日期：2013年8月16日</div>
      <table><tr><td rowspan="2">单位</td><td colspan="2">检查计算机数量(台)</td><td rowspan=2>备注</td></tr>
      <tr><td>涉密</td><td>非涉密</td></tr><tr><td>庞村镇</td><td>3</td><td>１２</td><td></td></tr></table><p>此致</p>`;
    const { grids, lines } = readHtmlTables(html);
    expect(grids).toHaveLength(1);
    const rows = grids[0]!.rows.map((row) => row.map((cell) => (cell.mergedCopy ? `~${cell.text}` : cell.text)));
    expect(rows).toEqual([
      ['单位', '检查计算机数量(台)', '~检查计算机数量(台)', '备注'],
      ['~单位', '涉密', '非涉密', '~备注'],
      ['庞村镇', '3', '１２', ''],
    ]);
    expect(grids[0]!.preamble?.[0]?.text).toContain('填报区域或单位：庞村镇');
    expect(lines.at(-1)).toBe('此致');
  });
  it('reads a table nested in a layout table as its own grid', () => {
    const { grids } = readHtmlTables('<table><tr><td>你好<table><tr><td>a</td><td>b</td></tr></table></td></tr></table>');
    expect(grids.map((grid) => grid.rows.map((row) => row.map((cell) => cell.text)))).toEqual([[['你好']], [['a', 'b']]]);
  });
});
