/**
 * Mail shaped the way units really send it (issue 13), end to end through the real CLI: a table
 * pasted into a 163 webmail body (GBK, base64, the neteasefooter), 163 and QQ 超大附件 blocks with
 * the icon in multipart/related, a screenshot instead of the table, an S/MIME-signed mail made
 * by openssl, Outlook's winmail.dat, 7z (made by 7-Zip) and RAR archives, formulas stored
 * without results, Chinese numerals.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../examples/kit/mime.js';
import { buildReportDocx } from '../examples/kit/report-docx.js';
import { buildStatisticsTable, type CellInput } from '../examples/kit/statistics-table.js';
import type { Campaign } from '../intake/kernel/campaign/campaign.js';
import { packageRoot } from '../intake/kernel/package-root.js';
import { runCli } from './support/cli.js';
import { demoCampaign } from './support/demo-campaign.js';
import { writeRar5 } from './support/rar5-writer.js';
import { selfSignedCertificate } from './support/self-signed.js';
import { tempDir } from './support/temp-dir.js';
import { writeTnef } from './support/tnef-writer.js';
import { buildWebmail, gbkHtml, gbkText, NETEASE_FOOTER, pastedExcelTable } from './support/webmail-mail.js';

interface UnitJson {
  unit: string;
  status: string;
  values: Record<string, number> | null;
  tableFile: string | null;
  problems: { severity: string; code: string; message: string; file?: string }[];
}

let campaign: Campaign;
let units: Record<string, UnitJson>;
let messages: { outcome: string; unit: string | null }[] = [];
const at = (day: number, hour: number) => new Date(Date.UTC(2013, 7, day, hour - 8, 0, 0));
const NUMBERS = [6, 0, 2, 1, 20, 1, 30, 0, 0, 0, 1, 2, 0];

function valuesOf(list: readonly CellInput[]): Record<string, CellInput> {
  const keys = campaign.countColumns.map((column) => column.key);
  return { ...Object.fromEntries(keys.map((key, index) => [key, list[index] ?? 0])), remarks: null };
}

const table = (unit: string, list: readonly CellInput[] = NUMBERS) =>
  buildStatisticsTable(campaign, { unitName: unit, date: '2013年8月15日', values: valuesOf(list) });
const report = (unit: string) => buildReportDocx({ unitName: unit, date: '2013年8月15日' });
const addressOf = (unit: string) => campaign.roster.find((item) => item.name === unit)!.emails[0]!;

/** The statistics table as Excel puts it on the clipboard, pasted into the 163 editor. */
function pastedTable(unit: string): string {
  const top: (string | { text: string; rowspan?: number; colspan?: number })[] = [];
  const sub: string[] = [];
  for (const entry of campaign.file.table.columns) {
    if ('group' in entry) {
      top.push({ text: entry.group, colspan: entry.columns.length });
      sub.push(...entry.columns.map((column) => column.label));
    } else top.push({ text: entry.label, rowspan: 2 });
  }
  return pastedExcelTable([
    [{ text: '自查情况统计表', colspan: 14 }],
    [
      { text: `填报区域或单位：${unit}`, colspan: 7 },
      { text: '填报日期：2013年8月15日', colspan: 7 },
    ],
    top,
    sub,
    [...NUMBERS.map(String), '无'],
  ]);
}

/** 163's 超大附件 block: heading, the icon (cid), the name linked, size and expiry. */
function neteaseLargeAttachment(name: string, url: string): string {
  return `<div style="clear:both;padding-top:10px"><div style="background:#eee;padding:4px">从网易163邮箱发来的超大附件</div><div style="padding:4px;border:1px solid #eee"><div style="float:left;width:40px"><a href="${url}" target="_blank"><img src="cid:ico-bfile-6.gif" border="0"></a></div><div><a href="${url}" target="_blank" style="color:#000">${name}</a><span style="color:#bbb"> (35.62M, 2013年9月2日 16:49 到期)</span></div><div><a href="${url}" target="_blank">下载</a></div></div></div>`;
}

async function signedMail(dir: string, unit: string): Promise<Buffer> {
  // An S/MIME detached signature made by openssl, over a real multipart entity with the files.
  const certificate = selfSignedCertificate(dir, { commonName: 'dianzhuang', days: 30, ipAddress: null });
  const inner = buildMail({
    from: { address: addressOf(unit) },
    subject: 'x',
    date: at(16, 9),
    attachments: [
      { filename: `${unit}自查情况统计表.xlsx`, content: await table(unit) },
      { filename: '自查报告.docx', content: await report(unit) },
    ],
  });
  // The entity to sign: the message's MIME part without its envelope headers.
  const text = inner.toString('latin1');
  const contentType = /^Content-Type: multipart\/mixed; boundary="[^"]+"/m.exec(text)![0];
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  await writeFile(join(dir, 'entity.txt'), Buffer.from(`${contentType}\r\n\r\n${body}`, 'latin1'));
  const signed = execFileSync('openssl', [
    'smime',
    '-sign',
    '-in',
    join(dir, 'entity.txt'),
    '-signer',
    certificate.certFile,
    '-inkey',
    certificate.keyFile,
    '-from',
    addressOf(unit),
    '-to',
    'secretariat@example.cn',
    '-subject',
    `${unit} self-check`,
    '-binary',
  ]);
  return Buffer.concat([
    Buffer.from(`Date: Fri, 16 Aug 2013 09:00:00 +0800\r\nMessage-ID: <smime-${unit.length}@yibin-demo.gov.cn>\r\n`),
    signed,
  ]);
}

async function formulaTable(unit: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    (await table(
      unit,
      NUMBERS.map(() => 1),
    )) as unknown as ArrayBuffer,
  );
  const sheet = workbook.worksheets[0]!;
  const detail = workbook.addWorksheet('计算明细', { state: 'hidden' });
  for (const [index, value] of [4, 5, 6].entries()) detail.getCell(`B${index + 2}`).value = value;
  let cell: ExcelJS.Cell | null = null;
  sheet.eachRow((row) => {
    row.eachCell((each) => {
      if (cell === null && each.value === 1) cell = each;
    });
  });
  (cell as unknown as ExcelJS.Cell).value = { formula: 'SUM(计算明细!B2:B9)' } as ExcelJS.CellFormulaValue;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function mails(dir: string): Promise<Record<string, Buffer>> {
  const webmail = (unit: string, subject: string, body: Parameters<typeof buildWebmail>[0]['body']) =>
    buildWebmail({
      from: { name: `${unit}办公室`, address: addressOf(unit) },
      subject,
      date: at(16, 10),
      body,
      headers: ['X-Mailer: Coremail Webmail Server Version XT5.0.13'],
    });
  const archive = (name: string) => readFile(join(packageRoot(), 'test', 'fixtures', 'archives', name));
  const icon = {
    contentType: 'image/gif',
    content: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'),
    disposition: 'inline' as const,
    filename: 'ico-bfile-6.gif',
    contentId: 'ico-bfile-6.gif',
  };
  const screenshot = {
    contentType: 'image/png',
    content: Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(20_000, 1)]),
    disposition: 'attachment' as const,
    filename: '统计表截图.png',
  };
  return {
    'pangcun-body-table.eml': webmail('庞村镇', '庞村镇自查情况统计表', {
      multipart: 'mixed',
      parts: [
        {
          multipart: 'alternative',
          parts: [
            gbkText('秘书科：统计表见正文，报告见附件。'),
            gbkHtml(`<div>秘书科：</div><div>统计表如下，报告见附件。</div>${pastedTable('庞村镇')}${NETEASE_FOOTER}`),
          ],
        },
        {
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          content: await report('庞村镇'),
          disposition: 'attachment',
          filename: '庞村镇自查报告.docx',
        },
      ],
    }),
    'licun-large-attachment.eml': webmail('李村镇', '李村镇自查材料', {
      multipart: 'related',
      parts: [
        {
          multipart: 'alternative',
          parts: [
            gbkText('见超大附件'),
            gbkHtml(
              `<div>秘书科：材料较大，见超大附件。</div>${neteaseLargeAttachment('李村镇自查材料.zip', 'https://mail.163.com/large-attachment-download/index.html?p=X66licun&file=1')}${NETEASE_FOOTER}`,
            ),
          ],
        },
        icon,
      ],
    }),
    'koudian-qq-large.eml': webmail('寇店镇', '寇店镇自查材料', {
      multipart: 'alternative',
      parts: [
        gbkText('见附件'),
        gbkHtml(
          '<div>从QQ邮箱发来的超大附件</div><div><a href="https://wx.mail.qq.com/ftn/download?func=3&amp;k=koudian&amp;fid=9">寇店镇统计表.xlsx</a> (62.3M, 2013年09月17日 10:27 到期) <a href="https://wx.mail.qq.com/ftn/download?func=3&amp;k=koudian">进入下载页面</a></div>',
        ),
      ],
    }),
    'zhuge-screenshot.eml': webmail('诸葛镇', '诸葛镇自查材料', {
      multipart: 'mixed',
      parts: [
        gbkText('统计表见图片'),
        screenshot,
        {
          contentType: 'application/octet-stream',
          content: await report('诸葛镇'),
          disposition: 'attachment',
          filename: '诸葛镇自查报告.docx',
        },
      ],
    }),
    'dianzhuang-smime.eml': await signedMail(dir, '佃庄镇'),
    'jigongwei-winmail.eml': buildMail({
      from: { address: addressOf('区纪工委') },
      subject: '区纪工委自查材料',
      date: at(16, 9),
      receivedAt: at(16, 9),
      attachments: [
        {
          filename: 'winmail.dat',
          contentType: 'application/ms-tnef',
          content: writeTnef([
            { name: '纪工委自查情况统计表.xlsx', content: await table('区纪工委') },
            { name: '自查报告.docx', content: await report('区纪工委') },
          ]),
        },
      ],
    }),
    'sheshi-7z.eml': buildMail({
      from: { address: addressOf('区社会事业局') },
      subject: '区社会事业局自查材料',
      date: at(16, 9),
      receivedAt: at(16, 9),
      attachments: [{ filename: '社会事业局材料.7z', content: await archive('sheshi.7z') }],
    }),
    'jingfa-rar.eml': buildMail({
      from: { address: addressOf('区经济发展局') },
      subject: '经发局自查材料',
      date: at(16, 9),
      receivedAt: at(16, 9),
      attachments: [
        {
          filename: '经发局材料.rar',
          content: writeRar5([
            { name: '经发局/自查情况统计表.xlsx', content: await table('区经济发展局') },
            { name: '经发局/自查报告.docx', content: await report('区经济发展局') },
          ]),
        },
      ],
    }),
    'guijian-formula.eml': buildMail({
      from: { address: addressOf('区规划建设局') },
      subject: '规建局自查材料',
      date: at(16, 9),
      receivedAt: at(16, 9),
      attachments: [
        { filename: '规建局统计表.xlsx', content: await formulaTable('区规划建设局') },
        { filename: '自查报告.docx', content: await report('区规划建设局') },
      ],
    }),
    'guotu-numerals.eml': buildMail({
      from: { address: addressOf('区国土资源分局') },
      subject: '国土分局自查材料',
      date: at(16, 9),
      receivedAt: at(16, 9),
      attachments: [
        { filename: '国土分局统计表.xlsx', content: await table('区国土资源分局', ['十二', '两', '若干', ...NUMBERS.slice(3)]) },
        { filename: '自查报告.docx', content: await report('区国土资源分局') },
      ],
    }),
  };
}

beforeAll(async () => {
  campaign = await demoCampaign();
  const campaignDir = join(await tempDir(), 'campaign');
  expect((await runCli(['init', campaignDir])).code).toBe(0);
  const mailDir = await tempDir();
  const files = await mails(mailDir);
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(join(mailDir, name), content)));
  const imported = await runCli(['import', ...Object.keys(files).map((name) => join(mailDir, name)), '--campaign', campaignDir]);
  expect(imported.code).toBe(0);
  const result = await runCli(['status', '--campaign', campaignDir, '--json']);
  expect(result.stderr).toBe('');
  const json = JSON.parse(result.stdout) as { units: UnitJson[]; messages?: { outcome: string; unit: string | null }[] };
  units = Object.fromEntries(json.units.map((unit) => [unit.unit, unit]));
  messages = json.messages ?? [];
});

const codes = (unit: string) => units[unit]!.problems.map((item) => item.code);
const message = (unit: string, code: string) => units[unit]!.problems.find((item) => item.code === code)?.message ?? '';

describe('mail as units really send it', () => {
  it('reads a table pasted into a 163 webmail body, the file column saying 正文', () => {
    expect(units['庞村镇']).toMatchObject({ status: '按时报送', tableFile: '正文' });
    expect(units['庞村镇']!.values).toMatchObject({ departments: 6, computersUnclassified: 20, mediaUnclassified: 30, websitesClosed: 0 });
  });

  it('names each 超大附件 with its link and expiry, and ignores the block icon', () => {
    expect(codes('李村镇')).toContain('mail.large_attachment');
    const text = message('李村镇', 'mail.large_attachment');
    expect(text).toContain('李村镇自查材料.zip');
    expect(text).toContain('https://mail.163.com/large-attachment-download/index.html?p=X66licun&file=1');
    expect(text).toContain('2013年9月2日 16:49 到期');
    expect(units['李村镇']!.problems.some((item) => (item.file ?? '').includes('ico-bfile'))).toBe(false);
    expect(message('寇店镇', 'mail.large_attachment')).toContain('https://wx.mail.qq.com/ftn/download?func=3&k=koudian&fid=9');
    expect(message('寇店镇', 'mail.large_attachment')).toContain('寇店镇统计表.xlsx');
  });

  it('asks for the spreadsheet when the table came as a picture', () => {
    expect(message('诸葛镇', 'mail.picture_only')).toContain('统计表截图.png');
    expect(units['诸葛镇']!.status).toBe('材料不全');
  });

  it('reads an S/MIME-signed mail and does not list smime.p7s', () => {
    expect(units['佃庄镇']!.status).toBe('按时报送');
    expect(units['佃庄镇']!.problems.some((item) => (item.file ?? '').includes('p7s'))).toBe(false);
  });

  it('opens winmail.dat, 7z and RAR like zip', () => {
    expect(units['区纪工委']).toMatchObject({ status: '按时报送', tableFile: 'winmail.dat/纪工委自查情况统计表.xlsx' });
    expect(units['区社会事业局']).toMatchObject({
      status: '按时报送',
      tableFile: '社会事业局材料.7z/区社会事业局报送材料/社会事业局自查情况统计表.xlsx',
    });
    expect(units['区经济发展局']).toMatchObject({ status: '按时报送', tableFile: '经发局材料.rar/经发局/自查情况统计表.xlsx' });
    expect(units['区经济发展局']!.values).toMatchObject({ departments: 6 });
  });

  it('computes a formula stored without its result, with a warning', () => {
    expect(units['区规划建设局']!.values?.departments).toBe(15);
    expect(message('区规划建设局', 'value.formula_computed')).toContain('SUM(计算明细!B2:B9)');
  });

  it('reads Chinese numerals with a warning and keeps 若干 an error', () => {
    expect(units['区国土资源分局']!.values).toMatchObject({ departments: 12, networksClassified: 2 });
    expect(units['区国土资源分局']!.status).toBe('数据有误');
    expect(message('区国土资源分局', 'value.invalid')).toContain('若干');
    expect(messages.length === 0 || messages.every((item) => item.outcome !== '已被更正')).toBe(true);
  });
});
