import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { editPackage } from '../../test/support/package-edit.js';
import { isPercentFormat } from './cell-value.js';
import { declareChineseDateFormats } from './xlsx-date-formats.js';
import { readXlsxGrids } from './xlsx-grid.js';

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('表1'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const cellOf = async (content: Buffer, address: string) => {
  const { grids } = await readXlsxGrids(content);
  return grids[0]!.rows.flat().find((cell) => cell.address === address)!;
};

describe('cells read with what their format says', () => {
  it('marks a number shown as a percentage, cached formula results too', async () => {
    const content = await workbook((sheet) => {
      sheet.getCell('A1').value = 0.857;
      sheet.getCell('A1').numFmt = '0.0%';
      sheet.getCell('A2').value = { formula: 'A1*1', result: 0.857 } as ExcelJS.CellFormulaValue;
      sheet.getCell('A2').numFmt = '0.00%';
      sheet.getCell('A3').value = 85.7;
      sheet.getCell('A4').value = '85.7%';
    });
    expect(await cellOf(content, 'A1')).toMatchObject({ number: 0.857, percent: true });
    expect(await cellOf(content, 'A2')).toMatchObject({ number: 0.857, percent: true });
    expect((await cellOf(content, 'A3')).percent).toBeUndefined();
    expect(await cellOf(content, 'A4')).toEqual({ text: '85.7%', address: 'A4' });
  });

  it('reads a date cell as its calendar day, whatever its format', async () => {
    const content = await workbook((sheet) => {
      sheet.getCell('A1').value = new Date(Date.UTC(2026, 4, 18));
      sheet.getCell('A1').numFmt = 'yyyy-mm-dd';
      // WPS's shape: the serial number with a date format.
      sheet.getCell('A2').value = 46160;
      sheet.getCell('A2').numFmt = 'yyyy"年"m"月"d"日"';
    });
    expect(await cellOf(content, 'A1')).toMatchObject({ date: '2026-05-18', text: '2026年5月18日' });
    expect(await cellOf(content, 'A2')).toMatchObject({ date: '2026-05-18' });
    expect((await cellOf(content, 'A2')).number).toBeUndefined();
  });

  it('reads a date given Excel’s built-in Chinese format by number only (31: 2026年5月18日)', async () => {
    const written = await workbook((sheet) => {
      sheet.getCell('A1').value = 46160;
      sheet.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
    });
    // As Excel in a Chinese locale saves it: the xf says numFmtId 31, no <numFmt> declares it.
    const builtIn = editPackage(written, {
      'xl/styles.xml': (xml) => {
        const id = /<numFmt numFmtId="(\d+)" formatCode="yyyy&quot;年/.exec(xml)![1]!;
        return xml.replace(/<numFmts[^>]*>[\s\S]*?<\/numFmts>/, '').replaceAll(`numFmtId="${id}"`, 'numFmtId="31"');
      },
    });
    expect(await cellOf(builtIn, 'A1')).toMatchObject({ date: '2026-05-18' });
  });
});

describe('declareChineseDateFormats', () => {
  it('declares only the built-in ids used and not declared, into an existing list or a new one', () => {
    const bare =
      '<styleSheet xmlns="x"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="58" applyNumberFormat="1"/></cellXfs></styleSheet>';
    expect(declareChineseDateFormats(bare)).toBe(
      '<styleSheet xmlns="x"><numFmts><numFmt numFmtId="58" formatCode="m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="58" applyNumberFormat="1"/></cellXfs></styleSheet>',
    );
    const declared =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="31" formatCode="yyyy/m/d"/></numFmts><cellXfs><xf numFmtId="31"/></cellXfs></styleSheet>';
    expect(declareChineseDateFormats(declared)).toBe(declared);
  });

  it('tells a percent format from a literal % sign', () => {
    expect(isPercentFormat('0.0%')).toBe(true);
    expect(isPercentFormat('#,##0.00%')).toBe(true);
    expect(isPercentFormat('0"%"')).toBe(false);
    expect(isPercentFormat('General')).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});
