/**
 * Templates typed the way offices type them, written with exceljs (a real .xlsx package read back
 * by the set-up's reader): the table derived from each.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { needsConfirming } from '../derived.js';
import { tableObject } from '../table-entries.js';
import { type DraftTable, deriveTable, draftColumns } from './derive-table.js';
import { readXlsxTemplate } from './read-xlsx-template.js';

const thin = { style: 'thin' as const };
const box = { top: thin, left: thin, bottom: thin, right: thin };

async function derive(build: (sheet: ExcelJS.Worksheet) => void): Promise<DraftTable> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Sheet1'));
  const [sheet] = await readXlsxTemplate(Buffer.from(await workbook.xlsx.writeBuffer()), '模板.xlsx');
  const table = deriveTable(sheet!);
  if (!table) throw new Error('no table');
  return table;
}

function bordered(sheet: ExcelJS.Worksheet, row: number, columns: number): void {
  for (let column = 1; column <= columns; column++) sheet.getCell(row, column).border = box;
}

const labels = (table: DraftTable) =>
  table.entries.map((entry) =>
    entry.kind === 'column' ? entry.column.label : `${entry.label}[${entry.columns.map((column) => column.label).join('|')}]`,
  );

describe('deriveTable', () => {
  it('reads a header typed with line breaks, spaces and both kinds of brackets, under a title, over a 填报说明 row', async () => {
    const table = await derive((sheet) => {
      sheet.mergeCells('A1:F1');
      sheet.getCell('A1').value = '2026年汛期安全隐患排查情况统计表';
      sheet.getCell('A2').value = '填报单位（盖章）：';
      sheet.getCell('E2').value = '填报日期：    年  月  日';
      sheet.mergeCells('A3:A4');
      sheet.getCell('A3').value = '排查点位\n数（处）';
      sheet.mergeCells('B3:D3');
      sheet.getCell('B3').value = '发现隐患数量 (处)';
      sheet.getCell('B4').value = '一般 隐患';
      sheet.getCell('C4').value = '重大隐患';
      sheet.getCell('D4').value = '合 计';
      sheet.mergeCells('E3:E4');
      sheet.getCell('E3').value = '投入资金\n（万元）';
      sheet.mergeCells('F3:F4');
      sheet.getCell('F3').value = '整改率(%)';
      sheet.mergeCells('A5:F5');
      sheet.getCell('A5').value = '填报说明：资金以万元为单位。';
      bordered(sheet, 6, 6);
      sheet.getCell('D6').value = { formula: 'B6+C6', result: 0 };
      sheet.getCell('F6').numFmt = '0.0%';
      sheet.getCell('F6').value = { formula: 'IF(D6=0,"",E6/D6)', result: '' };
    });
    expect(table.name).toMatchObject({ value: '2026年汛期安全隐患排查情况统计表', confidence: 'likely' });
    expect(labels(table)).toEqual(['排查点位数(处)', '发现隐患数量(处)[一般隐患|重大隐患|合计]', '投入资金(万元)', '整改率(%)']);
    expect(table.unitField.value).toBe('填报单位');
    expect(table.dateField.value).toBe('填报日期');
    expect(table.kind).toMatchObject({ value: 'row' });
    expect(table.notes).toEqual(['填报说明：资金以万元为单位。']);
    const columns = draftColumns(table.entries);
    expect(columns.map((column) => column.type.value)).toEqual(['count', 'count', 'count', 'count', 'amount', 'percent']);
    expect(columns[4]?.amountUnit?.value).toBe('万元');
    expect(columns[5]?.places?.value).toBe(1);
    expect(table.formulas.map((formula) => formula.target)).toEqual([3, 5]);
    // E6/D6 is a share of 1 in a 0.0% cell: the campaign keeps the percentage itself, × 100.
    expect(table.formulas[1]?.expr).toMatchObject({ kind: 'op', op: '*', right: { kind: 'number', value: 100 } });
    expect(table.unreadFormulas).toEqual([]);
  });

  it('reads a group typed once above unmerged sub-columns', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['单位内设部门数(个)', '检查计算机数量(台)', '', '备注']);
      sheet.addRow(['', '涉密', '非涉密', '']);
      bordered(sheet, 3, 4);
    });
    expect(labels(table)).toEqual(['单位内设部门数(个)', '检查计算机数量(台)[涉密|非涉密]', '备注']);
    expect(draftColumns(table.entries).map((column) => column.type.value)).toEqual(['count', 'count', 'count', 'text']);
  });

  it('reads a group typed again over each of its sub-columns', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['排查点位数(处)', '发现隐患(处)', '发现隐患(处)', '发现隐患(处)']);
      sheet.addRow(['', '一般', '重大', '合计']);
      bordered(sheet, 3, 4);
    });
    expect(labels(table)).toEqual(['排查点位数(处)', '发现隐患(处)[一般|重大|合计]']);
  });

  it('tells a list by its 序号 column and blank rows, and reads a dropdown kept in cells of the sheet', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['序号', '姓名', '职务', '参训日期', '是否合格']);
      for (let row = 2; row <= 9; row++) {
        sheet.getCell(row, 1).value = row - 1;
        bordered(sheet, row, 5);
        sheet.getCell(row, 4).numFmt = 'yyyy"年"m"月"d"日"';
        sheet.getCell(row, 5).dataValidation = { type: 'list', allowBlank: true, formulae: ['$H$1:$H$3'] };
      }
      sheet.getCell('H1').value = '合格';
      sheet.getCell('H2').value = '不合格';
      sheet.getCell('H3').value = '缺考';
    });
    expect(table.kind).toMatchObject({ value: 'list', confidence: 'likely' });
    expect(table.skipped.map((column) => column.label)).toEqual(['序号']);
    const columns = draftColumns(table.entries);
    expect(columns.map((column) => [column.label, column.type.value])).toEqual([
      ['姓名', 'text'],
      ['职务', 'text'],
      ['参训日期', 'date'],
      ['是否合格', 'choice'],
    ]);
    expect(columns[3]?.options).toMatchObject({ value: ['合格', '不合格', '缺考'], confidence: 'sure' });
    expect(table.unitField).toMatchObject({ value: '填报单位', confidence: 'default' });
  });

  it('reads ranges from validations, a percentage validated as a share of 1 as 0 to 100', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['完成率', '平均天数', '人数(人)', '开始日期']);
      bordered(sheet, 2, 4);
      sheet.getCell('A2').numFmt = '0.0%';
      sheet.getCell('A2').dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 1] };
      sheet.getCell('B2').numFmt = '0.0';
      sheet.getCell('B2').dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 30] };
      sheet.getCell('C2').dataValidation = { type: 'whole', operator: 'between', allowBlank: false, formulae: [1, 500] };
      sheet.getCell('D2').dataValidation = {
        type: 'date',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [new Date('2026-01-01T00:00:00Z')],
      };
    });
    const [rate, days, people, start] = draftColumns(table.entries);
    expect(rate).toMatchObject({ type: { value: 'percent' }, places: { value: 1 }, min: { value: 0 }, max: { value: 100 } });
    expect(days).toMatchObject({ type: { value: 'decimal' }, places: { value: 1 }, max: { value: 30 } });
    expect(people).toMatchObject({ type: { value: 'count' }, min: { value: 1 }, max: { value: 500 }, required: { value: true } });
    expect(start?.type.value).toBe('date');
  });

  it('reads a strict bound of whole numbers and dates as the first value allowed (greater than 2026-01-01 is from 2026-01-02)', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['考试成绩(分)', '培训日期', '平均学时']);
      bordered(sheet, 2, 3);
      sheet.getCell('A2').dataValidation = { type: 'whole', operator: 'lessThan', allowBlank: true, formulae: [101] };
      sheet.getCell('B2').dataValidation = {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date('2026-01-01T00:00:00Z')],
      };
      sheet.getCell('C2').numFmt = '0.0';
      sheet.getCell('C2').dataValidation = { type: 'decimal', operator: 'greaterThan', allowBlank: true, formulae: [0.5] };
    });
    const [score, day, hours] = draftColumns(table.entries);
    expect(score).toMatchObject({ type: { value: 'count' }, max: { value: 100 } });
    expect(day).toMatchObject({ type: { value: 'date' }, min: { value: '2026-01-02' } });
    // A decimal has no next value: the bound is kept, allowed itself.
    expect(hours).toMatchObject({ type: { value: 'decimal' }, min: { value: 0.5 } });
  });

  it('reads a 填报日期 line typed below the table', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['填报单位：']);
      sheet.addRow(['排查点位数(个)', '隐患数量(处)']);
      bordered(sheet, 3, 2);
      sheet.getCell('A5').value = '填表人：';
      sheet.getCell('B5').value = '填表日期：';
    });
    expect(table.dateField).toMatchObject({ value: '填表日期', confidence: 'sure', from: '模板.xlsx B5' });
  });

  it('tells a 填报日期 column of the table from a 填报日期 line, and says so', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['附件1']);
      sheet.addRow(['填报单位（盖章）：']);
      sheet.addRow(['排查点位数(个)', '是否建立台账', '填报日期']);
      bordered(sheet, 4, 3);
      sheet.getCell('C4').numFmt = 'yyyy-mm-dd';
    });
    expect(draftColumns(table.entries).map((column) => column.label)).toEqual(['排查点位数(个)', '是否建立台账', '填报日期']);
    expect(table.dateField).toMatchObject({ value: null, confidence: 'likely', from: '模板.xlsx C3' });
    expect(table.dateField.note).toContain('「填报日期」是表格中的一栏');
    expect(needsConfirming(table.dateField)).toBe(false);
    expect(tableObject(table)).not.toHaveProperty('dateField');
  });

  it('writes no 填报日期 label for a template without one, and says so', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['填报单位（盖章）：']);
      sheet.addRow(['序号', '隐患名称', '发现日期']);
      for (let row = 3; row <= 8; row++) {
        sheet.getCell(row, 1).value = row - 2;
        bordered(sheet, row, 3);
      }
      sheet.getCell('A10').value = '填表人：';
    });
    expect(table.dateField).toMatchObject({ value: null, confidence: 'likely', from: '模板.xlsx' });
    expect(table.dateField.note).toBe('模板中没有“填报日期”一栏');
    expect(tableObject(table)).not.toHaveProperty('dateField');
    expect(tableObject(table)).toMatchObject({ unitField: '填报单位' });
  });

  it('writes the measure a column’s name counts in and leaves an average or a score out of the total', async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['参训人数', '培训学时', '平均答复天数', '考试成绩(分)', '平均年龄', '检查数量(台)', '培训人次', '备注']);
      bordered(sheet, 2, 8);
      for (const column of ['C', 'E']) sheet.getCell(`${column}2`).numFmt = '0.0';
      sheet.getCell('B2').numFmt = '0.0';
    });
    const columns = draftColumns(table.entries);
    expect(columns.map((column) => [column.label, column.type.value, column.unit?.value ?? null, column.sum?.value ?? null])).toEqual([
      ['参训人数', 'count', '人', null],
      ['培训学时', 'decimal', '学时', null],
      ['平均答复天数', 'decimal', '天', false],
      ['考试成绩(分)', 'count', null, false],
      ['平均年龄', 'decimal', null, false],
      ['检查数量(台)', 'count', null, null],
      ['培训人次', 'count', '人次', null],
      ['备注', 'text', null, null],
    ]);
    expect(columns[2]?.unit).toMatchObject({ confidence: 'likely', note: '栏目名称以「天」计：数字后写了「天」的去掉单位读取并提示' });
    expect(columns[2]?.sum).toMatchObject({ confidence: 'likely', note: '栏目名称中的「平均」：是平均数，相加没有意义，合计行不求和' });
    // campaign.yaml says both, so the clerk sees them (the program would take the same by default).
    expect((tableObject(table).columns as unknown[]).slice(0, 5)).toEqual([
      { label: '参训人数', type: '整数', unit: '人' },
      { label: '培训学时', type: '小数', places: 1, unit: '学时' },
      { label: '平均答复天数', type: '小数', places: 1, unit: '天', sum: false },
      { label: '考试成绩(分)', type: '整数', sum: false },
      { label: '平均年龄', type: '小数', places: 1, sum: false },
    ]);
  });

  it("says it is guessing when nothing tells a column's kind", async () => {
    const table = await derive((sheet) => {
      sheet.addRow(['片区', '网格']);
      bordered(sheet, 2, 2);
    });
    expect(draftColumns(table.entries)[0]?.type).toMatchObject({ value: 'count', confidence: 'guess' });
    expect(draftColumns(table.entries)[0]?.type.note).toContain('请确认');
    expect(table.name).toMatchObject({ value: '模板', confidence: 'guess' });
  });
});
