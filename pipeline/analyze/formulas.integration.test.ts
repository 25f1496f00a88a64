/**
 * Formulas a file stores without their results (written by a generator, here exceljs, which
 * writes <f> without <v> when no result is given): computed over the workbook's own sheets
 * with a warning, or an error naming the cell — never read as 0.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatisticsTable } from '../../examples/kit/statistics-table.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { expandFiles } from '../extract/archive/expand.js';
import { validateTable } from '../validate/validate-table.js';
import { extractFile } from './extract-file.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

/** The demo table with formulas (no results) in some count cells, and a hidden 计算明细 sheet. */
async function tableWithFormulas(formulas: Record<string, string>): Promise<Buffer> {
  const values = Object.fromEntries(campaign.columns.map((column) => [column.key, column.type === 'count' ? 1 : null]));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    (await buildStatisticsTable(campaign, { unitName: '庞村镇', date: '2013年8月15日', values })) as unknown as ArrayBuffer,
  );
  const sheet = workbook.worksheets[0]!;
  const detail = workbook.addWorksheet('计算明细', { state: 'hidden' });
  [3, 4, 5, 6, 7, 8, 9, 10].forEach((value, index) => {
    detail.getCell(`B${index + 2}`).value = value;
  });
  detail.getCell('B10').value = { formula: 'B2*100' } as ExcelJS.CellFormulaValue;
  // Find each column's data cell: the row below the header holding the 1s written above.
  let dataRow = 0;
  let first = 0;
  sheet.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      if (dataRow === 0 && cell.value === 1) [dataRow, first] = [r, c];
    });
  });
  campaign.columns.forEach((column, index) => {
    const formula = formulas[column.key];
    if (formula) sheet.getCell(dataRow, first + index).value = { formula } as ExcelJS.CellFormulaValue;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function read(content: Buffer) {
  const [file] = await expandFiles([{ name: '统计表.xlsx', content }], {
    maxFileBytes: 1e8,
    maxDepth: 3,
    maxFiles: 100,
    maxExpandedBytes: 1e9,
  });
  const facts = await extractFile(file!, campaign);
  const validated = validateTable(facts.tables[0]!, campaign, { file: facts.name });
  if (validated.kind !== 'row') throw new Error('the 统计表 validates as a row');
  return validated;
}

describe('formulas without cached results', () => {
  it('computes them over the workbook, hidden sheets included, each with a warning', async () => {
    const result = await read(
      await tableWithFormulas({
        departments: '2+3+4',
        computersUnclassified: 'SUM(计算明细!B2:B9)',
        mediaUnclassified: 'SUM(计算明细!B10)+1',
      }),
    );
    expect(result.values).toMatchObject({ departments: 9, computersUnclassified: 52, mediaUnclassified: 301, networksClassified: 1 });
    const computed = result.problems.filter((item) => item.code === 'value.formula_computed');
    expect(computed.map((item) => item.found)).toEqual(['=2+3+4', '=SUM(计算明细!B2:B9)', '=SUM(计算明细!B10)+1']);
    expect(computed[0]!.summary).toContain('已按公式算出「9」');
    expect(result.problems.filter((item) => item.severity === 'error')).toEqual([]);
  });

  it('reports what it cannot compute as 公式没有计算结果, with the cell, never 0', async () => {
    const result = await read(
      await tableWithFormulas({ departments: 'TODAY()', computersUnclassified: 'SUM([1]Sheet1!A1:A3)', mediaUnclassified: '1/0' }),
    );
    expect(result.values).toMatchObject({ departments: null, computersUnclassified: null, mediaUnclassified: null });
    const errors = result.problems.filter((item) => item.code === 'value.formula_uncomputed');
    expect(errors).toHaveLength(3);
    for (const item of errors) {
      expect(item.summary).toContain('公式没有计算结果');
      expect(item.location).toMatch(/^[A-Z]+\d+$/);
    }
  });
});
