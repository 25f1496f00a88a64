import { describe, expect, it } from 'vitest';
import { FormulaEvaluator, type SourceCell, type SourceWorkbook } from './formula-values.js';

function book(sheets: Record<string, Record<string, SourceCell>>): SourceWorkbook {
  return new Map(Object.entries(sheets).map(([name, cells]) => [name, { cells: new Map(Object.entries(cells)), rows: 20, columns: 10 }]));
}

describe('FormulaEvaluator', () => {
  const workbook = book({
    统计表: {
      B5: { formula: '2+3+4' },
      C5: { formula: 'SUM(计算明细!B2:B9)' },
      D5: { formula: 'C5+B5' },
      E5: { formula: 'NOW()' },
      F5: { formula: 'G5+1' },
      G5: { formula: 'F5' },
      H5: { formula: '1/0' },
      I5: { formula: 'SUM(A:A)' },
      J5: { formula: '[1]Sheet1!A1' },
    },
    计算明细: { B2: { value: 4 }, B3: { formula: '5*2' }, B9: { value: 1 } },
  });
  const evaluator = new FormulaEvaluator(workbook);
  it('computes arithmetic, other sheets and result-less formulas it refers to', () => {
    expect(evaluator.value('统计表', 'B5')).toEqual({ ok: true, value: 9 });
    expect(evaluator.value('统计表', 'C5')).toEqual({ ok: true, value: 15 });
    expect(evaluator.value('统计表', 'D5')).toEqual({ ok: true, value: 24 });
    expect(evaluator.value('统计表', 'I5')).toEqual({ ok: true, value: 0 });
  });
  it('refuses what it cannot compute, never a number', () => {
    expect(evaluator.value('统计表', 'E5')).toMatchObject({ ok: false, reason: expect.stringContaining('NOW') });
    expect(evaluator.value('统计表', 'F5')).toMatchObject({ ok: false, reason: expect.stringContaining('循环') });
    expect(evaluator.value('统计表', 'H5')).toMatchObject({ ok: false, reason: expect.stringContaining('#DIV/0!') });
    expect(evaluator.value('统计表', 'J5')).toMatchObject({ ok: false });
  });
});
