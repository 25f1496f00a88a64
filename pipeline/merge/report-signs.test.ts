import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { type Decisions, NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { nameIndex } from '../../intake/kernel/unit-names.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { storedMail } from '../../test/support/stored-mail.js';
import type { AttachmentFacts, ReportFacts, StoredMessage } from '../analyze/facts.js';
import type { FoundTable } from '../extract/find-table.js';
import { analyzeReport } from '../report/analyze-report.js';
import { campaignWordIn } from '../report/campaign-topic.js';
import { merge } from './merge.js';
import { otherMatters } from './report-signs.js';

// A campaign of its own: on 背街小巷整治, no checklist; the demo's table (named by generic words only).
let campaign: Campaign;
beforeAll(async () => {
  const demo = await demoCampaign();
  campaign = {
    ...demo,
    file: {
      ...demo.file,
      title: '2026年度背街小巷整治进度统计',
      noticeTitle: '关于报送2026年度背街小巷整治进度统计的通知',
      documentNumber: '伊滨城管〔2026〕7号',
      keywords: ['2026年度背街小巷整治进度统计', '统计', '总结', '报告'],
      checklist: [],
    },
    checklist: [],
    roster: demo.roster.filter((unit) => ['庞村镇', '李村镇', '区财政局'].includes(unit.name)),
  };
});

const REAL = '我镇背街小巷整治工作总结：共整治背街小巷十二条，存在的问题已经整改。';
const SAFETY = '关于安全生产月活动安排：全镇开展安全生产宣传，排查隐患，组织应急演练。';
const VAGUE = '我镇按照通知要求完成了各项工作，现将有关情况报告如下，存在的问题正在整改。';

let counter = 0;
const hex = () => createHash('sha256').update(String(++counter)).digest('hex');

/** A report's facts as analysis gives them: the campaign's word its text holds, if any. */
function reportOf(text: string): ReportFacts {
  const word = campaignWordIn(text, campaign.file);
  return { chars: text.length, analysis: analyzeReport(text, campaign), ...(word ? { campaignWord: word } : {}) };
}

const doc = (name: string, text: string): AttachmentFacts => ({
  name,
  size: 1,
  sha256: hex(),
  kind: 'docx',
  tables: [],
  report: reportOf(text),
  problems: [],
});

function table(unit: string): FoundTable {
  const cells = Object.fromEntries(
    campaign.columns.map((column, index) => [
      column.key,
      column.type === 'count'
        ? { text: '1', number: 1, address: `${'ABCDEFGHIJ'[index]}7` }
        : { text: '', address: `${'ABCDEFGHIJ'[index]}7` },
    ]),
  );
  return {
    table: campaign.tables[0]!.key,
    source: '',
    headerAddress: 'A5',
    unitName: { text: unit, location: 'A3' },
    date: null,
    rows: [{ location: '第7行', label: '', cells }],
    missingColumns: [],
  };
}
const sheet = (unit: string): AttachmentFacts => ({
  name: `${unit}统计表.xlsx`,
  size: 1,
  sha256: hex(),
  kind: 'xlsx',
  tables: [table(unit)],
  report: null,
  problems: [],
});

const mail = (from: string, received: string, subject: string, attachments: AttachmentFacts[]): StoredMessage =>
  storedMail({ id: hex(), from, received, subject, attachments });

const PANGCUN = 'pangcun@yibin-demo.gov.cn';
const CAIZHENG = 'caizheng@yibin-demo.gov.cn';
const [DAY1, DAY2, DAY3] = ['2013-08-12T02:00:00.000Z', '2013-08-13T02:00:00.000Z', '2013-08-14T02:00:00.000Z'];
const run = (messages: StoredMessage[], decisions: Decisions = NO_DECISIONS) => merge({ campaign, decisions, messages, lastPollAt: null });
const unitOf = (result: ReturnType<typeof run>, name: string) => result.units.find((unit) => unit.unit === name)!;
const recordOf = (result: ReturnType<typeof run>, message: StoredMessage) =>
  result.messages.find((item) => item.id === message.receipt.id)!;

describe('what a subject or file name speaks of', () => {
  it('leaves nothing of a vague one: unit names and the place before them, dates, generic words, a client’s words', () => {
    const names = nameIndex(campaign.roster);
    for (const text of [
      '伊滨区庞村镇自查报告',
      '报告',
      '庞村镇上报材料',
      '新建 Microsoft Word 文档',
      '回复：2026年8月庞村镇工作总结（以此为准）',
    ])
      expect(otherMatters(text, names), text).toEqual([]);
    expect(otherMatters('关于2026年办公用品采购计划的报告', names)).toEqual(['办公用品采购']);
    expect(otherMatters('庞村镇参会回执', names)).toEqual(['参会']);
  });

  it('finds the campaign in a text by its own words, never by a generic one', () => {
    expect(campaignWordIn('……背街小巷整治工作……', campaign.file)).toBe('背街小巷整治');
    expect(campaignWordIn('依据伊滨城管〔2026〕7号通知', campaign.file)).toBe('伊滨城管〔2026〕7号');
    expect(campaignWordIn('全年工作总结报告和统计', campaign.file)).toBeNull();
  });
});

describe('a unit’s paper that is not this campaign’s', () => {
  it('never replaces the unit’s report; its record is 无关邮件 and says why', () => {
    const real = mail(PANGCUN, DAY1, '庞村镇报送材料', [sheet('庞村镇'), doc('庞村镇总结报告.docx', REAL)]);
    const safety = mail(PANGCUN, DAY2, '关于安全生产月活动安排的报告', [doc('庞村镇安全生产月活动安排.docx', SAFETY)]);
    const receipt = mail(PANGCUN, DAY3, '庞村镇参会回执', [doc('庞村镇参会回执.docx', '庞村镇参会人员：张三')]);
    const result = run([real, safety, receipt]);
    const pangcun = unitOf(result, '庞村镇');
    expect(pangcun.report).toMatchObject({ messageId: real.receipt.id, file: '庞村镇总结报告.docx' });
    expect([pangcun.status, pangcun.receivedAt, pangcun.messageIds]).toEqual(['onTime', DAY1, [real.receipt.id]]);
    expect(recordOf(result, real)).toMatchObject({ outcome: 'adopted', unit: '庞村镇' });
    expect(recordOf(result, safety)).toMatchObject({ outcome: 'unrelated', unit: null });
    expect(recordOf(result, safety).basis).toContain('说的是「安全生产月」「安排」，未采用');
    expect(recordOf(result, receipt).basis).toContain('《庞村镇参会回执.docx》看来与本活动无关');
  });

  it('alone leaves the unit 未报送, not 材料不全', () => {
    const purchase = mail(CAIZHENG, DAY1, '关于2026年办公用品采购计划的报告', [doc('财政局办公用品采购计划的报告.docx', '采购计划如下')]);
    const result = run([purchase]);
    expect(unitOf(result, '区财政局')).toMatchObject({ status: 'missing', report: null, messageIds: [] });
    expect(recordOf(result, purchase)).toMatchObject({ outcome: 'unrelated', unit: null });
  });

  it('is taken when the clerk assigns it to the unit', () => {
    const purchase = mail(CAIZHENG, DAY1, '关于2026年办公用品采购计划的报告', [doc('财政局办公用品采购计划的报告.docx', '采购计划如下')]);
    const decisions: Decisions = { ...NO_DECISIONS, assign: [{ message: purchase.receipt.id.slice(0, 12), unit: '区财政局', reason: '' }] };
    const result = run([purchase], decisions);
    expect(unitOf(result, '区财政局')).toMatchObject({ status: 'incomplete', report: { messageId: purchase.receipt.id } });
    expect(recordOf(result, purchase).outcome).toBe('adopted');
  });
});

describe('a unit’s report with a vague subject and file name', () => {
  it('is taken when it is the best the unit sent: alone, or after its table', () => {
    const alone = mail(CAIZHENG, DAY1, '自查报告', [doc('报告.docx', VAGUE)]);
    expect(unitOf(run([alone]), '区财政局')).toMatchObject({ status: 'incomplete', report: { file: '报告.docx' } });
    const first = mail(PANGCUN, DAY1, '庞村镇统计表', [sheet('庞村镇')]);
    const then = mail(PANGCUN, DAY2, '庞村镇上报材料', [doc('报告.docx', VAGUE)]);
    const result = run([first, then]);
    expect(unitOf(result, '庞村镇')).toMatchObject({ status: 'onTime', report: { messageId: then.receipt.id } });
    expect(recordOf(result, then).outcome).toBe('adopted');
  });

  it('replaces the earlier report when it reads like this campaign’s', () => {
    const first = mail(PANGCUN, DAY1, '庞村镇报送材料', [sheet('庞村镇'), doc('庞村镇总结报告.docx', REAL)]);
    const correction = mail(PANGCUN, DAY2, '更正', [doc('报告.docx', `${REAL}（更正）`)]);
    expect(unitOf(run([first, correction]), '庞村镇').report?.messageId).toBe(correction.receipt.id);
  });

  it('does not replace a report that shows this campaign; its record says which report stands', () => {
    const first = mail(PANGCUN, DAY1, '庞村镇报送材料', [sheet('庞村镇'), doc('庞村镇总结报告.docx', REAL)]);
    const later = mail(PANGCUN, DAY2, '庞村镇报告', [doc('报告.docx', VAGUE)]);
    const result = run([first, later]);
    expect(unitOf(result, '庞村镇').report?.messageId).toBe(first.receipt.id);
    expect(recordOf(result, later)).toMatchObject({ outcome: 'unrelated', unit: null });
    expect(recordOf(result, later).basis).toContain(`不替换本单位来信 ${first.receipt.id.slice(0, 12)} 中的书面报告`);
  });
});
