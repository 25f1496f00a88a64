/**
 * `huizong run` against a real Dovecot holding a shared office mailbox: campaign mail and
 * ordinary mail, added with IMAP APPEND at known INTERNALDATEs and with the clerk's own flags.
 * After every poll the mailbox must be exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../../examples/kit/mime.js';
import { buildReportDocx } from '../../examples/kit/report-docx.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { messageIdOf } from '../../intake/store/raw-store.js';
import { demoCampaign } from '../support/demo-campaign.js';
import { type AppendSpec, type DovecotServer, startDovecot } from '../support/dovecot.js';
import { type ImapCampaign, imapCampaign, pollLineOf } from './imap-campaign.js';
import { beijing, note, officeMail, submission } from './mail-factory.js';

let server: DovecotServer;
let campaign: Campaign;
let mailbox: ImapCampaign;
/** Every message put in the mailbox, by hash: whether it is campaign mail. */
const appended = new Map<string, { subject: string; campaign: boolean }>();

async function put(messages: (AppendSpec & { subject: string; campaign: boolean })[]): Promise<void> {
  await server.append('INBOX', messages);
  for (const message of messages) appended.set(messageIdOf(message.raw), { subject: message.subject, campaign: message.campaign });
}

/** Runs `huizong run` and checks the mailbox is untouched: same messages, same flags. */
async function pollAndCheckUntouched() {
  const before = await server.flags('INBOX');
  const result = await mailbox.run();
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  expect(await server.flags('INBOX')).toEqual(before);
  return result;
}

/** The store holds exactly the campaign mail appended so far, byte for byte. */
async function expectStoreHoldsCampaignMail() {
  const stored = new Set((await mailbox.receipts()).map((receipt) => receipt.id));
  const wanted = [...appended].filter(([, message]) => message.campaign).map(([id]) => id);
  const unwanted = [...appended].filter(([, message]) => !message.campaign).map(([id]) => id);
  expect([...stored].sort()).toEqual(wanted.sort());
  for (const id of unwanted) expect(stored.has(id), appended.get(id)!.subject).toBe(false);
}

beforeAll(async () => {
  server = await startDovecot();
  campaign = await demoCampaign();
  mailbox = await imapCampaign(server);
  const agenda = await buildReportDocx({
    unitName: '区管委会办公室',
    date: '2013年8月12日',
    paragraphs: ['会议议程：一、传达上级会议精神；二、部署下半年工作。'],
  });
  await put([
    {
      subject: '庞村镇',
      campaign: true,
      raw: await submission(campaign, { unit: '庞村镇', sent: beijing('2013-08-15T10:12:00') }),
      internalDate: beijing('2013-08-15T10:12:31'),
    },
    {
      subject: '安全生产会议通知',
      campaign: false,
      raw: officeMail('关于召开全区安全生产工作会议的通知', 'bangongshi@yibin-demo.gov.cn', beijing('2013-08-15T11:00:00')),
      internalDate: beijing('2013-08-15T11:00:05'),
      flags: ['\\Seen'],
    },
    {
      subject: '李村镇',
      campaign: true,
      raw: await submission(campaign, { unit: '李村镇', sent: beijing('2013-08-16T09:05:00') }),
      internalDate: beijing('2013-08-16T09:05:09'),
      flags: ['\\Seen', '\\Flagged'],
    },
    {
      subject: '订餐',
      campaign: false,
      raw: officeMail('午餐订餐统计', 'canting@example.cn', beijing('2013-08-16T10:00:00')),
      internalDate: beijing('2013-08-16T10:00:02'),
      flags: ['\\Flagged'],
    },
    {
      subject: '区财政局',
      campaign: true,
      raw: await submission(campaign, { unit: '区财政局', sent: beijing('2013-08-16T15:30:00') }),
      internalDate: beijing('2013-08-16T15:30:40'),
      flags: ['\\Answered', '\\Seen'],
    },
    {
      subject: '开会',
      campaign: false,
      raw: officeMail('明天下午三点开会', 'zhuren@example.cn', beijing('2013-08-16T16:00:00')),
      internalDate: beijing('2013-08-16T16:00:01'),
    },
    {
      subject: '会议议程（有附件）',
      campaign: true,
      raw: buildMail({
        from: { address: 'bangongshi@yibin-demo.gov.cn' },
        subject: '会议议程',
        date: beijing('2013-08-16T17:00:00'),
        text: '见附件。',
        attachments: [{ filename: '会议议程.docx', content: agenda }],
      }),
      internalDate: beijing('2013-08-16T17:00:03'),
    },
    {
      subject: '诸葛镇“收到”',
      campaign: true,
      raw: note({
        from: { address: 'zhuge@yibin-demo.gov.cn' },
        subject: '收到',
        date: beijing('2013-08-16T17:30:00'),
        text: '通知已收到。',
      }),
      internalDate: beijing('2013-08-16T17:30:01'),
    },
  ]);
});

afterAll(async () => {
  await server?.dispose();
});

describe('polling a shared office mailbox', () => {
  it('first poll: stores the campaign mail as received, leaves office mail alone', async () => {
    const result = await pollAndCheckUntouched();
    expect(pollLineOf(result.stdout)).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d 收信：看到 8 封，新 5 封，存入 5 封，忽略 3 封，用时 \d+\.\d 秒$/,
    );
    await expectStoreHoldsCampaignMail();
    const receipts = await mailbox.receipts();
    const pangcun = receipts.find((receipt) => appended.get(receipt.id)?.subject === '庞村镇')!;
    expect(pangcun).toMatchObject({
      source: 'imap',
      origin: `imap://${server.user}@127.0.0.1/INBOX`,
      internalDate: '2013-08-15T02:12:31.000Z',
      imap: { uid: 1, folder: 'INBOX', uidValidity: await server.uidValidity('INBOX') },
    });
    const status = await mailbox.status();
    const unit = (name: string) => status.units.find((item) => item.unit === name)!;
    expect(unit('庞村镇')).toMatchObject({ status: '按时报送', late: false, receivedAt: '2013-08-15T02:12:31.000Z' });
    expect(unit('李村镇').status).toBe('按时报送');
    expect(unit('区财政局').status).toBe('按时报送');
    expect(status.asOf).not.toBeNull();
    // IMAP ID went out (163/126 refuse to open a folder for a client that sends none).
    expect(await server.log()).toMatch(/ID sent: name=huizong, version=\d+\.\d+\.\d+, vendor=huizong/);
  });

  it('poll with nothing new: looks at nothing, stores nothing', async () => {
    const before = (await mailbox.receipts()).length;
    const result = await pollAndCheckUntouched();
    expect(pollLineOf(result.stdout)).toContain('收信：看到 0 封，新 0 封，存入 0 封，忽略 0 封');
    expect(await mailbox.receipts()).toHaveLength(before);
  });

  it('incremental poll: only the mail that arrived since', async () => {
    await put([
      {
        subject: '寇店镇',
        campaign: true,
        raw: await submission(campaign, { unit: '寇店镇', sent: beijing('2013-08-17T09:00:00') }),
        internalDate: beijing('2013-08-17T09:00:30'),
      },
      {
        subject: '值班',
        campaign: false,
        raw: officeMail('国庆节值班安排', 'bangongshi@yibin-demo.gov.cn', beijing('2013-08-17T10:00:00')),
        internalDate: beijing('2013-08-17T10:00:01'),
      },
    ]);
    const result = await pollAndCheckUntouched();
    expect(pollLineOf(result.stdout)).toContain('收信：看到 2 封，新 1 封，存入 1 封，忽略 1 封');
    await expectStoreHoldsCampaignMail();
    expect((await mailbox.status()).units.find((unit) => unit.unit === '寇店镇')!.status).toBe('按时报送');
  });

  it('takes in GBK and GB18030 subjects and file names, and reads them right', async () => {
    const questionGbk = note({
      from: { address: 'someone@163.com' },
      subject: '关于自查情况统计表的疑问',
      subjectCharset: 'gbk',
      date: beijing('2013-08-17T12:00:00'),
    });
    const questionRaw = note({
      from: { address: 'other@163.com' },
      subject: '统计表填写问题',
      subjectCharset: 'raw-gbk',
      date: beijing('2013-08-17T12:05:00'),
    });
    await put([
      {
        subject: '诸葛镇（个人邮箱，GBK 文件名）',
        campaign: true,
        raw: await submission(campaign, {
          unit: '诸葛镇',
          from: { name: '张伟', address: 'zhangwei_1985@qq.com' },
          subject: '转发：诸葛镇保密审查自查材料',
          subjectCharset: 'gbk',
          tableName: '附件2 自查情况统计表（诸葛镇）.xlsx',
          reportName: '诸葛镇自查总结报告.docx',
          tableUnit: '诸葛镇人民政府',
          fileNameStyle: 'rfc2047-gbk',
          sent: beijing('2013-08-17T21:03:00'),
        }),
        internalDate: beijing('2013-08-17T21:03:40'),
      },
      {
        subject: '佃庄镇（RFC 2231 GBK）',
        campaign: true,
        raw: await submission(campaign, {
          unit: '佃庄镇',
          from: { address: 'dz_clerk@163.com' },
          subject: '佃庄镇自查材料',
          subjectCharset: 'gb18030',
          fileNameStyle: 'rfc2231-gbk',
          sent: beijing('2013-08-17T11:00:00'),
        }),
        internalDate: beijing('2013-08-17T11:00:10'),
      },
      {
        subject: '区纪工委（GB18030）',
        campaign: true,
        raw: await submission(campaign, {
          unit: '区纪工委',
          from: { address: 'jgw2013@126.com' },
          subject: '区纪工委自查材料',
          subjectCharset: 'gb18030',
          fileNameStyle: 'rfc2047-gb18030',
          sent: beijing('2013-08-17T11:30:00'),
        }),
        internalDate: beijing('2013-08-17T11:30:10'),
      },
      {
        subject: '区党群工作部（8 位 GBK 文件名）',
        campaign: true,
        raw: await submission(campaign, {
          unit: '区党群工作部',
          from: { address: 'dqb_2013@sina.com' },
          subject: '区党群工作部自查材料',
          subjectCharset: 'raw-gbk',
          fileNameStyle: 'raw-gbk',
          sent: beijing('2013-08-17T11:40:00'),
        }),
        internalDate: beijing('2013-08-17T11:40:10'),
      },
      { subject: 'GBK 标题的疑问', campaign: true, raw: questionGbk, internalDate: beijing('2013-08-17T12:00:02') },
      { subject: '8 位 GBK 标题的疑问', campaign: true, raw: questionRaw, internalDate: beijing('2013-08-17T12:05:02') },
      {
        subject: 'GBK 无关邮件',
        campaign: false,
        raw: note({
          from: { address: 'friend@163.com' },
          subject: '周末一起吃饭',
          subjectCharset: 'gbk',
          date: beijing('2013-08-17T13:00:00'),
          text: '周六中午？',
        }),
        internalDate: beijing('2013-08-17T13:00:01'),
      },
    ]);
    const result = await pollAndCheckUntouched();
    expect(pollLineOf(result.stdout)).toContain('收信：看到 7 封，新 6 封，存入 6 封，忽略 1 封');
    await expectStoreHoldsCampaignMail();
    const status = await mailbox.status();
    const unit = (name: string) => status.units.find((item) => item.unit === name)!;
    expect(unit('诸葛镇')).toMatchObject({
      status: '按时报送',
      tableFile: '附件2 自查情况统计表（诸葛镇）.xlsx',
      reportFile: '诸葛镇自查总结报告.docx',
    });
    expect(unit('佃庄镇')).toMatchObject({ status: '按时报送', tableFile: '佃庄镇自查情况统计表.xlsx' });
    expect(unit('区纪工委')).toMatchObject({ status: '按时报送', tableFile: '区纪工委自查情况统计表.xlsx' });
    // Stored byte for byte and identified by its table; the raw 8-bit file name itself is read
    // by intake/mail/parse-mail.ts, outside the mailbox's concern.
    expect(unit('区党群工作部').status).toBe('按时报送');
  });

  it("judges lateness on INTERNALDATE, never on the sender's Date header", async () => {
    await put([
      // The sender's clock says 17:50 on the deadline day; the server got it the next morning.
      {
        subject: '规划建设局（逾期）',
        campaign: true,
        raw: await submission(campaign, { unit: '区规划建设局', sent: beijing('2013-08-18T17:50:00') }),
        internalDate: beijing('2013-08-19T09:31:02'),
      },
      // The sender's clock is a day fast; the server got it before the deadline.
      {
        subject: '国土资源分局（按时）',
        campaign: true,
        raw: await submission(campaign, { unit: '区国土资源分局', sent: beijing('2013-08-19T17:00:00') }),
        internalDate: beijing('2013-08-18T17:00:00'),
      },
    ]);
    const result = await pollAndCheckUntouched();
    expect(pollLineOf(result.stdout)).toContain('收信：看到 2 封，新 2 封，存入 2 封，忽略 0 封');
    const status = await mailbox.status();
    const unit = (name: string) => status.units.find((item) => item.unit === name)!;
    expect(unit('区规划建设局')).toMatchObject({ status: '逾期报送', late: true, receivedAt: '2013-08-19T01:31:02.000Z' });
    expect(unit('区国土资源分局')).toMatchObject({ status: '按时报送', late: false, receivedAt: '2013-08-18T09:00:00.000Z' });
  });
});
