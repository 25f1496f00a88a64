/**
 * A list table (台账) as 【表格】<表格名称> prints it: every unit's rows with a 说明 column that
 * marks the rows left out of the totals, each value as the unit wrote it when it could not be
 * read, a 合计 row that says how many rows it counts, and a note under the table on who sent an
 * empty list or none — what the workbook's sheet of the list says (list-table-sheet.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { error } from '../../intake/kernel/problems.js';
import type { ListRowResult, MergeResult, UnitTableResult } from '../../pipeline/merge/merge-result.js';
import { districtTotals, unsentTable } from '../../pipeline/merge/table-results.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { campaignNamedTables } from './campaign-named-tables.js';
import { renderOfficialDocument } from './render-document.js';
import { tableXml } from './table-xml.js';
import { buildTemplateData, type TemplateData } from './template-data.js';

const LIST = '重大隐患整改台账';
let campaign: Campaign;
let list: TableDef;
let result: MergeResult;
let data: TemplateData;

type Values = ListRowResult['values'];
const row = (line: number, values: Values, hasErrors = false): ListRowResult => ({
  location: `第${line}行`,
  values,
  cells: Object.fromEntries(Object.keys(values).map((key, index) => [key, `${String.fromCharCode(65 + index)}${line}`])),
  hasErrors,
});
const sent = (file: string, rows: ListRowResult[], counted: boolean): UnitTableResult => ({
  ...unsentTable(list),
  file,
  messageId: 'd'.repeat(64),
  receivedAt: '2026-05-20T02:00:00.000Z',
  rows,
  counted,
});
const values = (place: string, kind: string | null, money: number): Values => ({
  序号: null,
  隐患地点: place,
  隐患类别: kind,
  发现日期: '2026-05-08',
  整改时限: '2026-06-01',
  整改资金: money,
  是否完成整改: '是',
});

beforeAll(async () => {
  campaign = await fixtureCampaign('yinhuan-2026');
  list = campaign.tables.find((table) => table.name === LIST)!;
  const base = mergeResult(campaign, {});
  const units = base.units.map((unit, index) => {
    if (index === 0)
      return { ...unit, tables: { ...unit.tables, [list.key]: sent('甲台账.xlsx', [row(5, values('北堤', '危房', 8.2))], true) } };
    if (index === 1) {
      // The unit wrote 山洪 where the column takes one of its options: not read, the list left out.
      const wrong = error('value.not_an_option', '填写为「山洪」，不是可选的值，可选：地质灾害、城市内涝、危房、其他', {
        unit: unit.unit,
        file: '乙台账.xlsx',
        location: 'C6',
        field: '隐患类别',
        found: '山洪',
      });
      const rows = [row(5, values('南坡', '其他', 3)), row(6, values('西沟', null, 5), true)];
      return {
        ...unit,
        status: 'invalid' as const,
        problems: [wrong],
        tables: { ...unit.tables, [list.key]: sent('乙台账.xlsx', rows, false) },
      };
    }
    if (index === 2) return { ...unit, tables: { ...unit.tables, [list.key]: sent('丙台账.xlsx', [], true) } };
    return unit;
  });
  result = { ...base, units, tables: districtTotals(campaign, units) };
  data = buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: result.asOf! });
});

const texts = (cells: readonly { text: string }[]) => cells.map((cell) => cell.text);

describe('【表格】 of a list table', () => {
  it('marks the rows of a list with errors in a 说明 column and prints what the unit wrote', () => {
    const table = campaignNamedTables(campaign, data)[LIST]!();
    expect(table.header[0]!.at(-1)!.text).toBe('说明');
    const [first, second, third] = result.units.map((unit) => unit.unit);
    expect(texts(table.body[0]!)).toEqual(['1', first, '北堤', '危房', '2026年5月8日', '2026年6月1日', '8.20', '是', '']);
    expect(texts(table.body[1]!)).toEqual([
      '2',
      second,
      '南坡',
      '其他',
      '2026年5月8日',
      '2026年6月1日',
      '3.00',
      '是',
      '数据有误，未计入合计',
    ]);
    // The choice that could not be read is printed as written, never blank.
    expect(texts(table.body[2]!)).toEqual([
      '3',
      second,
      '西沟',
      '山洪',
      '2026年5月8日',
      '2026年6月1日',
      '5.00',
      '是',
      '数据有误，未计入合计',
    ]);
    // The 合计 leaves the list with errors out, and says so.
    const total = texts(table.body[3]!);
    expect(total[0]).toBe('合计');
    expect(total).toContain('8.20');
    expect(total.at(-1)).toBe('共3行，计入合计1行');
    expect(table.body).toHaveLength(4);
    const unsent = result.units.slice(3).map((unit) => unit.unit);
    expect(table.note).toBe(
      `注：${second}报送的本表数据有误，所列各行未计入合计；${third}报送的本表没有填写任何一行；${unsent.join('、')}未报送本表。`,
    );
    expect(table.columnWeights).toHaveLength(table.body[0]!.length);
  });

  it('gives a choice column room for its longest option (地质灾害), more than a number’s', () => {
    const weights = campaignNamedTables(campaign, data)[LIST]!().columnWeights;
    // 序号, 单位, 隐患地点, 隐患类别, 发现日期, 整改时限, 整改资金, 是否完成整改, 说明.
    expect(weights[3]).toBeGreaterThan(weights[6]!);
    expect(weights[7]).toBe(weights[6]);
  });

  it('keeps the row’s printed text as written for a template too (units[].tables.<表格>.rows[].text)', () => {
    const rows = data.units[1]!.tables[LIST]!.rows;
    expect((rows[1]!.text as unknown as Record<string, string>).隐患类别).toBe('山洪');
    // The value itself stays unread.
    expect(rows[1]!.隐患类别).toBe('');
  });

  it('prints the note under the table in the document, as a paragraph', async () => {
    const rendered = await renderOfficialDocument({ campaign, source: `【表格】${LIST}\n【正文】完`, data, title: 't', draft: false });
    if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
    const kinds = rendered.model.blocks.map((block) => (block.kind === 'paragraph' ? block.text.slice(0, 2) : block.kind));
    expect(kinds).toEqual(['table', '注：', '完']);
    // The note's lines stay together, and the table's last row (合计) keeps with it.
    expect(rendered.model.blocks[1]).toMatchObject({ kind: 'paragraph', withTable: true });
    const table = campaignNamedTables(campaign, data)[LIST]!();
    const rows = tableXml(table, 9000).split('<w:tr>');
    expect(rows.at(-1)!.match(/<w:keepNext\/>/gu)).toHaveLength(table.body.at(-1)!.length);
    expect(rows.slice(0, -1).join('')).not.toContain('<w:keepNext/>');
    expect(tableXml({ ...table, note: undefined }, 9000)).not.toContain('<w:keepNext/>');
  });

  it('says nothing under a list every unit sent with rows that count', () => {
    const units = result.units.map((unit) => ({
      ...unit,
      status: 'onTime' as const,
      problems: [],
      tables: { ...unit.tables, [list.key]: sent(`${unit.unit}.xlsx`, [row(5, values('北堤', '危房', 1))], true) },
    }));
    const all = { ...result, units, tables: districtTotals(campaign, units) };
    const table = campaignNamedTables(
      campaign,
      buildTemplateData({ campaign, result: all, decisions: NO_DECISIONS, generatedAt: all.asOf! }),
    )[LIST]!();
    expect(table.note).toBeUndefined();
    expect(table.body.at(-1)!.at(-1)!.text).toBe(`共${units.length}行`);
    expect(table.body.slice(0, -1).every((cells) => cells.at(-1)!.text === '')).toBe(true);
  });
});

describe('【表格】 of a 统计表 (one row per unit)', () => {
  const STATS = '汛期安全隐患排查整治情况统计表';

  /** The first unit sends a 统计表 in which 整改资金 and 是否建立隐患台账 could not be read; the second one that counts. */
  function statsData() {
    const stats = campaign.tables.find((table) => table.name === STATS)!;
    const columns = stats.columns.map((column, index) => ({ column, address: `${String.fromCharCode(66 + index)}5` }));
    const find = (label: string) => columns.find(({ column }) => column.displayName.startsWith(label))!;
    const addressOf = (label: string) => find(label).address;
    const keyOf = (label: string) => find(label).column.key;
    const full: Values = Object.fromEntries(
      stats.columns.map((column) => [column.key, column.type === 'text' ? '' : column.type === 'choice' ? '是' : 1]),
    );
    const table = (file: string, values: Values, counted: boolean): UnitTableResult => ({
      ...unsentTable(stats),
      file,
      messageId: 'e'.repeat(64),
      receivedAt: '2026-05-20T02:00:00.000Z',
      values,
      cells: Object.fromEntries(columns.map(({ column, address }) => [column.key, address])),
      counted,
    });
    const base = mergeResult(campaign, {});
    const units = base.units.map((unit, index) => {
      if (index === 0) {
        const file = '甲统计表.xlsx';
        const problems = [
          // On the only sheet: the bare address.
          error('value.invalid', '填写为「若干」，应为金额', {
            unit: unit.unit,
            file,
            location: addressOf('整改资金'),
            field: find('整改资金').column.displayName,
            found: '若干',
          }),
          // In a workbook of several sheets: the sheet before the address.
          error('value.not_an_option', '填写为「有」，不是可选的值，可选：是、否', {
            unit: unit.unit,
            file,
            location: `工作表「附件1」${addressOf('是否建立隐患台账')}`,
            field: '是否建立隐患台账',
            found: '有',
          }),
        ];
        const values = { ...full, [keyOf('整改资金')]: null, [keyOf('是否建立隐患台账')]: null };
        return { ...unit, status: 'invalid' as const, problems, tables: { ...unit.tables, [stats.key]: table(file, values, false) } };
      }
      if (index === 1) return { ...unit, tables: { ...unit.tables, [stats.key]: table('乙统计表.xlsx', full, true) } };
      return unit;
    });
    const merged = { ...base, units, tables: districtTotals(campaign, units) };
    return {
      stats,
      keyOf,
      data: buildTemplateData({ campaign, result: merged, decisions: NO_DECISIONS, generatedAt: merged.asOf! }),
    };
  }

  it('prints what the unit wrote in a cell that could not be read, as the workbook and the list annex do', () => {
    const { stats, keyOf, data: built } = statsData();
    const table = campaignNamedTables(campaign, built)[STATS]!();
    const first = texts(table.body[0]!);
    const at = (label: string) => 2 + stats.columns.findIndex((column) => column.key === keyOf(label));
    expect(first[at('整改资金')]).toBe('若干');
    expect(first[at('是否建立隐患台账')]).toBe('有');
    expect(first.at(-1)).toBe('数据有误，未计入合计');
    // The values that could be read print as ever; the unit whose table counts shows no words of another's.
    expect(first[at('已整改')]).toBe('1');
    expect(texts(table.body[1]!)[at('整改资金')]).toBe('1.00');
    expect(texts(table.body[1]!)[at('是否建立隐患台账')]).toBe('是');
    // The 合计 (合计 spans 序号 and 单位) leaves the table with errors out.
    expect(texts(table.body.at(-1)!)[at('整改资金') - 1]).toBe('1.00');
  });

  it('gives a template the same (units[].tables.<表格>.text), the value itself stays unread', () => {
    const { keyOf, data: built } = statsData();
    const own = built.units[0]!.tables[STATS]!;
    expect(own.text[keyOf('整改资金')]).toBe('若干');
    expect(own.values[keyOf('整改资金')]).toBe('');
  });
});
