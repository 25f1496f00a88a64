import { describe, expect, it } from 'vitest';
import { formulaText, readFormula, scaledToPercent } from './formula-rules.js';

const NAMES = ['排查点位数', '一般隐患', '重大隐患', '合计', '已整改', '整改率'];
const name = (column: number) => NAMES[column] ?? `列${column}`;

function text(formula: string, row = 7): string {
  const reading = readFormula(formula, row);
  if (!reading.ok) throw new Error(reading.reason);
  return formulaText(reading.expr, name);
}

describe('readFormula', () => {
  it('reads a sum of cells of the same row', () => {
    expect(text('=B7+C7')).toBe('一般隐患 + 重大隐患');
    expect(text('SUM(B7:C7)')).toBe('一般隐患 + 重大隐患');
    expect(text('=SUM($B$7,C7)')).toBe('一般隐患 + 重大隐患');
  });

  it('keeps the brackets a division of a sum needs, and none it does not', () => {
    expect(text('=E7/(B7+C7)*100')).toBe('已整改 / (一般隐患 + 重大隐患) × 100');
    expect(text('=E7/D7*100')).toBe('已整改 / 合计 × 100');
    expect(text('=D7-(B7-C7)')).toBe('合计 - (一般隐患 - 重大隐患)');
  });

  it('takes the branch of IF that computes, and the value inside ROUND and IFERROR', () => {
    const reading = readFormula('=IF(D7=0,0,E7/D7)', 7);
    expect(reading.ok && formulaText(reading.expr, name)).toBe('已整改 / 合计');
    expect(reading.ok && reading.note).toContain('IF');
    expect(text('=ROUND(E7/D7*100,1)')).toBe('已整改 / 合计 × 100');
    expect(text('=IFERROR(E7/D7,"")')).toBe('已整改 / 合计');
  });

  it('knows a formula already in percent', () => {
    const reading = readFormula('=E7/D7*100', 7);
    expect(reading.ok && scaledToPercent(reading.expr)).toBe(true);
    const share = readFormula('=E7/D7', 7);
    expect(share.ok && scaledToPercent(share.expr)).toBe(false);
  });

  it('refuses what is not arithmetic over the same row, saying why in Chinese', () => {
    expect(readFormula('=B6+C7', 7)).toEqual({ ok: false, reason: '引用了其他行的单元格（第 6 行）' });
    expect(readFormula('=VLOOKUP(A7,Sheet2!A:B,2,0)', 7)).toMatchObject({ ok: false });
    expect(readFormula('=IF(A7>0,B7,C7)', 7)).toEqual({ ok: false, reason: 'IF 的两个结果都是计算式，无法写成一条规则' });
    expect(readFormula('=SUM(B7:C8)', 7)).toMatchObject({ ok: false, reason: '引用了其他行的单元格' });
  });
});
