/**
 * One office's mailbox for the workspace tests: the units' mail of two campaigns of different
 * shapes (the 2013 统计表 campaign, and the 政务公开 campaign derived with `init --from` from its
 * notice: a 统计表 with groups, percentages and money, a 台账 and a report), a unit's late answer
 * to an earlier, archived campaign (a 花名册), ordinary office mail with and without attachments,
 * and the office's own receipt coming back. Every message is built once, deterministically, so the
 * same bytes can go to several servers (the shared mailbox, and each campaign's own for comparison).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildMail, type MailAttachmentSpec } from '../../examples/kit/mime.js';
import { buildReportDocx } from '../../examples/kit/report-docx.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { composeMail } from '../../output/mail/compose.js';
import { beijing, submission } from '../imap/mail-factory.js';
import type { AppendSpec } from '../support/dovecot.js';

export const GONGKAI_SOURCES = join(packageRoot(), 'test', 'fixtures', 'setup', 'gongkai-2026');
export const GONGKAI_FILES = ['通知.pdf', '附件1 政务公开工作统计表.xlsx', '附件2 政务公开培训台账.docx'].map((name) =>
  join(GONGKAI_SOURCES, name),
);
export const GONGKAI_ROSTER = join(GONGKAI_SOURCES, '名单.csv');

const FIXED = new Date('2026-12-01T00:00:00Z');

/** The office's template 附件1, filled in as a unit does (the formula of 收到申请 with its result). */
async function gongkaiTable(
  unit: string,
  values: { published: number; answered: number; open: number; rate: number; money: number; days: number; trainings: number },
) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(GONGKAI_SOURCES, '附件1 政务公开工作统计表.xlsx'));
  workbook.created = FIXED;
  workbook.modified = FIXED;
  const sheet = workbook.worksheets[0]!;
  sheet.getCell('A2').value = `填报单位：${unit}`;
  sheet.getCell('F2').value = '填报日期：2026年12月5日';
  sheet.getCell('A6').value = values.published;
  sheet.getCell('B6').value = { formula: 'C6+D6', result: values.answered + values.open };
  sheet.getCell('C6').value = values.answered;
  sheet.getCell('D6').value = values.open;
  sheet.getCell('E6').value = values.rate;
  sheet.getCell('F6').value = values.money;
  sheet.getCell('G6').value = '是';
  sheet.getCell('H6').value = values.days;
  sheet.getCell('I6').value = values.trainings;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A unit's 政务公开 submission: the filled 统计表, the office's 台账 template, the 年度工作总结. */
export async function gongkaiSubmission(spec: { unit: string; address: string; sent: Date; published: number; trainings: number }) {
  const attachments: MailAttachmentSpec[] = [
    {
      filename: `${spec.unit}政务公开工作统计表.xlsx`,
      content: await gongkaiTable(spec.unit, {
        published: spec.published,
        answered: 10,
        open: 2,
        rate: 0.95,
        money: 5.5,
        days: 3.2,
        trainings: spec.trainings,
      }),
    },
    { filename: `${spec.unit}政务公开培训台账.docx`, content: await readFile(join(GONGKAI_SOURCES, '附件2 政务公开培训台账.docx')) },
    {
      filename: `${spec.unit}2026年度工作总结.docx`,
      content: await buildReportDocx({
        unitName: spec.unit,
        date: '2026年12月5日',
        paragraphs: [
          `按照《关于报送2026年度政务公开工作统计数据的通知》要求，${spec.unit}认真梳理全年政务公开工作，现将有关情况报告如下。`,
          '一、主动公开情况。全年通过政府网站主动公开政府信息，及时更新公开目录。',
          '二、依申请公开情况。收到的申请均按时答复，答复内容规范，申请人满意。',
          '三、政务公开平台建设情况。完成政务公开专区建设，清理僵尸账号。',
        ],
      }),
    },
  ];
  return buildMail({
    from: { name: `${spec.unit}办公室`, address: spec.address },
    subject: `${spec.unit}报送2026年度政务公开工作统计数据（伊滨办〔2026〕21号）`,
    date: spec.sent,
    text: `区综合办公室政务公开科：\n  附件是${spec.unit}的政务公开工作统计表、培训台账和年度工作总结，请查收。`,
    attachments,
  });
}

/** A unit's late 花名册 for the earlier, archived 保密培训 campaign, answering its notice. */
export async function rosterAnswer(unit: string, address: string, sent: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = FIXED;
  workbook.modified = FIXED;
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['保密培训人员花名册']);
  sheet.addRow([`填报单位：${unit}`]);
  sheet.addRow(['姓名', '性别', '出生日期', '职务', '培训学时', '考试成绩(分)', '是否合格']);
  sheet.addRow(['张伟', '男', '1985-03-02', '科员', 12, 92, '是']);
  sheet.addRow(['王芳', '女', '1990-07-19', '副科长', 10, 88, '是']);
  const raw = buildMail({
    from: { name: `${unit}办公室`, address },
    subject: '回复：关于报送2026年新任职干部保密培训人员名单的通知',
    date: sent,
    text: '名单见附件，迟报请谅解。',
    attachments: [{ filename: `${unit}保密培训人员花名册.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) }],
  });
  return Buffer.concat([Buffer.from('In-Reply-To: <notice-2026-7@yibin-demo.gov.cn>\r\n'), raw]);
}

/** The office's own receipt (as huizong composes it) coming back into the mailbox it reads. */
export async function ownReceipt(unit: string, to: string, sent: Date): Promise<Buffer> {
  return composeMail({
    mail: {
      id: 'receipt-0123456789abcdef',
      kind: 'receipt',
      unit,
      to: [to],
      subject: `${unit}：政府信息公开保密审查专项检查材料回执（按时报送）`,
      text: `${unit}：\n  已收到你单位报送的自查情况统计表和书面总结报告。\n`,
      covers: [],
    },
    from: '区综合办公室秘书科 <mishuke@example.cn>',
    fromAddress: 'mishuke@example.cn',
    messageId: '<huizong.receipt-0123456789abcdef.1@example.cn>',
    date: sent,
  });
}

export interface OfficeMailbox {
  /** Each campaign's units' mail (by campaign folder name), and the rest, in the order they arrive. */
  baomi: AppendSpec[];
  gongkai: AppendSpec[];
  other: AppendSpec[];
  /** Everything, interleaved by arrival. */
  all: AppendSpec[];
}

const at = (text: string, raw: Buffer): AppendSpec => ({ raw, internalDate: beijing(text) });

/** The addresses 名单.csv registers for the 政务公开 campaign's units. */
const GONGKAI_ADDRESSES: Record<string, string> = { 庞村镇人民政府: 'pangcun@yibin.gov.cn', 李村镇人民政府: 'licun@yibin.gov.cn' };

export async function officeMailbox(baomi: Campaign): Promise<OfficeMailbox> {
  const gongkaiAddress = (unit: string) => GONGKAI_ADDRESSES[unit]!;
  const baomiMail = [
    at('2013-08-15T10:00:05', await submission(baomi, { unit: '庞村镇', sent: beijing('2013-08-15T10:00:00') })),
    at('2013-08-16T09:30:05', await submission(baomi, { unit: '李村镇', sent: beijing('2013-08-16T09:30:00') })),
    // Late, and its table sealed more computers than it checked (an error).
    at(
      '2013-08-19T11:00:05',
      await submission(baomi, {
        unit: '寇店镇',
        sent: beijing('2013-08-19T11:00:00'),
        numbers: [6, 0, 2, 1, 20, 1, 30, 0, 25, 0, 1, 2, 0],
      }),
    ),
  ];
  const gongkaiMail = [
    at(
      '2013-08-15T14:00:05',
      await gongkaiSubmission({
        unit: '庞村镇人民政府',
        address: gongkaiAddress('庞村镇人民政府'),
        sent: beijing('2013-08-15T14:00:00'),
        published: 156,
        trainings: 0,
      }),
    ),
    at(
      '2013-08-17T16:20:05',
      await gongkaiSubmission({
        unit: '李村镇人民政府',
        address: gongkaiAddress('李村镇人民政府'),
        sent: beijing('2013-08-17T16:20:00'),
        published: 88,
        trainings: 0,
      }),
    ),
  ];
  const other = [
    // Ordinary office mail: a meeting notice from a unit of both rosters, with its agenda; a note without attachment.
    at(
      '2013-08-15T16:00:00',
      buildMail({
        from: { name: '庞村镇办公室', address: 'pangcun@yibin-demo.gov.cn' },
        subject: '关于召开全区防汛工作会议的通知',
        date: beijing('2013-08-15T15:59:00'),
        text: '定于8月19日上午9时召开全区防汛工作会议，议程见附件。',
        attachments: [
          {
            filename: '会议议程.docx',
            content: await buildReportDocx({
              unitName: '庞村镇',
              date: '2013年8月15日',
              paragraphs: ['会议议程：一、传达上级防汛工作部署；二、各镇汇报汛前准备；三、领导讲话。'],
            }),
          },
        ],
      }),
    ),
    at(
      '2013-08-16T08:00:00',
      buildMail({
        from: { address: 'wangli@yibin-demo.gov.cn' },
        subject: '明天食堂停餐',
        date: beijing('2013-08-16T07:59:00'),
        text: '请相互转告。',
      }),
    ),
    at('2013-08-16T11:00:00', await rosterAnswer('庞村镇', 'pangcun@yibin-demo.gov.cn', beijing('2013-08-16T10:59:00'))),
    at('2013-08-17T09:00:00', await ownReceipt('庞村镇', 'pangcun@yibin-demo.gov.cn', beijing('2013-08-17T08:59:00'))),
  ];
  const all = [...baomiMail, ...gongkaiMail, ...other].sort((a, b) => a.internalDate.getTime() - b.internalDate.getTime());
  return { baomi: baomiMail, gongkai: gongkaiMail, other, all };
}
