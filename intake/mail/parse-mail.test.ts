import { describe, expect, it } from 'vitest';
import { buildMail, type FilenameStyle, type MailSpec } from '../../examples/kit/mime.js';
import { parseMail } from './parse-mail.js';
import { repairMojibakeName } from './raw-headers.js';

const base: MailSpec = {
  from: { name: '庞村镇办公室', address: 'PC@Example.cn' },
  subject: '庞村镇自查材料',
  date: new Date('2013-08-15T02:00:00Z'),
  receivedAt: new Date('2013-08-15T02:00:30Z'),
  text: '请查收',
};

describe('parseMail', () => {
  it('reads sender, subject, dates and attachments', async () => {
    const raw = buildMail({ ...base, attachments: [{ filename: '统计表.xlsx', content: Buffer.from('x') }] });
    const parsed = await parseMail(raw);
    expect(parsed).toMatchObject({
      fromAddress: 'pc@example.cn',
      fromName: '庞村镇办公室',
      subject: '庞村镇自查材料',
      dateHeader: '2013-08-15T02:00:00.000Z',
      receivedHeader: '2013-08-15T02:00:30.000Z',
      problems: [],
    });
    expect(parsed.messageId).toMatch(/^<.+@example\.cn>$/i);
    expect(parsed.attachments.map((attachment) => [attachment.name, attachment.content.toString()])).toEqual([['统计表.xlsx', 'x']]);
  });

  const styles: FilenameStyle[] = ['rfc2231-utf8', 'rfc2231-gbk', 'rfc2047-gbk', 'rfc2047-gb18030', 'rfc2047-utf8'];
  for (const style of styles) {
    it(`decodes a Chinese file name sent as ${style}`, async () => {
      const name = '附件2 自查情况统计表（庞村镇）.xlsx';
      const parsed = await parseMail(
        buildMail({ ...base, attachments: [{ filename: name, content: Buffer.from('x'), filenameStyle: style }] }),
      );
      expect(parsed.attachments[0]?.name).toBe(name);
    });
  }

  for (const charset of ['gbk', 'gb2312', 'gb18030'] as const) {
    it(`decodes a ${charset} subject`, async () => {
      const parsed = await parseMail(buildMail({ ...base, subject: '诸葛镇保密审查自查材料', subjectCharset: charset }));
      expect(parsed.subject).toBe('诸葛镇保密审查自查材料');
    });
  }

  it('recovers a raw 8-bit GBK subject and says so', async () => {
    const parsed = await parseMail(buildMail({ ...base, subject: '寇店镇自查报告', subjectCharset: 'raw-gbk' }));
    expect(parsed.subject).toBe('寇店镇自查报告');
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['mail.raw_8bit_header']);
  });

  it('repairs a raw 8-bit GBK file name and says so', async () => {
    const parsed = await parseMail(
      buildMail({ ...base, attachments: [{ filename: '区党群工作部统计表.xlsx', content: Buffer.from('x'), filenameStyle: 'raw-gbk' }] }),
    );
    expect(parsed.attachments[0]?.name).toBe('区党群工作部统计表.xlsx');
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['mail.raw_8bit_filename']);
  });

  it('leaves a correctly decoded Latin name alone', () => {
    expect(repairMojibakeName('Café.xlsx')).toBeNull();
    expect(repairMojibakeName('统计表.xlsx')).toBeNull();
    expect(repairMojibakeName(Buffer.from('统计表.xlsx', 'utf8').toString('latin1'))).toBe('统计表.xlsx');
  });

  it('says when a file is not a mail at all', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) % 256))]) {
      expect((await parseMail(raw)).problems.map((problem) => problem.code)).toEqual(['mail.not_a_message']);
    }
  });

  it('opens a message forwarded as an attachment and keeps its original sender', async () => {
    const original = buildMail({
      ...base,
      attachments: [
        { filename: '统计表.xlsx', content: Buffer.from('t') },
        { filename: '报告.docx', content: Buffer.from('r') },
      ],
    });
    const parsed = await parseMail(
      buildMail({ ...base, from: { address: 'friend@163.com' }, subject: 'Fwd: 材料', forwarded: [original] }),
    );
    expect(parsed.forwardedFrom).toEqual(['pc@example.cn']);
    expect(parsed.attachments.map((attachment) => attachment.name)).toEqual(['转发邮件1.eml/统计表.xlsx', '转发邮件1.eml/报告.docx']);
  });

  it('reports forwarding nested too deep instead of recursing forever', async () => {
    let mail = buildMail({ ...base, attachments: [{ filename: 'a.txt', content: Buffer.from('a') }] });
    for (let depth = 0; depth < 5; depth++) mail = buildMail({ ...base, subject: `Fwd ${depth}`, forwarded: [mail] });
    const parsed = await parseMail(mail, { maxForwardDepth: 3 });
    expect(parsed.attachments).toEqual([]);
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['mail.forward_too_deep']);
  });
});
