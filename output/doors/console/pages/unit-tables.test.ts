import { describe, expect, it } from 'vitest';
import { problemCells } from './unit-tables.js';

describe('the cells a problem names', () => {
  it('reads a cell, a sheet-qualified cell and a rule’s cells; a row or a table position is no cell', () => {
    const at = (location?: string) =>
      problemCells({ severity: 'error', code: 'value.invalid', summary: '', ...(location ? { location } : {}) });
    expect(at('D7')).toEqual(['D7']);
    expect(at('Sheet1!H7')).toEqual(['H7']);
    expect(at('D6、C6')).toEqual(['D6', 'C6']);
    expect(at('第6行')).toEqual([]);
    expect(at()).toEqual([]);
  });
});
