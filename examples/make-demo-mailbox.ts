/**
 * Regenerates the demo mailbox (examples/mailbox/*.eml) for the bundled demo campaign: 18 units
 * with a realistic spread — on time, late (the sender's clock says otherwise), missing, a
 * correction re-sent, mail from a personal mailbox, a forwarded message, GBK and GB18030 names,
 * data errors, a spoofed table, an unknown sender, ordinary office mail, a duplicate delivery.
 *
 * Run: npm run build && node dist/examples/make-demo-mailbox.js
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Campaign } from '../intake/kernel/campaign/campaign.js';
import { loadCampaign } from '../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir, packageRoot } from '../intake/kernel/package-root.js';
import { buildMail, type MailAttachmentSpec, type MailSpec } from './kit/mime.js';
import { buildReportDocx } from './kit/report-docx.js';
import { buildStatisticsTable, type CellInput, countValues, type TableSpec } from './kit/statistics-table.js';

const at = (text: string) => new Date(`${text}+08:00`);

const address = (campaign: Campaign, unit: string, index = 0): string => campaign.roster.find((item) => item.name === unit)!.emails[index]!;

async function tableFile(
  campaign: Campaign,
  name: string,
  spec: TableSpec,
  style?: MailAttachmentSpec['filenameStyle'],
): Promise<MailAttachmentSpec> {
  return { filename: name, content: await buildStatisticsTable(campaign, spec), ...(style ? { filenameStyle: style } : {}) };
}

async function reportFile(unit: string, name: string, style?: MailAttachmentSpec['filenameStyle']): Promise<MailAttachmentSpec> {
  return {
    filename: name,
    content: await buildReportDocx({ unitName: unit, date: '2013年8月15日' }),
    ...(style ? { filenameStyle: style } : {}),
  };
}

async function scenario(campaign: Campaign): Promise<[string, Buffer][]> {
  const mails: [string, MailSpec][] = [];
  const standard = async (
    unit: string,
    sent: string,
    received: string,
    list: CellInput[],
    extra: Partial<MailSpec> = {},
    table: Partial<TableSpec> = {},
  ) => {
    const spec: MailSpec = {
      from: { name: `${unit}办公室`, address: address(campaign, unit) },
      subject: `${unit}政府信息公开保密审查专项检查自查材料`,
      date: at(sent),
      receivedAt: at(received),
      text: `秘书科：\n  附件是${unit}的自查情况统计表和书面总结报告，请查收。\n${unit}办公室`,
      attachments: [
        await tableFile(campaign, `${unit}自查情况统计表.xlsx`, {
          unitName: unit,
          date: '2013年8月15日',
          values: countValues(campaign, list),
          ...table,
        }),
        await reportFile(unit, `${unit}自查报告.docx`),
      ],
      ...extra,
    };
    return spec;
  };

  mails.push([
    '01-pangcun.eml',
    await standard('庞村镇', '2013-08-15T10:12:00', '2013-08-15T10:12:31', [12, 1, 3, 4, 56, 6, 88, 0, 2, 0, 5, 14, 0]),
  ]);

  // 李村镇: a first table with 封存 > 检查, then a correction.
  mails.push([
    '02-licun-first.eml',
    await standard('李村镇', '2013-08-14T16:40:00', '2013-08-14T16:40:12', [9, 1, 2, 2, 41, 3, 60, 3, 0, 0, 2, 6, 1]),
  ]);
  mails.push([
    '03-licun-correction.eml',
    await standard('李村镇', '2013-08-16T09:05:00', '2013-08-16T09:05:09', [9, 1, 2, 3, 41, 3, 60, 3, 0, 0, 2, 6, 1], {
      subject: '【更正】李村镇政府信息公开保密审查自查材料（以此为准）',
    }),
  ]);

  // 寇店镇: the sender's clock says 17:50 on the deadline day, the server got it the next morning.
  mails.push([
    '04-koudian-late.eml',
    await standard('寇店镇', '2013-08-18T17:50:00', '2013-08-19T09:31:02', [10, 0, 2, 1, 38, 2, 45, 0, 1, 0, 0, 3, 0]),
  ]);

  // 诸葛镇: sent by a clerk from a personal QQ mailbox with Foxmail-style GBK file names.
  mails.push([
    '05-zhuge-personal-mailbox.eml',
    {
      from: { name: '张伟', address: 'zhangwei_1985@qq.com' },
      subject: '转发：诸葛镇保密审查自查材料',
      subjectCharset: 'gbk',
      date: at('2013-08-17T21:03:00'),
      receivedAt: at('2013-08-17T21:03:40'),
      text: '单位邮箱登录不上，用个人邮箱发送，请谅解。',
      textCharset: 'gbk',
      attachments: [
        await tableFile(
          campaign,
          '附件2 自查情况统计表（诸葛镇）.xlsx',
          { unitName: '诸葛镇人民政府', date: '2013年8月17日', values: countValues(campaign, [8, 0, 1, 2, 30, 1, 40, 0, 0, 0, 1, 0, 0]) },
          'rfc2047-gbk',
        ),
        await reportFile('诸葛镇', '诸葛镇自查总结报告.docx', 'rfc2047-gbk'),
      ],
    },
  ]);

  // 佃庄镇 and 区国土资源分局 send nothing.

  mails.push([
    '06-jigongwei.eml',
    await standard(
      '区纪工委',
      '2013-08-13T11:20:00',
      '2013-08-13T11:20:05',
      [4, 1, 0, 3, 12, 2, 10, 0, 0, 0, 0, 0, 0],
      {},
      { offset: { rows: 2, columns: 1 }, serialColumn: true, fieldsInOneCell: false },
    ),
  ]);

  // 区党群工作部: 全角 digits and 无 written in the cells (warnings, still counted); GB18030 names.
  mails.push([
    '07-dangqun-fullwidth.eml',
    await standard(
      '区党群工作部',
      '2013-08-16T15:00:00',
      '2013-08-16T15:00:22',
      ['６', '无', '２', '１', '１８', '／', '２０', 0, 0, 0, 0, '—', 0],
      { subjectCharset: 'gb18030' },
    ),
  ]);

  // 区经济发展局: "若干" is not a number.
  mails.push([
    '08-jingfa-error.eml',
    await standard('区经济发展局', '2013-08-16T17:45:00', '2013-08-16T17:45:10', [7, 0, 2, '若干', 25, 1, 30, 0, 0, 0, 0, 2, 0]),
  ]);

  // 区财政局: group headers not merged, a report as a GBK text file.
  mails.push([
    '09-caizheng.eml',
    await standard('区财政局', '2013-08-15T08:59:00', '2013-08-15T08:59:30', [8, 1, 1, 5, 33, 4, 36, 1, 1, 0, 0, 4, 0], {
      attachments: [
        await tableFile(campaign, '财政局统计表.xlsx', {
          unitName: '伊滨区财政局',
          date: '2013年8月14日',
          values: countValues(campaign, [8, 1, 1, 5, 33, 4, 36, 1, 1, 0, 0, 4, 0], '已全部整改'),
          mergeGroups: false,
        }),
        {
          filename: '财政局自查报告.txt',
          content: iconv.encode('区财政局关于政府信息公开保密审查专项检查的自查报告\r\n一、制度建设情况……（略）', 'gbk'),
          contentType: 'text/plain; charset=GBK',
        },
      ],
    }),
  ]);

  // 区规划建设局: table only, report forgotten.
  const guijian = await standard('区规划建设局', '2013-08-17T10:00:00', '2013-08-17T10:00:41', [11, 1, 2, 2, 47, 2, 51, 0, 3, 0, 4, 9, 2]);
  guijian.attachments = guijian.attachments!.slice(0, 1);
  mails.push(['10-guijian-no-report.eml', guijian]);

  // 区社会事业局: report first, the table in a second mail.
  const sheshiReport = await standard('区社会事业局', '2013-08-16T10:00:00', '2013-08-16T10:00:03', []);
  sheshiReport.subject = '区社会事业局自查报告';
  sheshiReport.attachments = sheshiReport.attachments!.slice(1);
  mails.push(['11-sheshi-report.eml', sheshiReport]);
  const sheshiTable = await standard(
    '区社会事业局',
    '2013-08-17T09:00:00',
    '2013-08-17T09:00:08',
    [15, 2, 3, 6, 70, 5, 90, 1, 2, 0, 3, 12, 1],
    { subject: '区社会事业局自查情况统计表（补报）' },
  );
  sheshiTable.attachments = sheshiTable.attachments!.slice(0, 1);
  mails.push(['12-sheshi-table.eml', sheshiTable]);

  // 区公安分局: from its second registered address; the server delivered it twice.
  const gongan = await standard('区公安分局', '2013-08-15T14:30:00', '2013-08-15T14:30:15', [9, 2, 1, 9, 60, 8, 75, 2, 0, 1, 0, 20, 3], {
    from: { name: '公安分局办公室', address: address(campaign, '区公安分局', 1) },
  });
  mails.push(['13-gongan.eml', gongan]);
  mails.push(['14-gongan-delivered-twice.eml', { ...gongan, receivedAt: at('2013-08-15T14:35:00') }]);

  // 区环境保护分局: units of measure typed into the cells.
  mails.push([
    '15-huanbao-units.eml',
    await standard('区环境保护分局', '2013-08-14T09:10:00', '2013-08-14T09:10:30', [
      '5个',
      0,
      1,
      '2台',
      '21台',
      0,
      15,
      0,
      0,
      0,
      0,
      '3条',
      0,
    ]),
  ]);

  // 区城市管理局: a colleague forwards the unit's original mail as an attachment.
  const original = buildMail(
    await standard('区城市管理局', '2013-08-15T16:00:00', '2013-08-15T16:00:10', [6, 0, 1, 1, 28, 1, 30, 0, 2, 0, 1, 5, 1], {
      to: 'old-secretariat@example.cn',
    }),
  );
  mails.push([
    '16-chengguan-forwarded.eml',
    {
      from: { name: '李静', address: 'lijing_work@163.com' },
      subject: 'Fwd: 城管局材料（原邮件发错地址，现转发）',
      date: at('2013-08-16T08:20:00'),
      receivedAt: at('2013-08-16T08:20:19'),
      text: '原邮件误发到旧邮箱，现作为附件转发。',
      forwarded: [original],
    },
  ]);

  // 区农林水务局: two days late.
  mails.push([
    '17-nonglin-late.eml',
    await standard('区农林水务局', '2013-08-20T10:00:00', '2013-08-20T10:00:12', [7, 0, 1, 2, 26, 1, 33, 0, 0, 0, 0, 1, 0]),
  ]);

  // 区招商局: report only; and a table claiming to be 区安全生产监督管理局's from 招商局's address.
  const zhaoshang = await standard('区招商局', '2013-08-16T11:11:00', '2013-08-16T11:11:11', []);
  zhaoshang.attachments = zhaoshang.attachments!.slice(1);
  zhaoshang.subject = '招商局自查报告';
  mails.push(['18-zhaoshang-report-only.eml', zhaoshang]);
  const spoof = await standard(
    '区招商局',
    '2013-08-17T11:00:00',
    '2013-08-17T11:00:02',
    [3, 0, 0, 1, 9, 0, 8, 0, 0, 0, 0, 0, 0],
    { subject: '自查情况统计表' },
    { unitName: '区安全生产监督管理局' },
  );
  spoof.attachments = [
    await tableFile(campaign, '统计表.xlsx', {
      unitName: '区安全生产监督管理局',
      date: '2013年8月17日',
      values: countValues(campaign, [3, 0, 0, 1, 9, 0, 8, 0, 0, 0, 0, 0, 0]),
    }),
  ];
  mails.push(['19-table-names-another-unit.eml', spoof]);

  // An unknown sender whose table names no unit.
  mails.push([
    '20-unknown-sender.eml',
    {
      from: { address: 'wangli2013@163.com' },
      subject: '自查情况统计表',
      date: at('2013-08-18T16:00:00'),
      receivedAt: at('2013-08-18T16:00:30'),
      attachments: [
        await tableFile(campaign, '统计表.xlsx', {
          unitName: '',
          date: '2013年8月18日',
          values: countValues(campaign, [2, 0, 0, 0, 5, 0, 4, 0, 0, 0, 0, 0, 0]),
        }),
      ],
    },
  ]);

  // Ordinary office mail in the same mailbox.
  mails.push([
    '21-meeting-notice.eml',
    {
      from: { name: '区防汛办', address: 'fangxun@yibin-demo.gov.cn' },
      subject: '关于召开全区防汛工作会议的通知',
      date: at('2013-08-16T08:00:00'),
      receivedAt: at('2013-08-16T08:00:05'),
      text: '定于8月19日上午9时在管委会三楼会议室召开全区防汛工作会议，请准时参加。',
      attachments: [
        {
          filename: '会议议程.docx',
          content: await buildReportDocx({
            unitName: '区防汛办',
            paragraphs: ['一、传达上级防汛工作会议精神。', '二、部署近期防汛工作。'],
            date: '2013年8月16日',
          }),
        },
      ],
    },
  ]);

  return mails.map(([name, spec]) => [name, buildMail(spec)]);
}

async function main(): Promise<void> {
  const campaign = await loadCampaign(bundledCampaignDir(), { bundled: true });
  const dir = join(packageRoot(), 'examples', 'mailbox');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const mails = await scenario(campaign);
  for (const [name, raw] of mails) await writeFile(join(dir, name), raw);
  // The same file saved twice by hand: stored once.
  await writeFile(join(dir, '01-pangcun-saved-again.eml'), mails[0]![1]);
  console.log(`已生成示例邮箱：${dir}（${mails.length + 1} 封）`);
}

await main();
