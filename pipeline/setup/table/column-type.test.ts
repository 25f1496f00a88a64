import { describe, expect, it } from 'vitest';
import { excelDate, formatHint } from './column-type.js';
import { bracketUnit, headerHint } from './header-hints.js';

describe('formatHint', () => {
  it('reads the number formats offices give template cells', () => {
    expect(formatHint('0')).toEqual({ type: 'count' });
    expect(formatHint('#,##0')).toEqual({ type: 'count' });
    expect(formatHint('0.0')).toEqual({ type: 'decimal', places: 1 });
    expect(formatHint('#,##0.00_ ;[Red]-#,##0.00')).toEqual({ type: 'decimal', places: 2 });
    expect(formatHint('0.0%')).toEqual({ type: 'percent', places: 1 });
    expect(formatHint('0%')).toEqual({ type: 'percent', places: 0 });
    expect(formatHint('yyyy\\-mm\\-dd')).toEqual({ type: 'date' });
    expect(formatHint('yyyy"年"m"月"d"日"')).toEqual({ type: 'date' });
    expect(formatHint('[$-F800]dddd, mmmm dd, yyyy')).toEqual({ type: 'date' });
    expect(formatHint('m/d/yy')).toEqual({ type: 'date' });
    expect(formatHint('"¥"#,##0.00')).toEqual({ type: 'amount', places: 2, amountUnit: '元' });
    expect(formatHint('@')).toEqual({ type: 'text' });
  });

  it('turns Excel day numbers into dates', () => {
    expect(excelDate(46023)).toBe('2026-01-01');
    expect(excelDate(41504)).toBe('2013-08-18');
  });
});

describe('headerHint', () => {
  it('reads the unit in brackets, full-width or not', () => {
    expect(headerHint('排查点位数(处)')).toMatchObject({ type: 'count' });
    expect(headerHint('出动人次（人次）')).toMatchObject({ type: 'count' });
    expect(headerHint('投入资金（万元）')).toEqual({ type: 'amount', amountUnit: '万元', because: '(万元)' });
    expect(headerHint('经费(元)')).toEqual({ type: 'amount', amountUnit: '元', because: '(元)' });
    expect(headerHint('整改率（%）')).toMatchObject({ type: 'percent' });
    expect(headerHint('整改率(％)')).toMatchObject({ type: 'percent' });
    expect(headerHint('河道长度(公里)')).toMatchObject({ type: 'decimal' });
    expect(bracketUnit('检查计算机数量 ( 台 )')).toBe('台');
  });

  it('reads the words of a header', () => {
    expect(headerHint('是否建立台账')).toMatchObject({ type: 'choice', because: '是否' });
    expect(headerHint('整改时限')).toMatchObject({ type: 'date' });
    expect(headerHint('发现日期')).toMatchObject({ type: 'date' });
    expect(headerHint('按时答复率')).toMatchObject({ type: 'percent' });
    for (const label of ['备注', '隐患名称', '整改措施', '责任人', '培训内容', '隐患地点'])
      expect(headerHint(label)).toMatchObject({ type: 'text' });
    expect(headerHint('投入整改资金')).toMatchObject({ type: 'amount' });
    expect(headerHint('出动检查人次')).toMatchObject({ type: 'count' });
    expect(headerHint('整改情况')).toMatchObject({ type: 'text' });
    expect(headerHint('涉密')).toBeNull();
  });
});
