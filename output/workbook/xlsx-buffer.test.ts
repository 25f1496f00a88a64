import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { xlsxBuffer } from './xlsx-buffer.js';

describe('xlsxBuffer', () => {
  it('holds exceljs own parts byte for byte, in a zip Excel and exceljs open', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('汇总');
    sheet.mergeCells('A1:C1');
    sheet.getCell('A1').value = '自查情况统计表';
    for (let row = 2; row < 500; row++) sheet.addRow([row, `单位${row}`, { formula: `A${row}*2`, result: row * 2 }]);
    const when = new Date('2013-08-20T02:00:00Z');
    const ours = await xlsxBuffer(workbook, when);
    const theirs = unzipSync(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    const parts = unzipSync(ours);
    expect(Object.keys(parts).sort()).toEqual(Object.keys(theirs).sort());
    for (const name of Object.keys(theirs)) expect(Buffer.from(parts[name]!).equals(Buffer.from(theirs[name]!)), name).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(ours as unknown as ArrayBuffer);
    expect(back.getWorksheet('汇总')!.getCell('A1').value).toBe('自查情况统计表');
    expect(back.getWorksheet('汇总')!.getCell('C10').value).toEqual({ formula: 'A10*2', result: 20 });
    expect((await xlsxBuffer(workbook, when)).equals(ours)).toBe(true);
  });
});
