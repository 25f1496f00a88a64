import { describe, expect, it } from 'vitest';
import { findMessage, messageName, messageText, senderName } from './message-name.js';

const record = {
  id: 'bf96ebbcb910aaaa',
  shortId: 'bf96ebbcb910',
  from: '区招商局办公室 <zhaoshang@yibin-demo.gov.cn>',
  subject: '自查情况统计表',
  receivedAt: '2013-08-17T03:00:00.000Z',
};

describe('a message named as the clerk knows it', () => {
  it('by sender, subject and time, the id small beside', () => {
    expect(senderName(record.from)).toBe('区招商局办公室');
    expect(senderName('wangli2013@163.com')).toBe('wangli2013@163.com');
    expect(senderName('<wangli2013@163.com>')).toBe('wangli2013@163.com');
    expect(messageText(record)).toBe('区招商局办公室 2013-08-17 11:00 发来的「自查情况统计表」（编号 bf96ebbcb910）');
    const html = messageName({ ...record, subject: '<b>标题</b>' }).text;
    expect(html).toContain('<span class="msg-id">bf96ebbcb910</span>');
    expect(html).toContain('&lt;b&gt;');
  });

  it('finds a message by a prefix of its id, never a prefix that names two', () => {
    const other = { ...record, id: 'bf96ffff' };
    expect(findMessage([record, other], 'bf96eb')).toBe(record);
    expect(findMessage([record, other], 'bf96')).toBeNull();
    expect(findMessage([record], '0000')).toBeNull();
  });
});
