import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { gridOf, type Merge } from '../../test/support/grid-fixture.js';
import { findTables } from './find-table.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

const TOP = [
  '检查机关、单位内设部门数量(个)',
  '检查网络数量(个)',
  '',
  '检查计算机数量(台)',
  '',
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
const SUB = ['', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '涉密', '非涉密', '', '', ''];
const DATA = [12, 1, 3, 4, 56, 6, 88, 0, 2, 0, 5, 14, 0, '无'];

/** The notice's header merges, shifted by the table's position. */
function noticeMerges(top: number, left: number): Merge[] {
  const merges: Merge[] = [];
  for (const c of [0, 11, 12, 13]) merges.push({ top, left: left + c, bottom: top + 1, right: left + c });
  for (const c of [1, 3, 5, 7, 9]) merges.push({ top, left: left + c, bottom: top, right: left + c + 1 });
  return merges;
}

describe('findTables', () => {
  it('finds the notice layout below its title and header fields', () => {
    const grid = gridOf(
      [['附件2'], ['自查情况统计表'], ['填报区域或单位：庞村镇'], ['填报日期：2013年8月15日'], TOP, SUB, DATA],
      noticeMerges(4, 0),
    );
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table?.missingColumns).toEqual([]);
    expect(table?.unitName).toEqual({ text: '庞村镇', location: 'A3' });
    expect(table?.date).toEqual({ text: '2013年8月15日', location: 'A4' });
    expect(table?.rows).toHaveLength(1);
    const row = table!.rows[0]!;
    expect(row.location).toBe('第7行');
    expect(row.cells.departments).toEqual({ text: '12', number: 12, address: 'A7' });
    expect(row.cells.computersUnclassified).toEqual({ text: '56', number: 56, address: 'E7' });
    expect(row.cells.websitesClosed?.address).toBe('M7');
    expect(row.cells.remarks?.text).toBe('无');
  });

  it('finds a table not at A1, with a 序号 column, retyped headers and unmerged groups', () => {
    const top = [
      '序号',
      ...TOP.map((text) =>
        text.replace('(', '（').replace(')', '）').replace('计算机数量', '计算机数 量').replace('内设部门', '内设\n部门'),
      ),
    ];
    const grid = gridOf(
      [
        [],
        [null, '填报区域或单位：', null, '区纪工委'],
        [null, '填报日期：', null, '2013.8.13'],
        [null, ...top],
        [null, '', ...SUB],
        [null, 1, ...DATA],
      ],
      [{ top: 3, left: 1, bottom: 4, right: 1 }],
    );
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table?.missingColumns).toEqual([]);
    expect(table?.unitName).toEqual({ text: '区纪工委', location: 'D2' });
    expect(table?.date?.text).toBe('2013.8.13');
    expect(table?.rows[0]?.label).toBe('1');
    expect(table?.rows[0]?.cells.departments?.address).toBe('C6');
    expect(table?.rows[0]?.cells.networksUnclassified?.address).toBe('E6');
  });

  it('reads both header fields when they share one cell', () => {
    const grid = gridOf([['填报区域或单位：李村镇      填报日期：2013年8月14日'], TOP, SUB, DATA], noticeMerges(1, 0));
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table?.unitName?.text).toBe('李村镇');
    expect(table?.date?.text).toBe('2013年8月14日');
  });

  it("leaves the template's （盖章） and colons out of the 填报单位 value, wherever they stand", () => {
    const unitOf = (rows: (string | null)[][], preamble?: string) => {
      const grid = gridOf([...rows, TOP, SUB, DATA], noticeMerges(rows.length, 0));
      const [table] = findTables(preamble ? { ...grid, preamble: [{ text: preamble, location: '第3段' }] } : grid, campaign.tables[0]!);
      return table?.unitName ?? null;
    };
    expect(unitOf([['填报区域或单位（盖章）：李村镇']])).toEqual({ text: '李村镇', location: 'A1' });
    expect(unitOf([['填报区域或单位(公章): 李村镇      填报日期：2013年8月14日']])?.text).toBe('李村镇');
    expect(unitOf([['填报区域或单位：（盖章） 李村镇']])?.text).toBe('李村镇');
    expect(unitOf([['填报区域或单位：李村镇（盖章）']])?.text).toBe('李村镇');
    expect(unitOf([['填报区域或单位（盖章）：', null, '李村镇']])).toEqual({ text: '李村镇', location: 'C1' });
    expect(unitOf([['填报区域或单位', '（盖章）：', '李村镇']])).toEqual({ text: '李村镇', location: 'C1' });
    expect(unitOf([['填报区域或单位（盖章）：']])?.text).toBe('');
    expect(unitOf([], '填报区域或单位（盖章）：寇店镇')).toEqual({ text: '寇店镇', location: '第3段' });
    // A unit whose name has brackets of its own keeps them.
    expect(unitOf([['填报区域或单位：伊滨区（经开区）财政局']])?.text).toBe('伊滨区（经开区）财政局');
  });

  it('skips a row that numbers the columns', () => {
    const numbers = TOP.map((_, index) => String(index + 1));
    const grid = gridOf([TOP, SUB, numbers, DATA], noticeMerges(0, 0));
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table?.rows).toHaveLength(1);
    expect(table?.rows[0]?.cells.departments?.text).toBe('12');
  });

  it('returns every data row (villages and a 合计) for validation to choose from', () => {
    const grid = gridOf(
      [['序号', ...TOP], ['', ...SUB], ['一村', ...DATA], ['二村', ...DATA], ['合计', ...DATA], [], ['填报人：王某']],
      noticeMerges(0, 1),
    );
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table?.rows.map((row) => row.label)).toEqual(['一村', '二村', '合计']);
  });

  it('finds a header without data rows', () => {
    const [table] = findTables(gridOf([TOP, SUB], noticeMerges(0, 0)), campaign.tables[0]!);
    expect(table?.rows).toEqual([]);
  });

  it('names the columns it cannot find', () => {
    const top = TOP.slice(0, 11);
    const [table] = findTables(
      gridOf(
        [top, SUB.slice(0, 11), DATA.slice(0, 11)],
        noticeMerges(0, 0).filter((merge) => merge.left < 11),
      ),
      campaign.tables[0]!,
    );
    expect(table?.missingColumns).toEqual(['删除涉密或敏感信息数量(条)', '关闭或责令整改网站数量(个)', '备注']);
  });

  it('finds nothing in a sheet without the header', () => {
    expect(
      findTables(
        gridOf([
          ['姓名', '电话'],
          ['张三', '123'],
        ]),
        campaign.tables[0]!,
      ),
    ).toEqual([]);
  });

  it('finds two tables in one sheet', () => {
    const grid = gridOf(
      [['填报区域或单位：庞村镇'], TOP, SUB, DATA, [], ['填报区域或单位：庞村镇一村'], TOP, SUB, DATA],
      [...noticeMerges(1, 0), ...noticeMerges(6, 0)],
    );
    const tables = findTables(grid, campaign.tables[0]!);
    expect(tables.map((table) => table.unitName?.text)).toEqual(['庞村镇', '庞村镇一村']);
  });

  it('reads header fields from paragraphs above a Word table', () => {
    const grid = { ...gridOf([TOP, SUB, DATA], noticeMerges(0, 0)), preamble: [{ text: '填报区域或单位：寇店镇', location: '第3段' }] };
    const [table] = findTables(grid, campaign.tables[0]!);
    expect(table?.unitName).toEqual({ text: '寇店镇', location: '第3段' });
  });
});
