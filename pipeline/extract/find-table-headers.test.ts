/**
 * Headers in other words (issue 13): retyped headers are read by similarity within each
 * column's tolerance, with a note naming the header taken for the column; an unsure one is
 * never guessed; columns the unit inserted are named and not read.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { gridOf, type Merge } from '../../test/support/grid-fixture.js';
import { findTables } from './find-table.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

function merges(widths: readonly number[], top: number): Merge[] {
  const out: Merge[] = [];
  let c = 0;
  for (const width of widths) {
    out.push(width === 1 ? { top, left: c, bottom: top + 1, right: c } : { top, left: c, bottom: top, right: c + width - 1 });
    c += width;
  }
  return out;
}

describe('findTables with headers in other words', () => {
  it('reads retyped headers and sub-headers, saying which header was taken for which column', () => {
    const top = [
      '检查机关单位内设部门数（个）',
      '检查网络数量(个)',
      '',
      '检查计算机数（台）',
      '',
      '移动存储介质检查数量(个)',
      '',
      '封存计算机数量(台)',
      '',
      '封存移动存储介质数量(个)',
      '',
      '删除涉密或敏感信息数量(条)',
      '关闭或责令整改网站数量(个)',
      '备注',
    ];
    const sub = ['', '涉密的', '非涉密的', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '', '', ''];
    const data = [12, 1, 3, 4, 56, 6, 88, 0, 2, 0, 5, 14, 0, '无'];
    const grid = gridOf([top, sub, data], merges([1, 2, 2, 2, 2, 2, 1, 1, 1], 0));
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table!.missingColumns).toEqual([]);
    expect(table!.rows[0]!.cells['departments']!.text).toBe('12');
    expect(table!.rows[0]!.cells['computersUnclassified']!.text).toBe('56');
    expect(table!.rows[0]!.cells['mediaUnclassified']!.text).toBe('88');
    expect(table!.rows[0]!.cells['networksUnclassified']!.text).toBe('3');
    expect(table!.headerNotes?.filter((note) => note.kind === 'matched').map((note) => [note.header, note.column])).toEqual([
      ['涉密的', '检查网络数量(个)·涉密'],
      ['非涉密的', '检查网络数量(个)·非涉密'],
      ['检查机关单位内设部门数（个）', '检查机关、单位内设部门数量(个)'],
      ['检查计算机数（台）', '检查计算机数量(台)'],
      ['移动存储介质检查数量(个)', '检查移动存储介质数量(个)'],
    ]);
  });

  it('names a column the unit inserted and does not read it', () => {
    const top = [
      '检查机关、单位内设部门数量(个)',
      '检查网络数量(个)',
      '',
      '检查计算机数量(台)',
      '',
      '其中：笔记本电脑(台)',
      '检查移动存储介质数量(个)',
      '',
      '封存计算机数量(台)',
      '',
      '封存移动存储介质数量(个)',
      '',
      '删除涉密或敏感信息数量(条)',
      '关闭或责令整改网站数量(个)',
      '备注',
    ];
    const sub = ['', '涉密', '非涉密', '涉密', '非涉密', '', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '', '', ''];
    const data = [12, 1, 3, 4, 56, 9, 6, 88, 0, 2, 0, 5, 14, 0, '无'];
    const grid = gridOf([top, sub, data], merges([1, 2, 2, 1, 2, 2, 2, 1, 1, 1], 0));
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table!.missingColumns).toEqual([]);
    expect(table!.rows[0]!.cells['mediaClassified']!.text).toBe('6');
    expect(table!.headerNotes).toEqual([{ kind: 'extra', header: '其中：笔记本电脑(台)', address: 'F1' }]);
  });

  it('does not guess between two columns a header is equally close to', () => {
    // 计算机数量 is as close to 检查计算机 as to 封存计算机: neither is taken.
    const top = [
      '检查机关、单位内设部门数量(个)',
      '检查网络数量(个)',
      '',
      '计算机数量(台)',
      '',
      '检查移动存储介质数量(个)',
      '',
      '封存移动存储介质数量(个)',
      '',
      '删除涉密或敏感信息数量(条)',
      '关闭或责令整改网站数量(个)',
      '备注',
    ];
    const sub = ['', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '', '', ''];
    const grid = gridOf([top, sub, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, '']], merges([1, 2, 2, 2, 2, 1, 1, 1], 0));
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table!.rows[0]!.cells['computersClassified']).toBeUndefined();
    expect(table!.rows[0]!.cells['sealedComputersClassified']).toBeUndefined();
    expect(table!.headerNotes?.filter((note) => note.kind === 'unsure').map((note) => note.column)).toEqual([
      '检查计算机数量(台)',
      '封存计算机数量(台)',
    ]);
  });
});
