import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import type { AttachmentFacts, StoredMessage } from '../../pipeline/analyze/facts.js';
import { ANALYZER_VERSION } from '../../pipeline/analyze/facts.js';
import type { FoundTable } from '../../pipeline/extract/find-table.js';
import { merge } from '../../pipeline/merge/merge.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { analyzeReport } from '../../pipeline/report/analyze-report.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { rowWhere } from '../../test/support/workbook.js';
import { buildWorkbook } from './build-workbook.js';

// The flood-season campaign: a 统计表 (合计 = 一般隐患 + 重大隐患) and a 台账 (整改时限 >= 发现日期 in each row).
let campaign: Campaign;
beforeAll(async () => {
  const full = await fixtureCampaign('yinhuan-2026');
  campaign = { ...full, roster: full.roster.filter((unit) => ['庞村镇', '李村镇', '寇店镇'].includes(unit.name)) };
});

const STAT = '汛期安全隐患排查整治情况统计表';
const LIST = '重大隐患整改台账';
const RED = 'FFC00000';
const cell = (text: string | number, address: string) =>
  typeof text === 'number' ? { text: String(text), number: text, address } : { text, address };

/** The 统计表 on its own sheet of the file: 一般, 重大, 合计 as given. */
function stat(general: number, major: number, total: number): FoundTable {
  const values: [string, string | number][] = [
    ['排查点位数', 10],
    ['发现隐患·一般隐患', general],
    ['发现隐患·重大隐患', major],
    ['发现隐患·合计', total],
    ['已整改', total],
    ['整改率', 100],
    ['整改资金', 2.5],
    ['是否建立隐患台账', '是'],
  ];
  const cells = Object.fromEntries(values.map(([key, value], c) => [key, cell(value, `${'ABCDEFGH'[c]}6`)]));
  return {
    table: STAT,
    source: '',
    headerAddress: 'A4',
    unitName: null,
    date: null,
    rows: [{ location: '第6行', label: '', cells }],
    missingColumns: [],
  };
}

/** The 台账 on the sheet 附件2 of a workbook of several sheets: each row's place, found and deadline dates. */
function list(...rows: [string, string, string][]): FoundTable {
  return {
    table: LIST,
    source: '工作表「附件2」',
    headerAddress: 'A4',
    unitName: null,
    date: null,
    rows: rows.map(([place, found, deadline], index) => ({
      location: `第${index + 5}行`,
      label: '',
      cells: {
        隐患地点: cell(place, `B${index + 5}`),
        发现日期: cell(found, `D${index + 5}`),
        整改时限: cell(deadline, `E${index + 5}`),
        整改资金: cell(1, `F${index + 5}`),
      },
    })),
    missingColumns: [],
  };
}

let counter = 0;
const file = (name: string, extra: Partial<AttachmentFacts> = {}): AttachmentFacts => ({
  name,
  size: 1,
  sha256: createHash('sha256').update(`${name}/${++counter}`).digest('hex'),
  kind: 'xlsx',
  tables: [],
  report: null,
  problems: [],
  ...extra,
});

function mail(unit: string, attachments: AttachmentFacts[]): StoredMessage {
  const id = createHash('sha256').update(`${unit}/${++counter}`).digest('hex');
  const report = file('工作报告.docx', { kind: 'docx', report: { chars: 600, analysis: analyzeReport('排查整治工作报告', campaign) } });
  return {
    receipt: { id, size: 1, source: 'folder', origin: `${id}.eml`, storedAt: '2026-06-01T00:00:00.000Z' },
    facts: {
      analyzerVersion: ANALYZER_VERSION,
      id,
      messageId: `<${id.slice(0, 8)}@x>`,
      fromAddress: `${unit}@yibin-demo.gov.cn`,
      fromName: null,
      subject: '隐患排查材料',
      dateHeader: null,
      receivedHeader: '2026-05-20T02:00:00.000Z',
      forwardedFrom: [],
      attachments: [...attachments, report, file('签字盖章扫描件.pdf', { kind: 'pdf' })],
      problems: [],
    },
  };
}

let result: MergeResult;
let workbook: ExcelJS.Workbook;
beforeAll(async () => {
  result = merge({
    campaign,
    decisions: NO_DECISIONS,
    lastPollAt: null,
    messages: [
      // 庞村镇: right. 李村镇: 合计 8 ≠ 5 + 2. 寇店镇: its second row's 整改时限 before its 发现日期.
      mail('pangcun', [file('庞村镇.xlsx', { tables: [stat(5, 1, 6), list(['甲处', '2026-05-08', '2026-05-30'])] })]),
      mail('licun', [
        file('李村镇.xlsx', { tables: [stat(5, 2, 8), list(['乙处', '2026-05-08', '2026-05-30'], ['丙处', '2026-05-08', '2026-05-30'])] }),
      ]),
      mail('koudian', [
        file('寇店镇.xlsx', {
          tables: [stat(5, 2, 7), list(['丁处', '2026-05-08', '2026-05-30'], ['戊处', '2026-05-20', '2026-05-10'])],
        }),
      ]),
    ],
  });
  const buffer = await buildWorkbook(ExcelJS, campaign, result).xlsx.writeBuffer();
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
});

const color = (cell: ExcelJS.Cell) => cell.font?.color?.argb;

describe('the table sheets: cells of broken rules, the list’s 合计 row, titles', () => {
  it('reds the 统计表 cells of 合计 = 一般隐患 + 重大隐患 with their values, the others of the row staying grey', () => {
    expect(result.units.map((unit) => unit.status)).toEqual(['onTime', 'invalid', 'invalid']);
    const sheet = workbook.getWorksheet(STAT)!;
    const row = rowWhere(sheet, 2, '李村镇');
    // 序号, 单位, 排查点位数, 一般隐患, 重大隐患, 合计, 已整改 …
    expect([4, 5, 6].map((column) => [row.getCell(column).value, color(row.getCell(column))])).toEqual([
      [5, RED],
      [2, RED],
      [8, RED],
    ]);
    expect(row.getCell(6).numFmt).toBe(sheet.getCell(rowWhere(sheet, 2, '庞村镇').number, 6).numFmt);
    expect(row.getCell(3).font?.italic).toBe(true);
    expect(color(row.getCell(3))).not.toBe(RED);
  });

  it('reds both dates of a list row whose 整改时限 is before its 发现日期, on a sheet named in the problem', () => {
    const sheet = workbook.getWorksheet(LIST)!;
    const rows = Array.from({ length: sheet.rowCount }, (_, index) => sheet.getRow(index + 1));
    const koudian = rows.filter((row) => row.getCell(2).value === '寇店镇');
    expect(koudian.map((row) => row.getCell(3).value)).toEqual(['丁处', '戊处']);
    // 隐患地点, 隐患类别, 发现日期, 整改时限 …: the broken row's two dates red, its other cells and the other row grey.
    const [good, bad] = koudian as [ExcelJS.Row, ExcelJS.Row];
    expect([color(bad.getCell(5)), color(bad.getCell(6)), color(bad.getCell(3))]).toEqual([RED, RED, 'FF7F7F7F']);
    expect(bad.getCell(5).value).toBeInstanceOf(Date);
    expect([color(good.getCell(5)), color(good.getCell(6))]).toEqual(['FF7F7F7F', 'FF7F7F7F']);
  });

  it('says on the list’s 合计 row how many rows it lists and how many it counts', () => {
    const sheet = workbook.getWorksheet(LIST)!;
    const total = rowWhere(sheet, 1, '合计');
    // Five rows listed; counted: 庞村镇's one and 李村镇's two (寇店镇's list breaks a rule in a row).
    expect(total.getCell(sheet.columnCount).value).toBe('共 5 行，计入合计 3 行（2 个单位）');
  });

  it('titles the list with the campaign title on one line and its own name, which repeats a word of it, on the next', () => {
    const title = workbook.getWorksheet(LIST)!.getCell('A2');
    expect(title.value).toBe('2026年汛期安全隐患排查整治\n重大隐患整改台账（汇总）');
    expect(title.alignment?.wrapText).toBe(true);
    expect(workbook.getWorksheet(LIST)!.getRow(2).height).toBeGreaterThanOrEqual(60);
    expect(workbook.getWorksheet(STAT)!.getCell('A2').value).toBe('2026年汛期安全隐患排查整治情况统计表（汇总）');
  });
});
