import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addQuotePrefix } from './write-workbook.js';
import { xlsxBuffer } from './xlsx-buffer.js';

describe('text that looks like a formula', () => {
  it('gets quotePrefix on its cell style, and the file still opens', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.getCell('A1').value = '=HYPERLINK("http://x")';
    sheet.getCell('A1').numFmt = '@';
    sheet.getCell('A2').value = 'plain';
    const fixed = await xlsxBuffer(workbook, new Date('2013-08-20T02:00:00Z'), addQuotePrefix);
    const styles = strFromU8(unzipSync(fixed)['xl/styles.xml']!);
    const xfs = [...styles.matchAll(/<xf [^>]*>/g)].map((match) => match[0]);
    expect(xfs.filter((xf) => xf.includes('numFmtId="49"')).every((xf) => xf.includes('quotePrefix="1"'))).toBe(true);
    expect(xfs.filter((xf) => !xf.includes('numFmtId="49"')).some((xf) => xf.includes('quotePrefix'))).toBe(false);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(fixed as unknown as ArrayBuffer);
    expect(back.worksheets[0]!.getCell('A1').value).toBe('=HYPERLINK("http://x")');
  });
});
