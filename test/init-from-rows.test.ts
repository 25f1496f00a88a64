/**
 * A campaign made with `init --from` from the 政务公开 notice and its tables reads a unit's filled
 * 附件1 as one row: the template's own rows (the numbering row 1 2 3 … under the header, the
 * 填报说明 row below the row to fill) are no data. Real CLI, a folder of .eml, status --json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../examples/kit/mime.js';
import { buildReportDocx, defaultReportParagraphs } from '../examples/kit/report-docx.js';
import { packageRoot } from '../intake/kernel/package-root.js';
import { scan } from './support/campaign-mails.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const SOURCES = join(packageRoot(), 'test', 'fixtures', 'setup', 'gongkai-2026');

interface StatusJson {
  units: {
    unit: string;
    status: string;
    values: Record<string, unknown> | null;
    remarks: Record<string, string>;
    problems: { message: string }[];
    tables: Record<string, { cells: Record<string, string> }>;
  }[];
}

/** The office's 附件1 as the unit fills it: only A2, F2 and row 6, the template's rows 5 and 7 left as they are. */
async function filledTable(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(SOURCES, '附件1 政务公开工作统计表.xlsx'));
  const sheet = workbook.worksheets[0]!;
  sheet.getCell('A2').value = '填报单位：庞村镇人民政府';
  sheet.getCell('F2').value = '填报日期：2026年12月5日';
  const values: [string, ExcelJS.CellValue][] = [
    ['A6', 128],
    ['B6', { formula: 'C6+D6', result: 12 }],
    ['C6', 10],
    ['D6', 2],
    ['E6', 0.95],
    ['F6', 5.5],
    ['G6', '是'],
    ['H6', 3.2],
    ['I6', 4],
  ];
  for (const [address, value] of values) sheet.getCell(address).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function submission(): Promise<Buffer> {
  const unit = '庞村镇人民政府';
  return buildMail({
    from: { name: '庞村镇办公室', address: 'pangcun@yibin.gov.cn' },
    subject: '庞村镇报送2026年度政务公开工作统计数据（伊滨办〔2026〕21号）',
    date: new Date('2026-12-05T02:00:00Z'),
    text: '附件是庞村镇的政务公开工作统计表、培训台账、年度工作总结和盖章扫描件，请查收。',
    attachments: [
      { filename: '庞村镇政务公开工作统计表.xlsx', content: await filledTable() },
      { filename: '庞村镇政务公开培训台账.docx', content: await readFile(join(SOURCES, '附件2 政务公开培训台账.docx')) },
      {
        filename: '庞村镇2026年度工作总结.docx',
        content: await buildReportDocx({
          unitName: unit,
          date: '2026年12月5日',
          paragraphs: [
            ...defaultReportParagraphs(unit),
            '一、主动公开情况。全年主动公开政府信息128条，及时更新政务公开目录。',
            '二、依申请公开情况。收到申请12件，已答复10件，按时答复率95%。',
            '三、政务公开平台建设情况。完成政务公开专区建设，清理僵尸账号3个。',
          ],
        }),
      },
      await scan('庞村镇统计表盖章扫描件.pdf'),
    ],
  });
}

describe('init --from the 政务公开 files, then a unit’s filled 附件1 by mail', () => {
  let dir: string;
  let mailbox: string;

  beforeAll(async () => {
    const root = await tempDir();
    dir = join(root, '政务公开');
    mailbox = join(root, 'mailbox');
    const init = await runCli([
      'init',
      dir,
      '--from',
      join(SOURCES, '通知.pdf'),
      join(SOURCES, '附件1 政务公开工作统计表.xlsx'),
      join(SOURCES, '附件2 政务公开培训台账.docx'),
      '--roster',
      join(SOURCES, '名单.csv'),
    ]);
    expect(init.code, init.stderr).toBe(0);
    await mkdir(mailbox);
    await writeFile(join(mailbox, 'pangcun.eml'), await submission());
  });

  it('reads row 6 only: the numbering row and the 填报说明 row are the template’s, and the unit is 按时报送', async () => {
    const run = await runCli(['run', '--campaign', dir, '--mailbox-dir', mailbox]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse((await runCli(['status', '--campaign', dir, '--json'])).stdout) as StatusJson;
    const pangcun = json.units.find((unit) => unit.unit === '庞村镇人民政府')!;
    expect(pangcun.problems.map((problem) => problem.message).filter((message) => message.includes('行数据'))).toEqual([]);
    expect(pangcun.status).toBe('按时报送');
    expect(pangcun.values).toEqual({
      主动公开信息数: 128,
      依申请公开·收到申请: 12,
      依申请公开·已答复: 10,
      依申请公开·未答复: 2,
      按时答复率: 95,
      公开工作经费: 5.5,
      平均办理天数: 3.2,
      培训次数: 4,
    });
    expect(pangcun.remarks).toEqual({ 是否设立政务公开专栏: '是' });
    expect(pangcun.tables['政务公开工作统计表']?.cells['主动公开信息数']).toBe('A6');
  });
});
