/**
 * Every kind of attachment units really send, end to end: real .eml files (examples/kit/mime.ts)
 * carrying files made by LibreOffice and Info-ZIP (test/fixtures/attachments/make.sh), imported
 * and merged by the real CLI; LibreOffice converts the legacy files of all messages in one start.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail, type MailAttachmentSpec } from '../examples/kit/mime.js';
import { attachmentFixture } from './support/attachment-fixtures.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { readWorkbook, rowWhere } from './support/workbook.js';

interface UnitJson {
  unit: string;
  status: string;
  values: Record<string, number> | null;
  remarks: Record<string, string> | null;
  tableFile: string | null;
  report: {
    file: string;
    chars: number | null;
    areas: Record<string, boolean>;
    mentionsProblems: boolean;
    mentionsRectification: boolean;
    scanned: boolean;
    flags: string[];
  } | null;
  problems: { severity: string; code: string; message: string; file?: string }[];
}

const WORKBOOK = '政府信息公开保密审查专项检查汇总表.xlsx';
let campaignDir: string;

const at = (day: number, hour: number) => new Date(Date.UTC(2013, 7, day, hour - 8, 0, 0));
const file = async (filename: string, fixture: string, extra: Partial<MailAttachmentSpec> = {}): Promise<MailAttachmentSpec> => ({
  filename,
  content: await attachmentFixture(fixture),
  ...extra,
});

async function mails(): Promise<Record<string, Buffer>> {
  const mail = async (address: string, subject: string, day: number, attachments: MailAttachmentSpec[]) =>
    buildMail({ from: { address }, subject, date: at(day, 9), receivedAt: at(day, 9), attachments });
  const sheshiInner = buildMail({
    from: { address: 'sheshi@yibin-demo.gov.cn' },
    subject: '社会事业局自查材料',
    date: at(15, 10),
    attachments: [await file('社会事业局统计表.doc', 'sheshi-table.xlsx'), await file('自查报告.doc', 'report-no-social.doc')],
  });
  return {
    'pangcun.eml': await mail('pangcun@yibin-demo.gov.cn', '庞村镇自查材料', 15, [
      await file('附件2自查情况统计表.docx', 'pangcun-merged-table.docx'),
      await file('自查报告.pdf', 'report.pdf'),
    ]),
    'licun.eml': await mail('licun@yibin-demo.gov.cn', '李村镇自查材料', 16, [
      await file('李村镇统计表.doc', 'licun-table.doc'),
      await file('自查报告.doc', 'report-no-social.doc', { filenameStyle: 'rfc2047-gbk' }),
    ]),
    'zhuge.eml': await mail('zhuge@yibin-demo.gov.cn', '诸葛镇自查材料', 16, [
      await file('诸葛镇统计表.xls', 'zhuge-table.xls'),
      await file('扫描件.pdf', 'scan.pdf'),
    ]),
    'dianzhuang.eml': await mail('dianzhuang@yibin-demo.gov.cn', '佃庄镇自查材料', 16, [
      await file('佃庄镇自查材料.docx', 'dianzhuang-report-then-table.docx'),
    ]),
    'jigongwei.eml': await mail('jigongwei@yibin-demo.gov.cn', '纪工委自查材料', 16, [
      await file('统计表.docx', 'jigongwei-header-only.docx'),
      await file('报告.docx', 'report.docx'),
    ]),
    'caizheng.eml': await mail('caizheng@yibin-demo.gov.cn', '财政局自查材料', 14, [
      await file('区财政局报送材料.zip', 'caizheng-windows.zip', { filenameStyle: 'rfc2047-gbk' }),
    ]),
    'jingfa.eml': await mail('jingfa@yibin-demo.gov.cn', '经发局自查材料', 16, [
      await file('统计表.xls', 'corrupt.xls'),
      await file('报告.docx', 'report.docx'),
    ]),
    'guijian.eml': await mail('guijian@yibin-demo.gov.cn', '规建局自查材料', 16, [
      await file('统计表.xls', 'password.xls'),
      await file('报告.docx', 'report.docx'),
    ]),
    'guotu.eml': await mail('guotu@yibin-demo.gov.cn', '国土分局自查材料', 16, [await file('材料.zip', 'empty.zip')]),
    'koudian.eml': await mail('koudian@yibin-demo.gov.cn', '寇店镇自查材料', 16, [
      await file('寇店镇统计表.docx', 'koudian-two-tables.docx'),
      await file('报告.docx', 'report.docx'),
    ]),
    'sheshi.eml': buildMail({
      from: { address: 'wang.li@163.com' },
      subject: '转发：社会事业局自查材料',
      date: at(15, 11),
      receivedAt: at(15, 11),
      forwarded: [sheshiInner],
    }),
  };
}

async function status(env: NodeJS.ProcessEnv = {}): Promise<Record<string, UnitJson>> {
  const result = await runCli(['status', '--campaign', campaignDir, '--json'], { env });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const json = JSON.parse(result.stdout) as { units: UnitJson[] };
  return Object.fromEntries(json.units.map((unit) => [unit.unit, unit]));
}

const messages = (unit: UnitJson) => unit.problems.map((item) => item.message);

let units: Record<string, UnitJson>;
let withoutLibreOffice: Record<string, UnitJson>;

beforeAll(async () => {
  campaignDir = join(await tempDir(), 'campaign');
  expect((await runCli(['init', campaignDir])).code).toBe(0);
  const mailDir = await tempDir();
  const files = await mails();
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(join(mailDir, name), content)));
  const imported = await runCli(['import', ...Object.keys(files).map((name) => join(mailDir, name)), '--campaign', campaignDir]);
  expect(imported.code).toBe(0);
  // First on a machine without LibreOffice, then with it: the first answers must not stick.
  withoutLibreOffice = await status({ HUIZONG_SOFFICE: join(mailDir, 'no-such-soffice') });
  const merged = await runCli(['merge', '--campaign', campaignDir]);
  expect(merged.stderr).toBe('');
  expect(merged.code).toBe(0);
  units = await status();
});

describe('attachments as units send them', () => {
  it('gives every unit the status a clerk would', () => {
    const statuses = Object.fromEntries(
      [
        '庞村镇',
        '李村镇',
        '诸葛镇',
        '佃庄镇',
        '区纪工委',
        '区财政局',
        '区经济发展局',
        '区规划建设局',
        '区国土资源分局',
        '寇店镇',
        '区社会事业局',
      ].map((name) => [name, units[name]!.status]),
    );
    expect(statuses).toEqual({
      庞村镇: '按时报送',
      李村镇: '按时报送',
      诸葛镇: '按时报送',
      佃庄镇: '按时报送',
      区纪工委: '数据有误',
      区财政局: '按时报送',
      区经济发展局: '材料不全',
      区规划建设局: '材料不全',
      区国土资源分局: '材料不全',
      寇店镇: '按时报送',
      区社会事业局: '按时报送',
    });
  });

  it('reads tables from Word (.docx and .doc), old Excel, a Windows zip and a forwarded mail', () => {
    expect(units['庞村镇']!.values).toEqual({
      departments: 12,
      networksClassified: 1,
      networksUnclassified: 3,
      computersClassified: 4,
      computersUnclassified: 56,
      mediaClassified: 2,
      mediaUnclassified: 60,
      sealedComputersClassified: 1,
      sealedComputersUnclassified: 2,
      sealedMediaClassified: 0,
      sealedMediaUnclassified: 1,
      deletedItems: 7,
      websitesClosed: 1,
    });
    expect(units['李村镇']!.values).toMatchObject({ departments: 9, computersUnclassified: 40, mediaUnclassified: 50, deletedItems: 2 });
    expect(units['李村镇']!.remarks).toEqual({ remarks: '已整改' });
    expect(units['诸葛镇']!.values).toMatchObject({ departments: 8, computersUnclassified: 30, mediaUnclassified: 35, deletedItems: 4 });
    expect(units['佃庄镇']!.values).toMatchObject({ departments: 5, computersUnclassified: 20, deletedItems: 1 });
    expect(units['区财政局']!.values).toMatchObject({
      departments: 4,
      computersClassified: 1,
      computersUnclassified: 15,
      mediaUnclassified: 20,
    });
    expect(units['区财政局']!.tableFile).toBe('区财政局报送材料.zip/区财政局报送材料/区财政局自查情况统计表.xls');
    expect(units['区社会事业局']!.values).toMatchObject({ departments: 7, computersUnclassified: 33, mediaUnclassified: 41 });
    expect(units['区社会事业局']!.tableFile).toBe('转发邮件1.eml/社会事业局统计表.doc');
  });

  it('takes the table that names the sending unit and lists the other, never summing them', () => {
    expect(units['寇店镇']!.values).toMatchObject({ departments: 10, computersUnclassified: 38 });
    expect(messages(units['寇店镇']!)).toContain(
      '寇店镇，《寇店镇统计表.docx》第1个表格：同一封来信中还有一份统计表（填报单位「西岭村」），未采用、未计入',
    );
  });

  it('names the exact problem of each broken attachment', () => {
    expect(messages(units['区经济发展局']!)).toContain(
      '区经济发展局，《统计表.xls》：旧版 Office 文档无法打开（文件可能已损坏），请以 .xlsx 格式重新报送',
    );
    expect(messages(units['区规划建设局']!)).toContain('区规划建设局，《统计表.xls》：文件设有密码，无法打开，请去掉密码后重新报送');
    expect(messages(units['区国土资源分局']!)).toContain(
      '区国土资源分局，《材料.zip》：压缩包中没有任何文件，请把统计表和书面报告直接作为附件重新报送',
    );
    expect(units['区纪工委']!.problems.find((item) => item.code === 'table.no_data')?.message).toBe(
      '区纪工委，《统计表.docx》第1个表格：统计表只有表头，没有填写数据',
    );
  });

  it('analyses the report of each unit, whatever its format', () => {
    expect(units['庞村镇']!.report).toEqual({
      file: '自查报告.pdf',
      chars: 481,
      areas: { system: true, release: true, network: true, website: true, social: true },
      mentionsProblems: true,
      mentionsRectification: true,
      scanned: false,
      flags: ['报告仅 481 字，少于 500 字'],
    });
    expect(units['李村镇']!.report).toMatchObject({
      file: '自查报告.doc',
      areas: { system: true, release: true, network: true, website: true, social: false },
    });
    expect(units['李村镇']!.report!.flags).toContain('未涉及：社会网站监管情况');
    expect(units['诸葛镇']!.report).toMatchObject({
      file: '扫描件.pdf',
      chars: null,
      scanned: true,
      flags: ['报告为扫描件，无法分析内容，请人工查看'],
    });
    expect(units['佃庄镇']!.report).toMatchObject({ file: '佃庄镇自查材料.docx', chars: 517, flags: [] });
    expect(units['区财政局']!.report?.file).toBe('区财政局报送材料.zip/区财政局报送材料/自查报告.docx');
  });

  it('without LibreOffice, says what to install; once installed, the same mail is read in full', () => {
    expect(withoutLibreOffice['李村镇']!.status).toBe('材料不全');
    expect(messages(withoutLibreOffice['李村镇']!)).toContain(
      '李村镇，《李村镇统计表.doc》：旧版 Word/WPS 文字需要 LibreOffice 才能读取，本机未安装或无法运行 LibreOffice；请安装 LibreOffice，或请报送单位以 .docx 格式重新报送',
    );
    expect(withoutLibreOffice['庞村镇']!.values).toEqual(units['庞村镇']!.values);
    expect(units['李村镇']!.problems.filter((item) => item.code.startsWith('file.'))).toEqual([]);
  });

  it('writes the 报告分析 sheet: one row per unit, each checklist area 是/否', async () => {
    const sheet = (await readWorkbook(join(campaignDir, 'out', WORKBOOK))).getWorksheet('报告分析')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '序号',
      '单位',
      '书面报告',
      '字数',
      '政府信息公开保密审查制度建设情况',
      '政府信息公开发布各环节保密制度落实情况',
      '计算机网络使用管理情况',
      '机关、单位网站管理情况',
      '社会网站监管情况',
      '提及问题',
      '提及整改',
      '扫描件',
      '请关注',
    ]);
    expect((rowWhere(sheet, 2, '李村镇').values as unknown[]).slice(3)).toEqual([
      '自查报告.doc',
      437,
      '是',
      '是',
      '是',
      '是',
      '否',
      '是',
      '是',
      '否',
      '未涉及：社会网站监管情况；报告仅 437 字，少于 500 字',
    ]);
    expect((rowWhere(sheet, 2, '诸葛镇').values as unknown[]).slice(3, 5)).toEqual(['扫描件.pdf', undefined]);
    expect(rowWhere(sheet, 2, '区国土资源分局').getCell(3).value).toBe('（未收到）');
  });
});
