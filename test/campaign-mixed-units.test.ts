/**
 * A mail whose tables name different units, through the real CLI on the flood-season campaign
 * (test/fixtures/campaigns/yinhuan-2026: a 统计表 and a 重大隐患整改台账): 区住建局 sends its own
 * 统计表 with 李村镇's 台账 renamed after itself. The clues contradict, so the mail waits for the
 * clerk (待核实) instead of 李村镇's rows quietly becoming 区住建局's; the clerk's assignment then
 * decides. Beside it, the normal cases stay as they were: tables naming the sender, and tables
 * whose header has no 填报单位 line at all.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMergeResultFile } from '../output/runner/merge-result-cache.js';
import { type CampaignRun, runCampaign, unitFile } from './support/campaign-run.js';
import { runCli } from './support/cli.js';

const STAT = '汛期安全隐患排查整治情况统计表';
const LIST = '重大隐患整改台账';

/** 寇店镇's tables as a workbook whose headers have no 填报单位 line. */
async function withoutUnitField(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const stat = workbook.addWorksheet('附件1');
  stat.addRows([
    ['附件1'],
    [STAT],
    ['排查点位数(处)', '发现隐患(处)', null, null, '已整改(处)', '整改率(%)', '整改资金(万元)', '是否建立隐患台账', '备注'],
    [null, '一般隐患', '重大隐患', '合计'],
    [12, 2, 1, 3, 3, 100, 1.5, '是', null],
  ]);
  const list = workbook.addWorksheet('附件2');
  list.addRows([
    ['附件2'],
    [LIST],
    ['序号', '隐患地点', '隐患类别', '发现日期', '整改时限', '整改资金(万元)', '是否完成整改'],
    [1, '寇店水库溢洪道', '其他', '2026-05-09', '2026-05-30', 1.5, '是'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let run: CampaignRun;

beforeAll(async () => {
  const licunList = await unitFile('yinhuan-2026', '李村镇重大隐患整改台账（更正）.xlsx');
  run = await runCampaign('yinhuan-2026', [
    {
      unit: '区住建局',
      subject: '区住建局隐患排查材料',
      received: '2026-05-24 09:05',
      files: ['区住建局隐患排查统计表.xlsx', { ...licunList, filename: '区住建局重大隐患整改台账.xlsx' }, '区住建局工作报告.docx'],
    },
    {
      unit: '李村镇',
      subject: '李村镇隐患排查统计表、整改台账及报告',
      received: '2026-05-21 10:00',
      files: ['李村镇隐患排查统计表.xlsx', '李村镇重大隐患整改台账（更正）.xlsx', '李村镇自查报告.docx'],
    },
    {
      unit: '寇店镇',
      subject: '寇店镇隐患排查材料',
      received: '2026-05-22 11:20',
      files: [{ filename: '寇店镇隐患排查材料.xlsx', content: await withoutUnitField() }, '寇店镇工作报告.docx'],
    },
  ]);
}, 600_000);

const statusOf = (unit: string) => run.status.units.find((item) => item.unit === unit)?.status;

describe('a mail whose tables name different units', () => {
  it('is 待核实, and no table of it is taken as the sender’s', () => {
    expect(run.run.code).toBe(0);
    const [pending, ...others] = run.result.unidentified;
    expect(others).toEqual([]);
    expect(pending).toMatchObject({ subject: '区住建局隐患排查材料', candidates: ['区住建局', '李村镇'] });
    expect(pending!.reason).toMatch(/重大隐患整改台账的填报单位「[^」]*李村镇」→李村镇/);
    expect(statusOf('区住建局')).toBe('待核实');
    expect(run.unit('区住建局').tables[STAT]!.file).toBeNull();
    expect(run.unit('区住建局').tables[LIST]!.file).toBeNull();
  });

  it('leaves the mail whose tables name the sender, and the one whose tables name no unit, adopted as before', () => {
    expect(run.result.messages.map((message) => [message.subject, message.outcome, message.unit])).toEqual([
      ['李村镇隐患排查统计表、整改台账及报告', 'adopted', '李村镇'],
      ['寇店镇隐患排查材料', 'adopted', '寇店镇'],
      ['区住建局隐患排查材料', 'pending', null],
    ]);
    expect(run.unit('李村镇').tables[LIST]!.file).toBe('李村镇重大隐患整改台账（更正）.xlsx');
    expect(run.unit('寇店镇').tables[STAT]!.values).toMatchObject({ 排查点位数: 12, 发现隐患·合计: 3 });
    expect(run.unit('寇店镇').tables[LIST]!.rows.map((row) => row.values.隐患地点)).toEqual(['寇店水库溢洪道']);
  });

  it('is the unit’s the clerk assigns it to in decisions.yaml', async () => {
    const message = run.result.unidentified[0]!.shortId;
    await writeFile(join(run.dir, 'decisions.yaml'), `assign:\n  - message: ${message}\n    unit: 区住建局\n    reason: 电话核实\n`);
    expect((await runCli(['merge', '--campaign', run.dir])).code).toBe(0);
    const result = (await readMergeResultFile(join(run.dir, 'data'), 'read'))!.result;
    expect(result.unidentified).toEqual([]);
    const zhujian = result.units.find((unit) => unit.unit === '区住建局')!;
    expect(zhujian.tables[STAT]!.file).toBe('区住建局隐患排查统计表.xlsx');
    expect(zhujian.tables[LIST]!.file).toBe('区住建局重大隐患整改台账.xlsx');
    expect(zhujian.status).not.toBe('pending');
    expect(await readFile(join(run.dir, 'decisions.yaml'), 'utf8')).toContain(message);
  });
});
