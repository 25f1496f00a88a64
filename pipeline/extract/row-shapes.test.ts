import { describe, expect, it } from 'vitest';
import { gridOf } from '../../test/support/grid-fixture.js';
import { isColumnNumberRow, isNoteRow } from './row-shapes.js';

const FOUR = new Map([
  ['a', 0],
  ['b', 1],
  ['c', 2],
  ['d', 3],
]);
const numbering = (row: (string | number)[]) => isColumnNumberRow(gridOf([row]), 0, FOUR);

describe('isColumnNumberRow', () => {
  it('knows the shapes offices number their columns with', () => {
    expect(numbering([1, 2, 3, 4])).toBe(true);
    expect(numbering(['5', '6', '7', '8'])).toBe(true);
    expect(numbering(['甲', '乙', 1, 2])).toBe(true);
    expect(numbering(['（1）', '（2）', '(3)', '（4）'])).toBe(true);
    expect(numbering(['①', '②', '③', '④'])).toBe(true);
    expect(numbering([1, 2, 3, ''])).toBe(true);
  });

  it('takes a label outside the columns (栏次) and ignores it', () => {
    const positions = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(isColumnNumberRow(gridOf([['栏次', 1, 2, 3]]), 0, positions)).toBe(true);
  });

  it('is no numbering when the numbers do not count on, or words stand among them', () => {
    expect(numbering([1, 3, 2, 4])).toBe(false);
    expect(numbering([12, 1, 3, 4])).toBe(false);
    expect(numbering([1, 2, 3, '无'])).toBe(false);
    expect(numbering([1, '', '', ''])).toBe(false);
    expect(numbering([1.5, 2.5, 3.5, 4.5])).toBe(false);
  });
});

const COLUMNS = [0, 1, 2, 3];
const note = (rows: (string | number | null)[][], merges: Parameters<typeof gridOf>[1] = [], text = new Set<number>()) =>
  isNoteRow(gridOf(rows, merges), 0, COLUMNS, text, true);

describe('isNoteRow', () => {
  it('knows the notes, the signature line and a sentence merged across the table', () => {
    expect(note([['填报说明：经费单位为万元，保留两位小数。']])).toBe(true);
    expect(note([['填报说明', '1.经费单位为万元']])).toBe(true);
    expect(note([['注：本表数据截至12月1日']])).toBe(true);
    expect(note([['注1.收到申请数自动计算']])).toBe(true);
    expect(note([['备注：无']])).toBe(true);
    expect(note([['说明', '1.本表由办公室填写']])).toBe(true);
    expect(note([['填报人：', '', '审核人：', '联系电话：']])).toBe(true);
    expect(note([['本表数据按全年统计', '', '', '']], [{ top: 0, left: 0, bottom: 0, right: 3 }])).toBe(true);
    expect(note([['本表由各单位办公室填写，12月10日前报送。']])).toBe(true);
  });

  it('is no note when it is a row of values, or a sentence in a column of words', () => {
    expect(note([[12, 3, 4, '无']])).toBe(false);
    expect(note([['注册企业', 3, 4, 5]])).toBe(false);
    expect(note([['说明书', 3, 4, 5]])).toBe(false);
    expect(note([['', '', '', '按时完成全部整改，经验收合格。']], [], new Set([3]))).toBe(false);
  });

  it('takes a lone sentence for a note only after the data: before it, it is what the unit wrote', () => {
    const grid = gridOf([['本单位今年无此项工作，故未填写数据。']]);
    expect(isNoteRow(grid, 0, COLUMNS, new Set(), false)).toBe(false);
    expect(isNoteRow(grid, 0, COLUMNS, new Set(), true)).toBe(true);
  });
});
