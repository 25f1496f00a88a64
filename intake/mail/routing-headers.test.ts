import { describe, expect, it } from 'vitest';
import { parseMail } from './parse-mail.js';
import { BODY_EXCERPT_CHARS } from './routing-headers.js';

const raw = (headers: string, body: string, type = 'text/plain; charset=utf-8') =>
  Buffer.from(
    `From: 庞村镇 <pc@example.cn>\r\nSubject: =?UTF-8?B?${Buffer.from('回复：材料回执').toString('base64')}?=\r\nDate: Thu, 15 Aug 2013 10:00:00 +0800\r\nMessage-ID: <a@example.cn>\r\n${headers}MIME-Version: 1.0\r\nContent-Type: ${type}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`,
    'utf8',
  );

describe('what routing reads from a message', () => {
  it('keeps the Message-IDs a reply answers, once each, lower-cased', async () => {
    const parsed = await parseMail(
      raw('In-Reply-To: <huizong.receipt-1.0@163.COM>\r\nReferences: <first@x.cn>\r\n <huizong.receipt-1.0@163.com>\r\n', '已收到'),
    );
    expect(parsed.replyTo).toEqual(['<huizong.receipt-1.0@163.com>', '<first@x.cn>']);
    expect(parsed.ownMail).toBeNull();
  });

  it('folds the start of a text body and cuts it short', async () => {
    const body = `按照伊滨办〔2026〕21号通知要求，\r\n\r\n   现报送材料。${'很长'.repeat(600)}`;
    const parsed = await parseMail(raw('', body));
    expect(parsed.bodyExcerpt.startsWith('按照伊滨办〔2026〕21号通知要求， 现报送材料。')).toBe(true);
    expect(parsed.bodyExcerpt).toHaveLength(BODY_EXCERPT_CHARS);
  });

  it('reads the words of an HTML-only body, without its styles or tags', async () => {
    const parsed = await parseMail(
      raw(
        '',
        '<html><head><style>p{color:red}</style></head><body><p>关于&nbsp;<b>政务公开</b>&amp;统计&#65306;附件</p></body></html>',
        'text/html; charset=utf-8',
      ),
    );
    expect(parsed.bodyExcerpt).toBe('关于 政务公开 &统计：附件');
  });

  it('knows mail the office sent itself by its X-Huizong-Outbox header', async () => {
    const parsed = await parseMail(raw('X-Huizong-Outbox: receipt receipt-abc\r\nAuto-Submitted: auto-generated\r\n', '回执'));
    expect(parsed.ownMail).toBe('receipt receipt-abc');
    expect(parsed.replyTo).toEqual([]);
  });
});
