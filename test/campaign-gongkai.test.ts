/**
 * The annual 政务公开 statistics campaign (test/fixtures/campaigns/gongkai-2026) end to end
 * through the real CLI: a 统计表 with a group, a percentage, an amount, a choice and a decimal,
 * and a 培训台账 whose row count must equal the 统计表's 培训次数 (a rule across tables). The
 * tables arrive every way: both on one LibreOffice sheet, the 统计表 pasted into a 163 webmail
 * body beside an .xls 台账, two WPS sheets, and a zip holding a WPS workbook and a Word 台账 of
 * 22 rows over two pages (test/fixtures/campaigns/gongkai-units.ts says what each unit typed).
 */
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { mailDate } from '../examples/kit/mime.js';
import { GONGKAI_STAT_SUB, GONGKAI_STAT_TOP } from './fixtures/campaigns/gongkai-units.js';
import { beijing, type CampaignRun, runCampaign, type UnitMail, unitFile } from './support/campaign-run.js';
import { buildWebmail, gbkHtml, NETEASE_FOOTER, pastedExcelTable } from './support/webmail-mail.js';

const STAT = '政务公开工作统计表';
const LIST = '政务公开培训台账';
let run: CampaignRun;

type Pasted = string | { text: string; rowspan?: number; colspan?: number };

/** 李村镇: the 统计表 copied from Excel into the 163 editor, the 台账 and the report attached. */
async function licunWebmail(): Promise<Buffer> {
  const table = pastedExcelTable([
    [{ text: '政务公开工作统计表', colspan: 10 }],
    [
      { text: '填报单位：李村镇', colspan: 5 },
      { text: '填报日期：2026年12月6日', colspan: 5 },
    ],
    GONGKAI_STAT_TOP as Pasted[],
    GONGKAI_STAT_SUB as Pasted[],
    ['86', '6', '5', '1', '92.5%', '1.5万元', '是', '6.0', '2', ''],
  ]);
  const attachment = async (name: string, contentType: string) => ({
    contentType,
    content: (await unitFile('gongkai-2026', name)).content,
    disposition: 'attachment' as const,
    filename: name,
  });
  const at = beijing('2026-12-06 16:20');
  return buildWebmail({
    from: { name: '李村镇党政办', address: 'licun@yibin-demo.gov.cn' },
    subject: '李村镇2026年度政务公开工作统计',
    date: at,
    headers: [
      `Received: from mail.163.com (unknown [10.0.0.8])\r\n\tby mx.secretariat.example.cn (Coremail) with SMTP id demo; ${mailDate(at)}`,
    ],
    body: {
      multipart: 'mixed',
      parts: [
        gbkHtml(`<div>秘书科：统计表如下，培训台账和总结见附件。</div>${table}${NETEASE_FOOTER}`),
        await attachment('李村镇政务公开培训台账.xls', 'application/vnd.ms-excel'),
        await attachment('李村镇政务公开工作总结.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      ],
    },
  });
}

async function caizhengZip() {
  const names = ['区财政局政务公开统计表.xlsx', '区财政局培训台账.docx', '区财政局政务公开工作总结.docx'];
  const files = await Promise.all(names.map((name) => unitFile('gongkai-2026', name)));
  const zip = zipSync(Object.fromEntries(files.map((file) => [`区财政局材料/${file.filename}`, new Uint8Array(file.content)])));
  return { filename: '区财政局政务公开统计材料.zip', content: Buffer.from(zip) };
}

beforeAll(async () => {
  const mails: (UnitMail | Buffer)[] = [
    {
      unit: '庞村镇',
      subject: '庞村镇政务公开统计材料',
      received: '2026-12-05 10:00',
      files: ['庞村镇政务公开统计表.xlsx', '庞村镇政务公开工作总结.docx'],
    },
    await licunWebmail(),
    {
      unit: '寇店镇',
      subject: '寇店镇政务公开统计',
      received: '2026-12-07 09:15',
      files: ['寇店镇政务公开统计材料.xlsx', '寇店镇政务公开工作总结.docx'],
    },
    { unit: '区财政局', subject: '区财政局政务公开统计材料', received: '2026-12-08 14:40', files: [await caizhengZip()] },
  ];
  run = await runCampaign('gongkai-2026', mails);
}, 600_000);

const rowsOf = (unit: string): Record<string, unknown>[] =>
  run.unit(unit).tables[LIST]!.rows.map((row) => ({ location: row.location, ...row.values }));
const codes = (unit: string) => run.unit(unit).problems.map((item) => `${item.code}${item.location ? ` ${item.location}` : ''}`);

describe('gongkai-2026 through the real CLI', () => {
  it('gives every unit the status a clerk would', () => {
    expect(run.status.units.map((unit) => [unit.unit, unit.status])).toEqual([
      ['庞村镇', '按时报送'],
      ['李村镇', '按时报送'],
      ['寇店镇', '数据有误'],
      ['区财政局', '按时报送'],
      ['区教育局', '未报送'],
    ]);
  });

  it('finds both tables on one LibreOffice sheet, the 台账 under the 统计表 with a 序号 column of its own', () => {
    expect(run.unit('庞村镇').tables[STAT]!.values).toEqual({
      主动公开信息数: 156,
      依申请公开·收到申请: 12,
      依申请公开·已答复: 10,
      依申请公开·未答复: 2,
      按时答复率: 95,
      公开工作经费: 3.2,
      是否设立政务公开专栏: '是',
      平均办理天数: 5.5,
      培训次数: 3,
      备注: null,
    });
    expect(rowsOf('庞村镇')).toEqual([
      { location: '第11行', 培训日期: '2026-03-15', 培训内容: '政务公开条例解读', 参训人数: 45, 是否考核: '是' },
      { location: '第12行', 培训日期: '2026-06-20', 培训内容: '政府网站信息发布规范', 参训人数: 38, 是否考核: '否' },
      { location: '第13行', 培训日期: '2026-09-08', 培训内容: '依申请公开办理实务', 参训人数: 30, 是否考核: '是' },
    ]);
    expect(codes('庞村镇')).toEqual([]);
  });

  it('reads a 统计表 pasted into the mail body beside an .xls 台账', () => {
    const licun = run.unit('李村镇');
    expect(licun.tables[STAT]!.file).toBe('正文');
    expect(licun.tables[STAT]!.values).toMatchObject({
      主动公开信息数: 86,
      按时答复率: 92.5,
      公开工作经费: 1.5,
      平均办理天数: 6,
      培训次数: 2,
    });
    expect(licun.tables[LIST]!.file).toBe('李村镇政务公开培训台账.xls');
    expect(rowsOf('李村镇').map((row) => [row.培训日期, row.参训人数])).toEqual([
      ['2026-04-10', 26],
      ['2026-10-16', 31],
    ]);
    expect(licun.problems.map((item) => [item.code, item.found])).toEqual([
      ['value.normalised', '92.5%'],
      ['value.normalised', '1.5万元'],
    ]);
  });

  it('says a 台账 whose rows do not match the 培训次数, and counts neither table', () => {
    const koudian = run.unit('寇店镇');
    const broken = koudian.problems.find((item) => item.code === 'rule.failed')!;
    expect(broken).toMatchObject({
      summary: '不符合规则「行数(政务公开培训台账) = 培训次数」：「行数(政务公开培训台账)」为 2，「培训次数」为 3，前者应等于后者',
      file: '寇店镇政务公开统计材料.xlsx',
      location: '工作表「统计表」I6',
      found: '2（行数(政务公开培训台账)），3（培训次数）',
    });
    expect([koudian.tables[STAT]!.counted, koudian.tables[LIST]!.counted]).toEqual([false, false]);
    expect(rowsOf('寇店镇').map((row) => row.参训人数)).toEqual([35, 28]);
    expect(codes('寇店镇')).toEqual([
      'value.normalised 工作表「统计表」E6',
      'value.normalised 工作表「培训台账」C5',
      'rule.failed 工作表「统计表」I6',
    ]);
  });

  it('reads a zipped WPS workbook and a Word 台账 of 22 rows over two pages', () => {
    const caizheng = run.unit('区财政局');
    expect(caizheng.tables[STAT]!.file).toBe('区财政局政务公开统计材料.zip/区财政局材料/区财政局政务公开统计表.xlsx');
    expect(caizheng.tables[LIST]!.file).toBe('区财政局政务公开统计材料.zip/区财政局材料/区财政局培训台账.docx');
    const rows = rowsOf('区财政局');
    expect(rows).toHaveLength(22);
    expect(rows[0]).toEqual({
      location: '第1个表格第2行',
      培训日期: '2026-01-08',
      培训内容: '预算公开业务培训（第1期）',
      参训人数: 20,
      是否考核: '否',
    });
    expect(rows[21]).toEqual({
      location: '第1个表格第23行',
      培训日期: '2026-11-22',
      培训内容: '决算公开业务培训（第22期）',
      参训人数: 41,
      是否考核: '否',
    });
    expect(codes('区财政局')).toEqual([]);
  });

  it('totals what may be summed, over the units counted; a percentage without a defining rule and an average have no total', () => {
    expect(run.result.tables[STAT]).toEqual({
      table: STAT,
      totals: {
        主动公开信息数: 452,
        依申请公开·收到申请: 38,
        依申请公开·已答复: 33,
        依申请公开·未答复: 5,
        按时答复率: null,
        公开工作经费: 9.7,
        是否设立政务公开专栏: null,
        // An average of the units' averages summed (19) would be a false statistic.
        平均办理天数: null,
        培训次数: 27,
        备注: null,
      },
      included: ['庞村镇', '李村镇', '区财政局'],
      excluded: ['寇店镇'],
      rows: 0,
    });
    expect(run.result.tables[LIST]).toMatchObject({
      totals: { 参训人数: 841 },
      rows: 27,
      included: ['庞村镇', '李村镇', '区财政局'],
      excluded: ['寇店镇'],
    });
    // The first 统计表's totals keep the first campaign's shape: its summed columns.
    expect(run.result.totals).toMatchObject({ 主动公开信息数: 452, 培训次数: 27 });
  });
});
