import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { MessageStructureObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { loadCampaign } from '../kernel/campaign/load-campaign.js';
import { packageRoot } from '../kernel/package-root.js';
import { createCampaignFilter } from './campaign-filter.js';
import { type MessageSummary, summarizeMessage } from './message-summary.js';

const text: MessageStructureObject = { part: '1', type: 'text/plain', parameters: { charset: 'utf-8' }, size: 120 };

function summary(fields: Partial<MessageSummary>): MessageSummary {
  return {
    uid: 1,
    size: 2000,
    internalDate: null,
    messageId: '<a@b>',
    subject: '',
    senders: ['someone@example.cn'],
    attachmentNames: [],
    attachmentCount: 0,
    forwardedFrom: [],
    ...fields,
  };
}

describe('summarizeMessage', () => {
  it('finds attachments, names and forwarded senders in the body structure', () => {
    const result = summarizeMessage({
      uid: 7,
      size: 54_321,
      internalDate: new Date('2013-08-19T01:31:02Z'),
      envelope: { subject: '诸葛镇自查材料', messageId: '<x@qq.com>', from: [{ name: '张伟', address: 'ZhangWei_1985@QQ.com' }] },
      bodyStructure: {
        type: 'multipart/mixed',
        childNodes: [
          { part: '1', type: 'multipart/alternative', childNodes: [text, { part: '1.2', type: 'text/html' }] },
          { part: '2', type: 'image/png', disposition: 'inline', id: '<logo@x>' },
          {
            part: '3',
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            disposition: 'attachment',
            dispositionParameters: { filename: '附件2 自查情况统计表（诸葛镇）.xlsx' },
          },
          { part: '4', type: 'application/octet-stream', parameters: { name: '报告.docx' } },
          {
            part: '5',
            type: 'message/rfc822',
            envelope: { from: [{ address: 'zhuge@yibin-demo.gov.cn' }] },
            childNodes: [
              {
                part: '5.1',
                type: 'multipart/mixed',
                childNodes: [
                  { part: '5.1.1', type: 'text/plain' },
                  { part: '5.1.2', type: 'application/pdf', dispositionParameters: { filename: '旧报告.pdf' }, disposition: 'attachment' },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(result).toEqual({
      uid: 7,
      size: 54_321,
      internalDate: '2013-08-19T01:31:02.000Z',
      messageId: '<x@qq.com>',
      subject: '诸葛镇自查材料',
      senders: ['zhangwei_1985@qq.com'],
      attachmentNames: ['附件2 自查情况统计表（诸葛镇）.xlsx', '报告.docx', '旧报告.pdf'],
      attachmentCount: 4,
      forwardedFrom: ['zhuge@yibin-demo.gov.cn'],
    });
  });

  it('reads a subject written as raw GBK bytes from the header line', () => {
    const headers = Buffer.concat([Buffer.from('Subject: '), iconv.encode('自查报告', 'gbk'), Buffer.from('\r\n\r\n')]);
    const result = summarizeMessage({ uid: 1, envelope: { subject: '\ufffd\ufffd' }, bodyStructure: text, headers });
    expect(result.subject).toBe('自查报告');
    expect(result.attachmentCount).toBe(0);
    expect(result.ownMail).toBeUndefined();
  });

  it('knows the office’s own mail by the X-Huizong-Outbox line among the headers fetched', () => {
    const headers = Buffer.from('Subject: =?UTF-8?B?5Zue5omn?=\r\nX-Huizong-Outbox: receipt receipt-1\r\n\r\n');
    expect(summarizeMessage({ uid: 1, envelope: { subject: '回执' }, bodyStructure: text, headers }).ownMail).toBe(true);
  });
});

describe('createCampaignFilter', () => {
  it('takes mail with attachments, from registered addresses, or naming the campaign or a unit', async () => {
    const filter = createCampaignFilter(await demoCampaign());
    expect(filter(summary({ attachmentCount: 1, attachmentNames: ['会议议程.docx'] }))).toMatchObject({
      take: true,
      reason: '有 1 个附件',
    });
    expect(filter(summary({ senders: ['pangcun@yibin-demo.gov.cn'], subject: '收到' }))).toMatchObject({
      take: true,
      reason: expect.stringContaining('庞村镇'),
    });
    expect(filter(summary({ forwardedFrom: ['licun@yibin-demo.gov.cn'] })).take).toBe(true);
    expect(filter(summary({ subject: '关于保密审查专项检查的说明' }))).toMatchObject({
      take: true,
      reason: expect.stringContaining('保密审查'),
    });
    expect(filter(summary({ subject: 'RE: 自查 情况统计表' })).take).toBe(true);
    expect(filter(summary({ subject: '伊滨办〔2013〕62号 补充材料' })).take).toBe(true);
    expect(filter(summary({ subject: '寇店镇的材料晚点发' }))).toMatchObject({ take: true, reason: '标题提到单位「寇店镇」' });
  });

  it('never takes the office’s own mail, attachments and registered addresses notwithstanding', async () => {
    const filter = createCampaignFilter(await demoCampaign());
    const receipt = summary({ ownMail: true, senders: ['pangcun@yibin-demo.gov.cn'], attachmentCount: 2, subject: '庞村镇：材料回执' });
    expect(filter(receipt)).toMatchObject({ take: false, reason: expect.stringContaining('汇总自己发出的邮件') });
  });

  it('leaves ordinary office mail alone', async () => {
    const filter = createCampaignFilter(await demoCampaign());
    for (const subject of ['关于召开全区安全生产工作会议的通知', '明天开会', '', '午餐订餐统计']) {
      expect(filter(summary({ subject })).take, subject).toBe(false);
    }
  });

  it('knows every table of a campaign by its name, not only the first', async () => {
    const gongkai = await loadCampaign(join(packageRoot(), 'test', 'fixtures', 'campaigns', 'gongkai-2026'));
    // Without its keywords and title: only the tables' names are left to tell.
    const filter = createCampaignFilter({ ...gongkai, file: { ...gongkai.file, keywords: [], title: '年度统计', documentNumber: '21号' } });
    expect(filter(summary({ subject: '补报：政务公开培训台账' }))).toMatchObject({
      take: true,
      reason: '标题含关键词「政务公开培训台账」',
    });
    expect(filter(summary({ subject: '政务公开工作统计表（更正）' })).take).toBe(true);
    expect(filter(summary({ subject: '政务公开工作会议' })).take).toBe(false);
  });
});
