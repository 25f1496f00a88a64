import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { error } from '../../intake/kernel/problems.js';
import type { MergeResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { districtTotals } from '../../pipeline/merge/table-results.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { readBackSheets } from '../../test/support/workbook.js';
import { buildWorkbook } from './build-workbook.js';
import { columnLetter, deferredRowsOf, type SharedRows, VALUE_TYPE } from './deferred-rows.js';
import { xlsxBuffer } from './xlsx-buffer.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await fixtureCampaign('huamingce-2026');
});

type Values = Record<string, number | string | null>;

/** The roster with lists as units send them: many rows, one unit's list with a wrong cell, one empty, one unsent. */
function listResult(): MergeResult {
  const base = mergeResult(campaign, {});
  const table = campaign.tables[0]!;
  const key = (label: string) => table.columns.find((column) => column.displayName.startsWith(label))!.key;
  const row = (n: number, unit: string): Values => ({
    [key('姓名')]: n === 3 ? '=HYPERLINK("x")' : `${unit}人员${n}`,
    [key('性别')]: n % 2 ? '男' : '女',
    [key('出生日期')]: `19${70 + (n % 20)}-0${1 + (n % 9)}-1${n % 10}`,
    [key('职务')]: n === 2 ? '负责本单位保密工作的办公室副主任兼机要室主任、档案室主任' : '科员',
    [key('培训学时')]: 8 + n / 10,
    [key('考试成绩')]: 60 + n,
    [key('是否合格')]: '是',
  });
  const units: UnitResult[] = base.units.map((unit, index) => {
    const file = `${unit.unit}花名册.xlsx`;
    const wrong = index === 1;
    const count = index === 2 ? 0 : index === 3 ? -1 : 4 + (index % 5);
    const rows = Array.from({ length: Math.max(0, count) }, (_, n) => {
      const values = row(n + 1, unit.unit);
      if (wrong && n === 0) values[key('培训学时')] = null;
      return {
        location: `第${n + 3}行`,
        values,
        cells: Object.fromEntries(table.columns.map((column, c) => [column.key, `${columnLetter(c + 1)}${n + 3}`])),
        hasErrors: wrong && n === 0,
      };
    });
    const problems = wrong
      ? [
          error('value.invalid', '填写为「八小时」，不是数字', {
            unit: unit.unit,
            file,
            location: 'E3',
            field: table.columns[4]!.displayName,
            found: '八小时',
          }),
        ]
      : [];
    return {
      ...unit,
      problems,
      tables: {
        [table.key]: { ...unit.tables[table.key]!, file: count < 0 ? null : file, values: null, rows, counted: count >= 0 && !wrong },
      },
    };
  });
  return { ...base, units, tables: districtTotals(campaign, units), problems: units.flatMap((unit) => unit.problems) };
}

describe('deferred list rows', () => {
  it('uses exceljs value types and column letters', () => {
    expect(VALUE_TYPE).toEqual({
      Null: ExcelJS.ValueType.Null,
      Number: ExcelJS.ValueType.Number,
      String: ExcelJS.ValueType.String,
      Date: ExcelJS.ValueType.Date,
    });
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('writes a list sheet whose cells, styles, heights and merges are those exceljs cells give', async () => {
    const result = listResult();
    const stamp = new Date('2026-06-21T02:00:00Z');
    for (const sendUp of [false, true]) {
      const cells = await xlsxBuffer(buildWorkbook(ExcelJS, campaign, result, { sendUp }), stamp);
      const workbook = buildWorkbook(ExcelJS, campaign, result, { sendUp, deferRows: new Map() });
      // The list table's rows, and in the working workbook those of its three list sheets (报送情况 …;
      // no 报告分析: the 花名册 campaign asks for no report).
      expect(deferredRowsOf(workbook)).toHaveLength(sendUp ? 1 : 4);
      const deferred = await xlsxBuffer(workbook, stamp);
      const back = await readBackSheets(deferred);
      expect(back).toEqual(await readBackSheets(cells));
      // The same workbook written again gives the same bytes.
      expect((await xlsxBuffer(workbook, stamp)).equals(deferred)).toBe(true);
      // The list's rows are there: the formula-like name stays text, the wrong cell shows what was written.
      const sheet = (back[0] as { rows: [number, number, [string, unknown][]][] }).rows;
      const values = sheet.flatMap(([, , row]) => row.map(([, value]) => value));
      expect(values).toContain('=HYPERLINK("x")');
      expect(values).toContain('八小时');
    }
  });

  it('renders the rows once for both workbooks, each file as it is when written alone', async () => {
    const result = listResult();
    const stamp = new Date('2026-06-21T02:00:00Z');
    const alone = async (sendUp: boolean) => xlsxBuffer(buildWorkbook(ExcelJS, campaign, result, { sendUp, deferRows: new Map() }), stamp);
    const shared: SharedRows = new Map();
    const working = buildWorkbook(ExcelJS, campaign, result, { deferRows: shared });
    const content = shared.get(campaign.tables[0]!.key)!;
    let rendered = 0;
    const row = content.row;
    content.row = (index) => {
      rendered++;
      return row(index);
    };
    expect((await xlsxBuffer(working, stamp)).equals(await alone(false))).toBe(true);
    const sendUp = buildWorkbook(ExcelJS, campaign, result, { sendUp: true, deferRows: shared });
    expect(deferredRowsOf(sendUp)[0]!.content).toBe(content);
    expect((await xlsxBuffer(sendUp, stamp)).equals(await alone(true))).toBe(true);
    expect(rendered).toBe(content.count);
    // The rows' texts are inline strings: the shared strings hold exceljs's own cells only.
    const strings = Buffer.from(unzipSync(await alone(true))['xl/sharedStrings.xml']!).toString('utf8');
    expect(strings).not.toContain('人员1');
  });

  it('puts the rows as exceljs marks them up, styles in its table, texts as inline strings', async () => {
    const result = listResult();
    const workbook = buildWorkbook(ExcelJS, campaign, result, { deferRows: new Map() });
    const parts = unzipSync(await xlsxBuffer(workbook, new Date('2026-06-21T02:00:00Z')));
    const sheet = Buffer.from(parts['xl/worksheets/sheet1.xml']!).toString('utf8');
    const numbers = [...sheet.matchAll(/<row r="(\d+)"/g)].map((match) => Number(match[1]));
    // Rows in order, none twice, the 合计 and note rows after the list.
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(sheet).toMatch(/<row r="5" ht="[\d.]+" customHeight="1" spans="1:\d+" x14ac:dyDescent="0.25"><c r="A5" s="\d+"><v>1<\/v><\/c>/);
    expect(sheet).toContain('t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c>');
  });
});
