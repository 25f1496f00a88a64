import { describe, expect, it } from 'vitest';
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../intake/kernel/campaign/tables.js';
import { gridOf } from '../../test/support/grid-fixture.js';
import { campaignTablesIn, findCampaignTables } from './campaign-tables.js';
import type { Grid } from './grid.js';

const table = (entry: object): TableDef => buildTable(tableSchema.parse(entry));
const STAT = table({
  name: '隐患统计表',
  columns: [{ label: '排查点位数(处)' }, { label: '一般隐患(处)' }, { label: '重大隐患(处)' }, { label: '整改率(%)', type: '百分比' }],
});
const LIST = table({
  name: '重大隐患整改台账',
  kind: '台账',
  columns: [
    { label: '序号' },
    { label: '隐患地点', type: '文字' },
    { label: '发现日期', type: '日期' },
    { label: '整改资金(万元)', type: '金额' },
  ],
});
const TABLES = [STAT, LIST];
const LIST_HEADER = ['序号', '隐患地点', '发现日期', '整改资金(万元)'];
const STAT_HEADER = ['排查点位数(处)', '一般隐患(处)', '重大隐患(处)', '整改率(%)'];

const labelled = (grid: Grid, label: string): Grid => ({
  ...grid,
  label,
  rows: grid.rows.map((row, r) => row.map((cell, c) => ({ ...cell, address: `${label}第${r + 1}行第${c + 1}列` }))),
});
const summary = (found: ReturnType<typeof findCampaignTables>) =>
  found.map((item) => ({
    table: item.table,
    unit: item.unitName?.text ?? null,
    rows: item.rows.map((row) => [row.location, row.cells['隐患地点']?.text ?? row.cells['排查点位数']?.text]),
  }));

describe('findCampaignTables', () => {
  it('finds two tables in one sheet, each saying which it is, the 统计表 ending where the list’s header stands', () => {
    const grid = gridOf([
      ['填报单位：庞村镇'],
      STAT_HEADER,
      [40, 5, 2, '85.7%'],
      ['重大隐患整改台账'],
      LIST_HEADER,
      [1, '伊河左岸堤段', '2026-05-08', 8.2],
      [2, '庞村老街排水口', '2026-05-10', 3.5],
    ]);
    expect(summary(findCampaignTables([grid], TABLES, 'sheets'))).toEqual([
      { table: '隐患统计表', unit: '庞村镇', rows: [['第3行', '40']] },
      {
        table: '重大隐患整改台账',
        unit: '庞村镇',
        rows: [
          ['第6行', '伊河左岸堤段'],
          ['第7行', '庞村老街排水口'],
        ],
      },
    ]);
  });

  it('reads a list up to its blank template rows (序号 filled in), past one blank row, stopping at a note; a 合计 row is no item', () => {
    const grid = gridOf([
      LIST_HEADER,
      [1, '甲处', '2026-05-08', 1],
      [],
      [2, '乙处', '2026-05-09', 2],
      ['合计', null, null, 3],
      [3],
      [4],
      [5, '填在模板行之后的', '2026-05-10', 1],
    ]);
    expect(summary(findCampaignTables([grid], TABLES, 'sheets'))[0]!.rows).toEqual([
      ['第2行', '甲处'],
      ['第4行', '乙处'],
    ]);
    const withNote = gridOf([LIST_HEADER, [1, '甲处', '2026-05-08', 1], ['填表人：张伟　联系电话：0379-6555xxxx']]);
    expect(summary(findCampaignTables([withNote], TABLES, 'sheets'))[0]!.rows).toEqual([['第2行', '甲处']]);
    const merged = gridOf(
      [
        LIST_HEADER,
        [1, '甲处', '2026-05-08', 1],
        ['注：整改资金以万元为单位', '注：整改资金以万元为单位', '注：整改资金以万元为单位', '注：整改资金以万元为单位'],
      ],
      [{ top: 2, left: 0, bottom: 2, right: 3 }],
    );
    expect(summary(findCampaignTables([merged], TABLES, 'sheets'))[0]!.rows).toHaveLength(1);
  });

  it('finds a list of zero rows and does not ask for its 序号 column', () => {
    const found = findCampaignTables([gridOf([['隐患地点', '发现日期', '整改资金(万元)'], [], [], []])], TABLES, 'sheets');
    expect(found).toEqual([expect.objectContaining({ table: '重大隐患整改台账', rows: [], missingColumns: [] })]);
  });

  it('joins a list whose header is repeated further down the sheet, and one split into two Word tables', () => {
    const sheet = gridOf([LIST_HEADER, [1, '甲处', '2026-05-08', 1], LIST_HEADER, [2, '乙处', '2026-05-09', 2]]);
    expect(summary(findCampaignTables([sheet], TABLES, 'sheets'))).toEqual([
      {
        table: '重大隐患整改台账',
        unit: null,
        rows: [
          ['第2行', '甲处'],
          ['第4行', '乙处'],
        ],
      },
    ]);
    const first = labelled(gridOf([LIST_HEADER, [1, '甲处', '2026-05-08', 1]]), '第1个表格');
    const second = labelled(gridOf([LIST_HEADER, [2, '乙处', '2026-05-09', 2]]), '第2个表格');
    expect(summary(findCampaignTables([first, second], TABLES, 'document'))[0]!.rows).toEqual([
      ['第2行', '甲处'],
      ['第2个表格第2行', '乙处'],
    ]);
    // Sheets stand side by side: the same list on two sheets is two lists (the clerk hears of the second).
    expect(findCampaignTables([first, second], TABLES, 'sheets')).toHaveLength(2);
    // Both Word tables hold the list: neither is text of a report.
    expect(campaignTablesIn([first, second], TABLES, 'document').grids).toEqual(new Set(['第1个表格', '第2个表格']));
  });

  it('keeps two lists apart when the second names another unit', () => {
    const first = labelled(
      { ...gridOf([LIST_HEADER, [1, '甲处', '2026-05-08', 1]]), preamble: [{ text: '填报单位：庞村镇', location: '第1段' }] },
      '第1个表格',
    );
    const second = labelled(
      { ...gridOf([LIST_HEADER, [1, '乙处', '2026-05-09', 2]]), preamble: [{ text: '填报单位：庞村镇一村', location: '第3段' }] },
      '第2个表格',
    );
    expect(summary(findCampaignTables([first, second], TABLES, 'document')).map((item) => item.unit)).toEqual(['庞村镇', '庞村镇一村']);
  });

  it('reads on into the next Word table when the list carries on without its header', () => {
    const first = labelled(gridOf([LIST_HEADER, [1, '甲处', '2026-05-08', 1]]), '第1个表格');
    const second = labelled(
      gridOf([
        [2, '乙处', '2026-05-09', 2],
        [3, '丙处', '2026-05-10', 3],
      ]),
      '第2个表格',
    );
    const narrower = labelled(gridOf([['另一张表', '宽度不同']]), '第3个表格');
    expect(summary(findCampaignTables([first, second, narrower], TABLES, 'document'))[0]!.rows).toEqual([
      ['第2行', '甲处'],
      ['第2个表格第1行', '乙处'],
      ['第2个表格第2行', '丙处'],
    ]);
    expect(campaignTablesIn([first, second, narrower], TABLES, 'document').grids).toEqual(new Set(['第1个表格', '第2个表格']));
  });

  it('gives a header two tables could claim to the one whose columns it holds more of', () => {
    const wide = table({
      name: '宽表',
      columns: [
        { label: '隐患地点', type: '文字' },
        { label: '发现日期', type: '日期' },
        { label: '备注', type: '文字' },
      ],
    });
    const grid = gridOf([LIST_HEADER, [1, '甲处', '2026-05-08', 1]]);
    expect(findCampaignTables([grid], [wide, LIST], 'sheets').map((item) => item.table)).toEqual(['重大隐患整改台账']);
  });
});
