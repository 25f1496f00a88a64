import { describe, expect, it } from 'vitest';
import { tableSchema } from '../schema/table-schema.js';
import { buildTable, type TableDef } from '../tables.js';
import { parseRule, RuleSyntaxError } from './parse-rule.js';
import { readRules } from './read-rules.js';
import { RuleNames } from './rule-names.js';

/** A hazard inspection's two tables, as a notice of another shape than 2013's asks. */
const tables: TableDef[] = [
  buildTable(
    tableSchema.parse({
      name: '汛期安全隐患排查统计表',
      columns: [
        { label: '排查点位数(处)' },
        { group: '发现隐患(处)', columns: [{ label: '一般隐患' }, { label: '重大隐患' }, { label: '合计' }] },
        { label: '已整改(处)' },
        { label: '整改率(%)', type: '百分比' },
        { label: '整改资金(万元)', type: '金额' },
        { label: '是否成立专班', type: '单选' },
      ],
    }),
  ),
  buildTable(
    tableSchema.parse({
      name: '重大隐患整改台账',
      kind: '台账',
      columns: [
        { label: '隐患名称', type: '文字' },
        { label: '发现日期', type: '日期' },
        { label: '整改时限', type: '日期' },
        { label: '整改资金(万元)', type: '金额' },
        { label: '是否完成', type: '单选' },
        { label: '整改状态', type: '单选', options: ['已整改', '整改中', '未整改'] },
      ],
    }),
  ),
];
const names = new RuleNames(tables);
const parse = (line: string) => parseRule(line, names, 0);
const mistake = (line: string): RuleSyntaxError => {
  try {
    parse(line);
  } catch (error) {
    if (error instanceof RuleSyntaxError) return error;
    throw error;
  }
  throw new Error(`no mistake in ${line}`);
};

describe('rule lines', () => {
  it('reads a sum inside the one row of a 统计表, naming columns under a group by the sub-column alone or 组·列', () => {
    const rule = parse('合计 = 一般隐患 + 发现隐患·重大隐患');
    expect(rule.scope).toEqual({ kind: 'row', table: '汛期安全隐患排查统计表' });
    expect(rule.operands[0]).toEqual({ kind: 'column', ref: { table: '汛期安全隐患排查统计表', column: '发现隐患·合计' } });
    expect(rule.operandTexts).toEqual(['合计', '一般隐患 + 发现隐患·重大隐患']);
    expect(rule.comparisons).toEqual(['=']);
    expect(rule.defines?.ref.column).toBe('发现隐患·合计');
  });

  it('reads chained comparisons, full-width signs and the header text with its unit', () => {
    const rule = parse('０ ≤ 整改率(%) ＜＝ １００');
    expect(rule.comparisons).toEqual(['<=', '<=']);
    expect(rule.operands.map((operand) => operand.kind)).toEqual(['number', 'column', 'number']);
  });

  it('judges a list rule in each row, and a row count against a 统计表 per unit', () => {
    expect(parse('整改时限 >= 发现日期').scope).toEqual({ kind: 'list-row', table: '重大隐患整改台账' });
    const rows = parse('行数(重大隐患整改台账) = 重大隐患');
    expect(rows.scope).toEqual({ kind: 'unit', tables: ['汛期安全隐患排查统计表', '重大隐患整改台账'] });
    expect(rows.operands[0]).toEqual({ kind: 'rows', table: '重大隐患整改台账' });
  });

  it('computes a percentage from other columns, × and ÷ included', () => {
    const rule = parse('整改率 = 已整改 ÷ 合计 × 100');
    expect(rule.operands[1]).toMatchObject({ kind: 'binary', op: '*' });
    expect(rule.defines).toBeDefined();
  });

  it('asks which table when a name is in two, and takes 表名.列名', () => {
    expect(mistake('整改资金 >= 0').message).toContain('请写明是哪一张');
    expect(parse('重大隐患整改台账.整改资金 >= 0').scope).toEqual({ kind: 'list-row', table: '重大隐患整改台账' });
    expect(parse('求和(重大隐患整改台账.整改资金) <= 汛期安全隐患排查统计表.整改资金').scope.kind).toBe('unit');
  });

  it('names a column headed 其中：… without its 其中：, where no other column is so named', () => {
    const split = [
      buildTable(
        tableSchema.parse({
          name: '重点项目统计表',
          columns: [
            { label: '项目总数(个)' },
            { label: '其中:新开工(个)' },
            { label: '其中：续建(个)' },
            { label: '其中：在建' },
            { label: '在建' },
          ],
        }),
      ),
    ];
    const splitNames = new RuleNames(split);
    const rule = parseRule('新开工 + 续建 = 项目总数', splitNames, 0);
    expect(rule.operands[0]).toMatchObject({ left: { ref: { column: '其中:新开工' } }, right: { ref: { column: '其中:续建' } } });
    // Every form written before still reads: the prefix with either colon, the unit, the table's name.
    for (const line of [
      '其中：新开工 + 其中:续建 = 项目总数',
      '其中:新开工(个) + 其中：续建(个) = 项目总数',
      '重点项目统计表.新开工 <= 项目总数',
    ])
      expect(parseRule(line, splitNames, 0).operands).toHaveLength(2);
    // 在建 is a column of its own: it names that one, 其中：在建 the other.
    expect(parseRule('在建 <= 项目总数', splitNames, 0).operands[0]).toEqual({
      kind: 'column',
      ref: { table: '重点项目统计表', column: '在建' },
    });
    expect(parseRule('其中：在建 <= 项目总数', splitNames, 0).operands[0]).toMatchObject({ ref: { column: '其中:在建' } });
  });

  it('says where an unknown column is, and suggests the close one', () => {
    const error = mistake('已整改 <= 合记');
    expect(error.message).toBe('「合记」不是表格中的列，是否指「合计」？');
    expect(error.at).toBe(7);
  });

  it('suggests the closest columns for a word typed in place of one, and none when nothing is close', () => {
    const error = mistake('整改时限 >= 发现时间');
    expect(error.message).toBe('「发现时间」不是表格中的列，是否指「发现日期」？');
    expect(error.at).toBe(8);
    expect(mistake('严重隐患 <= 合计').message).toBe('「严重隐患」不是表格中的列，是否指「一般隐患」或「重大隐患」？');
    expect(mistake('已整改 <= 人口数量').message).toBe('「人口数量」不是表格中的列，请照表头写列名');
  });

  it('says a misspelled table in 行数( ) is not a table of the campaign, and suggests the table', () => {
    const error = mistake('行数(重大隐患台账) = 重大隐患');
    expect(error.message).toBe('「重大隐患台账」不是本活动的表格，是否指「重大隐患整改台账」？');
    expect(error.at).toBe(3);
    expect(mistake('行数(培训名单) = 重大隐患').message).toBe(
      '「培训名单」不是本活动的表格，行数( ) 中应写明细表（台账、清单）的名称：「重大隐患整改台账」',
    );
  });

  it('refuses what cannot be judged, in Chinese', () => {
    expect(mistake('已整改').message).toContain('没有比较符号');
    expect(mistake('发现日期 + 整改时限 > 0').message).toContain('日期与日期不能做「+」运算');
    expect(mistake('整改时限 >= 已整改').message).toContain('同一类');
    expect(mistake('是否完成 > "是"').message).toContain('文字只能比较相等');
    expect(mistake('整改时限 >= 已整改 + (1').message).toContain('）');
    expect(mistake('行数(汛期安全隐患排查统计表) = 1').message).toContain('只用于明细表');
    expect(mistake('重大隐患整改台账.整改资金 <= 汛期安全隐患排查统计表.整改资金').message).toContain('逐行核对');
  });

  it('reads a word that is one of a 单选 column’s values as that text, even where it also names a column', () => {
    const done = parse('整改状态 = 已整改');
    expect(done.scope).toEqual({ kind: 'list-row', table: '重大隐患整改台账' });
    expect(done.operands[1]).toEqual({ kind: 'text', value: '已整改' });
    expect(done.valueKind).toBe('text');
    expect(parse('整改状态 ≠ 未整改').comparisons).toEqual(['!=']);
    expect(parse('未整改 != 整改状态').operands[0]).toEqual({ kind: 'text', value: '未整改' });
    expect(parse('是否完成 = 是').operands[1]).toEqual({ kind: 'text', value: '是' });
    // In a 统计表 row; a text is no definition of the column's total.
    const row = parse('是否成立专班 = 是');
    expect(row.scope).toEqual({ kind: 'row', table: '汛期安全隐患排查统计表' });
    expect(row.defines).toBeUndefined();
  });

  it('reads a quoted word as a text, in any of the quotes a clerk types', () => {
    expect(parse('整改状态 = “已整改”').operands[1]).toEqual({ kind: 'text', value: '已整改' });
    expect(parse('整改状态 != "整改中"').operands[1]).toEqual({ kind: 'text', value: '整改中' });
    expect(parse('隐患名称 != 「无」').operands[1]).toEqual({ kind: 'text', value: '无' });
  });

  it('says a word read as a column of another kind was read so, and how to write a text', () => {
    const error = mistake('隐患名称 = 已整改');
    expect(error.message).toBe(
      '比较的两边应是同一类：左边是文字，这里是数——「已整改」读作了列「已整改」（整数）；要与文字比较，请加引号：隐患名称 = "已整改"',
    );
    expect(error.at).toBe(7);
    expect(mistake('是否完成 = 已整改').message).toBe(
      '比较的两边应是同一类：左边是文字，这里是数——「已整改」读作了列「已整改」（整数），不是「是否完成」的可选值（是、否）',
    );
  });

  it('says a word that is neither a column nor one of the column’s values is neither', () => {
    expect(mistake('整改状态 = 基本整改').message).toBe('「基本整改」不是表格中的列，也不是「整改状态」的可选值（已整改、整改中、未整改）');
    expect(mistake('隐患名称 = 无').message).toBe('「无」不是表格中的列，请照表头写列名；要与文字比较，请加引号：隐患名称 = "无"');
  });

  it('reads dates written in the rule', () => {
    expect(parse('发现日期 >= "2026年1月1日"').operands[1]).toEqual({ kind: 'date', value: '2026-01-01' });
  });

  it('reads the first campaign’s {type: lte} rules beside lines, each mistake at its entry', () => {
    const { rules, mistakes } = readRules(
      [
        { type: 'lte', left: '已整改', right: '发现隐患·合计' },
        '已整改 <= 合计',
        '已整改 <= 合记',
        { type: 'lte', left: '已整改', right: '不存在' },
      ],
      tables,
    );
    expect(rules.map((rule) => rule.code)).toEqual(['rule.lte', 'rule.failed']);
    expect(mistakes.map((item) => item.index)).toEqual([2, 3]);
    expect(mistakes[1]).toMatchObject({ side: 'right' });
  });
});
