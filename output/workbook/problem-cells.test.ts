import { describe, expect, it } from 'vitest';
import type { Problem } from '../../intake/kernel/problems.js';
import { cellOfTable, cellsOfLocation, namedCells, namesCell } from './problem-cells.js';

const error = (file: string, location: string): Problem => ({ severity: 'error', code: 'rule.failed', summary: '', file, location });

describe('the cells a problem names', () => {
  it('reads the sheet written once before the first cell, and per-cell sheets', () => {
    expect(cellsOfLocation('D6、B6')).toEqual([
      { sheet: '', address: 'D6' },
      { sheet: '', address: 'B6' },
    ]);
    expect(cellsOfLocation('工作表「附件2」E5、D5')).toEqual([
      { sheet: '工作表「附件2」', address: 'E5' },
      { sheet: '工作表「附件2」', address: 'D5' },
    ]);
    expect(cellsOfLocation('工作表「甲」C6、工作表「乙」D6').map((cell) => cell.sheet)).toEqual(['工作表「甲」', '工作表「乙」']);
    expect(cellOfTable('E5', '工作表「附件2」')).toEqual({ sheet: '工作表「附件2」', address: 'E5' });
    expect(cellOfTable('E5', '')).toEqual({ sheet: '', address: 'E5' });
  });

  it('gives a rule across two files to the 统计表 only, never to a list cell at the same address', () => {
    const named = namedCells([error('甲附件1.xlsx、甲附件2.xlsx', 'C6')]);
    expect(namesCell(named, '甲附件1.xlsx', 'C6')).toBe(true);
    expect(namesCell(named, '甲附件2.xlsx', 'C6', '', true)).toBe(false);
  });

  it('matches a cell by its sheet', () => {
    const named = namedCells([error('甲.xlsx', '工作表「附件2」E5、D5')]);
    expect(namesCell(named, '甲.xlsx', 'D5', '工作表「附件2」', true)).toBe(true);
    expect(namesCell(named, '甲.xlsx', 'D5', '工作表「附件1」', true)).toBe(false);
  });
});
