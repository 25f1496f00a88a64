import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetName } from './row-table-sheet.js';
import { tableSheetNames, uniqueSheetName } from './sheet-names.js';

describe('sheet names', () => {
  it('gives each table the sheet name the workbook gives it: cleaned, cut to 31, numbered when taken', () => {
    const long = '各镇党委人民政府区直各相关单位政府信息公开保密审查专项检查自查情况统计表';
    const names = tableSheetNames([
      { key: 'a', name: '隐患整改台账' },
      { key: 'b', name: `${long}一` },
      { key: 'c', name: `${long}二` },
      { key: 'd', name: '名单[a/b]' },
    ]);
    expect(names).toEqual({ a: '隐患整改台账', b: long.slice(0, 31), c: `${long.slice(0, 29)}_2`, d: '名单_a_b_' });
    const workbook = new ExcelJS.Workbook();
    for (const table of ['隐患整改台账', `${long}一`, `${long}二`, '名单[a/b]']) workbook.addWorksheet(sheetName(workbook, table));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(names));
    expect(uniqueSheetName(['ABC'], 'abc')).toBe('abc_2');
  });
});
