import { describe, expect, it } from 'vitest';
import { tableSchema } from '../../intake/kernel/campaign/schema/table-schema.js';
import { buildTable } from '../../intake/kernel/campaign/tables.js';
import { error } from '../../intake/kernel/problems.js';
import type { UnitResult, UnitTableResult } from '../../pipeline/merge/merge-result.js';
import { tableFindings } from './findings.js';
import { problemRows, problemTables } from './problem-rows.js';

/** A training campaign: a 统计表 and a list whose rows a report must be able to name. */
const tables = [
  buildTable(tableSchema.parse({ name: '培训情况统计表', columns: [{ label: '参训人数(人)' }] })),
  buildTable(
    tableSchema.parse({
      name: '培训台账',
      kind: '台账',
      columns: [
        { label: '序号', type: '文字' },
        { label: '培训主题', type: '文字' },
        { label: '开始日期', type: '日期' },
        { label: '结束日期', type: '日期' },
      ],
    }),
  ),
];

const list = (file: string, rows: { location: string; theme: string; cells: Record<string, string> }[]): UnitTableResult => ({
  table: '培训台账',
  kind: 'list',
  file,
  messageId: 'm1',
  receivedAt: '2026-05-01T00:00:00.000Z',
  values: null,
  cells: {},
  rows: rows.map((row, index) => ({
    location: row.location,
    values: { 序号: String(index + 1), 培训主题: row.theme, 开始日期: '2026-05-10', 结束日期: '2026-05-08' },
    cells: row.cells,
    hasErrors: false,
  })),
  counted: false,
});

const unit = (sent: UnitTableResult): UnitResult => ({ unit: '甲单位', tables: { 培训台账: sent } }) as unknown as UnitResult;

const broken = (file: string, location: string) =>
  error('rule.failed', '不符合规则「结束日期 >= 开始日期」：「结束日期」为 2026-05-08，「开始日期」为 2026-05-10，前者应不早于后者', {
    file,
    location,
    field: '结束日期',
  });

describe('the list row a problem is in, as a report names it', () => {
  const sent = list('台账.xlsx', [
    { location: '工作表「台账」第5行', theme: '保密法规', cells: { 培训主题: 'B5', 开始日期: 'C5', 结束日期: 'D5' } },
    { location: '工作表「台账」第6行', theme: '  网络安全\n  实操 ', cells: { 培训主题: 'B6', 开始日期: 'C6', 结束日期: 'D6' } },
  ]);
  const rowOf = problemRows({ tables }, unit(sent));

  it('names the list, the item and its first text (not its 序号), in the register, with days and signs as printed', () => {
    expect(tableFindings([broken('台账.xlsx', '工作表「台账」D6、C6')], rowOf)).toBe(
      '培训台账第2项“网络安全 实操”不符合规则“结束日期 ≥ 开始日期”：“结束日期”为 2026年5月8日，“开始日期”为 2026年5月10日，前者应不早于后者',
    );
  });

  it('names no row for another file, another sheet, or a problem of the whole table', () => {
    expect(rowOf(broken('其他.xlsx', '工作表「台账」D6、C6'))).toBeNull();
    expect(rowOf(broken('台账.xlsx', '工作表「统计表」D6'))).toBeNull();
    expect(rowOf(error('table.no_data', '只有表头', { file: '台账.xlsx' }))).toBeNull();
  });

  it('finds the row of a Word table and of a lone sheet, whose cells are not prefixed', () => {
    const word = list('报告.docx', [{ location: '第2个表格第3行', theme: '保密法规', cells: { 结束日期: '第2个表格第3行第4列' } }]);
    expect(problemRows({ tables }, unit(word))(broken('报告.docx', '第2个表格第3行第4列'))).toBe('培训台账第1项“保密法规”');
    const lone = list('台账.xlsx', [{ location: '第4行', theme: '保密法规', cells: { 结束日期: 'D4', 开始日期: 'C4' } }]);
    expect(problemRows({ tables }, unit(lone))(broken('台账.xlsx', 'D4、C4'))).toBe('培训台账第1项“保密法规”');
  });
});

describe('the table a problem is in, as a report names it', () => {
  const statistics = (file: string): UnitTableResult => ({
    table: '培训情况统计表',
    kind: 'row',
    file,
    messageId: 'm1',
    receivedAt: '2026-05-01T00:00:00.000Z',
    values: { 参训人数: null },
    cells: { 参训人数: 'B5' },
    rows: [],
    counted: false,
  });
  const both = (statisticsFile: string, listFile: string) =>
    ({
      unit: '甲单位',
      tables: {
        培训情况统计表: statistics(statisticsFile),
        培训台账: list(listFile, [{ location: '第5行', theme: '“学雷锋”志愿服务', cells: { 结束日期: 'D5', 开始日期: 'C5' } }]),
      },
    }) as unknown as UnitResult;
  const unreadable = (file: string) =>
    error('value.invalid', '填写为「若干」，不是数字，应为非负整数', { file, location: 'B5', field: '参训人数(人)', found: '若干' });

  it('names the 统计表 of a campaign of several tables, by the file, or by the column when one file holds both', () => {
    const unitA = both('统计表.xlsx', '台账.xlsx');
    const findings = (unitResult: UnitResult, problem: ReturnType<typeof error>) =>
      tableFindings([problem], problemRows({ tables }, unitResult), problemTables({ tables }, unitResult));
    expect(findings(unitA, unreadable('统计表.xlsx'))).toBe('培训情况统计表中参训人数（人）一栏填写为“若干”，不是数字');
    const oneFile = both('材料.xlsx', '材料.xlsx');
    expect(problemTables({ tables }, oneFile)(unreadable('材料.xlsx'))).toBe('培训情况统计表');
    // A rule across tables, a problem of no file: no table named.
    expect(problemTables({ tables }, unitA)({ ...unreadable('统计表.xlsx'), file: '统计表.xlsx、台账.xlsx' })).toBeNull();
    expect(problemTables({ tables }, unitA)({ ...unreadable('统计表.xlsx'), file: undefined })).toBeNull();
    // One table: the reader knows which.
    expect(problemTables({ tables: tables.slice(0, 1) }, unitA)(unreadable('统计表.xlsx'))).toBeNull();
  });

  it('quotes a row’s text that holds quotes with ‘’ inside “”', () => {
    const unitA = both('统计表.xlsx', '台账.xlsx');
    expect(problemRows({ tables }, unitA)(broken('台账.xlsx', 'D5、C5'))).toBe('培训台账第1项“‘学雷锋’志愿服务”');
  });
});
