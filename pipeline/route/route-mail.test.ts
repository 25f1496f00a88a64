import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir, packageRoot } from '../../intake/kernel/package-root.js';
import { error } from '../../intake/kernel/problems.js';
import { ANALYZER_VERSION, type AttachmentFacts, type MessageFacts } from '../analyze/facts.js';
import type { FoundTable } from '../extract/find-table.js';
import { type RouteCampaign, routeMail, tieReason } from './route-mail.js';

let baomi: Campaign;
let gongkai: Campaign;
let huamingce: Campaign;

beforeAll(async () => {
  const fixtures = join(packageRoot(), 'test', 'fixtures', 'campaigns');
  [baomi, gongkai, huamingce] = await Promise.all([
    loadCampaign(bundledCampaignDir()),
    loadCampaign(join(fixtures, 'gongkai-2026')),
    loadCampaign(join(fixtures, 'huamingce-2026')),
  ]);
});

interface Spec {
  id: string;
  subject?: string;
  from?: string;
  body?: string;
  replyTo?: string[];
  ownMail?: string;
  files?: { name: string; sha?: string }[];
  problems?: MessageFacts['problems'];
}

function facts(spec: Spec, tables: Record<string, { table?: string; missing?: string[] }[]> = {}): MessageFacts {
  const attachments: AttachmentFacts[] = (spec.files ?? []).map((file) => ({
    name: file.name,
    size: 100,
    sha256: file.sha ?? file.name,
    kind: 'xlsx',
    tables: (tables[file.name] ?? []).map(
      (table) =>
        ({
          ...(table.table ? { table: table.table } : {}),
          source: '',
          headerAddress: 'A3',
          unitName: null,
          date: null,
          rows: [],
          missingColumns: table.missing ?? [],
        }) as FoundTable,
    ),
    report: null,
    problems: [],
  }));
  return {
    analyzerVersion: ANALYZER_VERSION,
    id: spec.id,
    messageId: `<${spec.id}@x>`,
    fromAddress: spec.from ?? 'someone@163.com',
    fromName: null,
    subject: spec.subject ?? '',
    dateHeader: null,
    receivedHeader: null,
    forwardedFrom: [],
    attachments,
    problems: spec.problems ?? [],
    routing: { replyTo: spec.replyTo ?? [], bodyExcerpt: spec.body ?? '', ownMail: spec.ownMail ?? null },
  };
}

/**
 * A workspace of campaigns and messages: each message's facts as every campaign reads it, with
 * the tables that campaign finds in which file (by campaign name).
 */
function workspace(
  campaigns: {
    name: string;
    campaign: Campaign;
    archived?: boolean;
    decisions?: Partial<RouteCampaign['decisions']>;
    sentIds?: string[];
  }[],
  messages: (Spec & { found?: Record<string, Record<string, { table?: string; missing?: string[] }[]>> })[],
) {
  const entries: RouteCampaign[] = campaigns.map((entry) => ({
    name: entry.name,
    campaign: entry.campaign,
    archived: entry.archived ?? false,
    decisions: { ...NO_DECISIONS, ...entry.decisions },
    sentIds: entry.sentIds ?? [],
    facts: new Map(messages.map((message) => [message.id, facts(message, message.found?.[entry.name] ?? {})])),
  }));
  return routeMail(
    messages.map((message) => message.id),
    entries,
  );
}

const where = (routing: ReturnType<typeof routeMail>) =>
  Object.fromEntries(routing.messages.map((route) => [route.id, { to: route.to, way: route.way, contested: route.contested }]));

describe('routing mail between the campaigns of one office', () => {
  it('sends each unit’s mail to the campaign whose table, 文号, title or keywords it carries, ordinary mail to none', () => {
    const routing = workspace(
      [
        { name: '保密审查', campaign: baomi },
        { name: '政务公开', campaign: gongkai },
      ],
      [
        { id: 'a1', subject: '庞村镇自查材料', files: [{ name: '统计表.xlsx' }], found: { 保密审查: { '统计表.xlsx': [{}] } } },
        { id: 'b1', subject: '报送', files: [{ name: 'x.xlsx' }], found: { 政务公开: { 'x.xlsx': [{ table: 'tongji' }] } } },
        { id: 'c1', subject: '关于伊滨办〔2026〕21号的材料', from: 'pangcun@yibin-demo.gov.cn', files: [{ name: '说明.docx' }] },
        {
          id: 'd1',
          subject: '材料',
          body: '按照关于在全区范围内组织开展政府信息公开保密审查专项检查的通知要求',
          files: [{ name: 'a.docx' }],
        },
        { id: 'e1', subject: '政务公开年度统计', files: [{ name: '图片.png' }] },
        { id: 'f1', subject: '关于召开全区安全生产工作会议的通知', from: 'pangcun@yibin-demo.gov.cn', files: [{ name: '议程.docx' }] },
        { id: 'g1', subject: '午餐', files: [{ name: '菜单.xlsx' }] },
      ],
    );
    expect(where(routing)).toEqual({
      a1: { to: ['保密审查'], way: 'material', contested: null },
      b1: { to: ['政务公开'], way: 'material', contested: null },
      c1: { to: ['政务公开'], way: 'evidence', contested: null },
      d1: { to: ['保密审查'], way: 'evidence', contested: null },
      e1: { to: ['政务公开'], way: 'evidence', contested: null },
      f1: { to: [], way: 'none', contested: null },
      g1: { to: [], way: 'none', contested: null },
    });
    expect(routing.unrouted.map((route) => route.id)).toEqual(['f1', 'g1']);
    expect(routing.unrouted[0]!.basis).toBe(
      '没有任何活动的名称、文号、表格或关键词，只有发件人或单位名称（在「政府信息公开保密审查专项检查」「2026年度政务公开工作统计」的名单中）',
    );
    expect(routing.byCampaign.get('保密审查')!.ids).toEqual(['a1', 'd1']);
    expect(routing.messages.find((route) => route.id === 'c1')!.basis).toBe(
      '标题含文号「伊滨办〔2026〕21号」；发件邮箱 pangcun@yibin-demo.gov.cn 在本活动的单位名单中',
    );
  });

  it('tells generic words apart from a campaign’s own: 统计表 and 报告 name no campaign when another uses them', () => {
    const routing = workspace(
      [
        { name: '保密审查', campaign: baomi },
        { name: '政务公开', campaign: gongkai },
      ],
      [
        { id: 'k1', subject: '统计表和总结报告', files: [{ name: 'a.docx' }] },
        { id: 'k2', subject: '专项检查 保密审查 自查', files: [{ name: 'a.docx' }] },
      ],
    );
    // Both ask for a 书面总结报告, and 统计表 is in the other's table name: nothing of the 2013 campaign's own.
    expect(where(routing)).toEqual({
      k1: { to: [], way: 'none', contested: null },
      k2: { to: ['保密审查'], way: 'evidence', contested: null },
    });
    // 自查 and 专项检查 name any inspection: only 保密审查 is the campaign's own.
    expect(routing.messages[1]!.basis).toBe('含本活动的关键词「保密审查」');
  });

  it('gives one message to two campaigns when it carries a table of each, in different files', () => {
    const routing = workspace(
      [
        { name: '政务公开', campaign: gongkai },
        { name: '保密培训', campaign: huamingce },
      ],
      [
        {
          id: 'm1',
          subject: '庞村镇两项材料',
          files: [{ name: '统计.xlsx' }, { name: '名册.xlsx' }],
          found: { 政务公开: { '统计.xlsx': [{ table: 'a' }] }, 保密培训: { '名册.xlsx': [{ table: 'b' }] } },
        },
      ],
    );
    expect(where(routing).m1).toEqual({ to: ['政务公开', '保密培训'], way: 'material', contested: null });
  });

  it('puts a message that fits two campaigns equally in both, 待核实, and the clerk’s word settles it', () => {
    const same = { ...gongkai, file: { ...gongkai.file, title: '2027年度政务公开工作统计', documentNumber: '伊滨办〔2027〕3号' } };
    const message = {
      id: 't1',
      subject: '统计材料',
      files: [{ name: '表.xlsx' }],
      found: { 今年: { '表.xlsx': [{}] }, 明年: { '表.xlsx': [{}] } },
    };
    const tied = workspace(
      [
        { name: '今年', campaign: gongkai },
        { name: '明年', campaign: same },
      ],
      [message],
    );
    const reason = '同时符合「2026年度政务公开工作统计」和「2027年度政务公开工作统计」两个活动，不能确定属于哪一个';
    expect(where(tied).t1).toEqual({ to: ['今年', '明年'], way: 'tie', contested: reason });
    expect(tied.byCampaign.get('今年')!.contested.get('t1')).toBe(reason);

    const assigned = workspace(
      [
        { name: '今年', campaign: gongkai, decisions: { assign: [{ message: 't1', unit: '庞村镇', reason: '' }] } },
        { name: '明年', campaign: same },
      ],
      [message],
    );
    expect(where(assigned).t1).toEqual({ to: ['今年'], way: 'assigned', contested: null });
    expect(assigned.byCampaign.get('明年')!.ids).toEqual([]);

    const ignored = workspace(
      [
        { name: '今年', campaign: gongkai, decisions: { ignore: [{ message: 't1', reason: '' }] } },
        { name: '明年', campaign: same },
      ],
      [message],
    );
    expect(where(ignored).t1).toEqual({ to: ['明年'], way: 'material', contested: null });
    // The campaign that called it 无关 still lists it (with the clerk's reason, merge says), not as 待核实.
    expect(ignored.byCampaign.get('今年')).toEqual({ ids: ['t1'], contested: new Map(), elsewhere: new Map() });
  });

  it('follows a reply to the receipt or reminder a campaign sent', () => {
    const routing = workspace(
      [
        { name: '保密审查', campaign: baomi },
        { name: '政务公开', campaign: gongkai, sentIds: ['<huizong.receipt-1.0@163.com>'] },
      ],
      [{ id: 'r1', subject: 'Re: 庞村镇：材料回执', replyTo: ['<huizong.receipt-1.0@163.com>'], files: [{ name: '更正.docx' }] }],
    );
    expect(where(routing).r1).toEqual({ to: ['政务公开'], way: 'evidence', contested: null });
    expect(routing.messages[0]!.basis).toBe('回复本活动发出的回执或催报；标题或附件名提到名单中的「庞村镇」');
  });

  it('keeps late mail for an archived campaign there, and gives mail without clues to the one active campaign', () => {
    const routing = workspace(
      [
        { name: '保密审查', campaign: baomi, archived: true },
        { name: '政务公开', campaign: gongkai },
      ],
      [
        { id: 'l1', subject: '迟报', files: [{ name: '统计表.xlsx' }], found: { 保密审查: { '统计表.xlsx': [{}] } } },
        { id: 'l2', subject: '你好', files: [{ name: '文件.docx' }] },
      ],
    );
    expect(where(routing)).toEqual({
      l1: { to: ['保密审查'], way: 'material', contested: null },
      l2: { to: ['政务公开'], way: 'active', contested: null },
    });
  });

  it('never takes the office’s own mail, not even for a lone campaign; a lone campaign takes everything else', () => {
    const lone = workspace(
      [{ name: '保密审查', campaign: baomi }],
      [
        { id: 'o1', subject: '庞村镇：材料回执', ownMail: 'receipt receipt-1', files: [{ name: '统计表.xlsx' }] },
        { id: 'o2', subject: '午餐', files: [{ name: '菜单.xlsx' }] },
      ],
    );
    expect(where(lone)).toEqual({
      o1: { to: [], way: 'own-mail', contested: null },
      o2: { to: ['保密审查'], way: 'only', contested: null },
    });
    expect(lone.unrouted).toEqual([]);
  });

  it('shows a message that could not be read to every active campaign, 待核实', () => {
    const routing = workspace(
      [
        { name: '保密审查', campaign: baomi },
        { name: '政务公开', campaign: gongkai },
        { name: '保密培训', campaign: huamingce, archived: true },
      ],
      [{ id: 'u1', problems: [error('mail.unreadable', '邮件无法解析')] }],
    );
    expect(where(routing).u1).toEqual({ to: ['保密审查', '政务公开'], way: 'unreadable', contested: '邮件无法解析，不能确定属于哪个活动' });
  });

  it('lets a table found whole beat one found in part, and a sender alone decide nothing', () => {
    const other = { ...gongkai, roster: gongkai.roster.filter((unit) => unit.name !== '庞村镇') };
    const routing = workspace(
      [
        { name: '政务公开', campaign: other },
        { name: '保密培训', campaign: huamingce },
      ],
      [
        { id: 's1', subject: '材料', from: 'pangcun@yibin-demo.gov.cn', files: [{ name: 'a.docx' }] },
        {
          id: 's2',
          files: [{ name: 't.xlsx' }],
          found: { 政务公开: { 't.xlsx': [{ missing: ['培训次数'] }] }, 保密培训: { 't.xlsx': [{}] } },
        },
      ],
    );
    expect(where(routing)).toEqual({
      s1: { to: [], way: 'none', contested: null },
      s2: { to: ['保密培训'], way: 'evidence', contested: null },
    });
  });

  it('names three campaigns in a tie', () => {
    expect(tieReason(['甲', '乙', '丙'])).toBe('同时符合「甲」「乙」和「丙」三个活动，不能确定属于哪一个');
  });

  it('lists in a campaign the files of a message that hold only another campaign’s table', () => {
    const routing = workspace(
      [
        { name: '政务公开', campaign: gongkai },
        { name: '保密培训', campaign: huamingce },
      ],
      [
        {
          id: 'm1',
          subject: '庞村镇两项材料',
          files: [{ name: '统计.xlsx' }, { name: '名册.xlsx' }, { name: '总结.docx' }],
          found: { 政务公开: { '统计.xlsx': [{ table: 'a' }] }, 保密培训: { '名册.xlsx': [{ table: 'b' }] } },
        },
      ],
    );
    expect(routing.byCampaign.get('政务公开')!.elsewhere).toEqual(new Map([['m1', new Set(['名册.xlsx'])]]));
    expect(routing.byCampaign.get('保密培训')!.elsewhere).toEqual(new Map([['m1', new Set(['统计.xlsx'])]]));
  });
});

/**
 * Two campaigns of an office of our own, as `init --from` used to write them: the title, the
 * tables' names, and the generic words of the materials asked for among the keywords.
 */
describe('routing on generic words', () => {
  const own = (base: Campaign, spec: { title: string; number: string; keywords: string[]; table: string; report: boolean }): Campaign => ({
    ...base,
    file: {
      ...base.file,
      title: spec.title,
      noticeTitle: `关于报送${spec.title}的通知`,
      documentNumber: spec.number,
      keywords: spec.keywords,
    },
    tables: [{ ...base.tables[0]!, key: spec.table, name: spec.table }],
    materials: [
      { kind: 'table', table: spec.table, name: spec.table },
      ...(spec.report ? [{ kind: 'report' as const, name: '书面总结报告' }] : []),
    ],
  });
  let alleys: Campaign;
  let civility: Campaign;
  beforeAll(() => {
    alleys = own(gongkai, {
      title: '2026年度背街小巷整治项目进度统计',
      number: '伊滨城管〔2026〕7号',
      keywords: ['2026年度背街小巷整治项目进度统计', '2026年度背街小巷整治项目进度统计表', '书面总结报告', '统计', '总结', '报告'],
      table: '2026年度背街小巷整治项目进度统计表',
      report: true,
    });
    civility = own(huamingce, {
      title: '文明单位创建登记工作',
      number: '伊滨文明办〔2026〕9号',
      keywords: ['文明单位创建登记工作', '文明单位创建登记台账', '台账'],
      table: '文明单位创建登记台账',
      report: false,
    });
  });
  const office = (messages: Parameters<typeof workspace>[1]) =>
    workspace(
      [
        { name: '背街小巷', campaign: alleys },
        { name: '文明单位', campaign: civility },
      ],
      messages,
    );

  it('leaves a unit’s unrelated report unrouted: 报告, 总结, 统计, 台账 name no campaign', () => {
    const unit = 'pangcun@yibin-demo.gov.cn';
    const routing = office([
      { id: 'n1', from: unit, subject: '关于安全生产月活动安排的报告', files: [{ name: '庞村镇安全生产月活动安排.docx' }] },
      { id: 'n2', from: unit, subject: '关于2026年办公用品采购计划的报告', files: [{ name: '办公用品采购计划的报告.docx' }] },
      { id: 'n3', from: unit, subject: '庞村镇安全隐患整改台账', files: [{ name: '整改台账.xlsx' }] },
      { id: 'n4', from: unit, subject: '上半年工作总结', body: '现将统计情况报告如下', files: [{ name: '工作总结.docx' }] },
    ]);
    expect(where(routing)).toEqual({
      n1: { to: [], way: 'none', contested: null },
      n2: { to: [], way: 'none', contested: null },
      n3: { to: [], way: 'none', contested: null },
      n4: { to: [], way: 'none', contested: null },
    });
    expect(routing.unrouted[0]!.basis).toBe(
      '没有任何活动的名称、文号、表格或关键词，只有发件人或单位名称（在「2026年度背街小巷整治项目进度统计」「文明单位创建登记工作」的名单中）',
    );
  });

  it('still routes on what names the campaign: the words of its title, its table’s name, its 文号', () => {
    const routing = office([
      { id: 'y1', subject: '庞村镇背街小巷整治总结报告', files: [{ name: '总结报告.docx' }] },
      { id: 'y2', subject: '报送材料', files: [{ name: '李村镇文明单位创建登记台账.xlsx' }] },
      { id: 'y3', subject: '关于伊滨城管〔2026〕7号的报告', files: [{ name: '报告.docx' }] },
      { id: 'y4', subject: '文明单位创建材料', files: [{ name: '说明.docx' }] },
    ]);
    expect(where(routing)).toEqual({
      y1: { to: ['背街小巷'], way: 'evidence', contested: null },
      y2: { to: ['文明单位'], way: 'evidence', contested: null },
      y3: { to: ['背街小巷'], way: 'evidence', contested: null },
      y4: { to: ['文明单位'], way: 'evidence', contested: null },
    });
    expect(routing.messages[0]!.basis).toBe('含本活动的关键词「背街小巷整治」；标题或附件名提到名单中的「庞村镇」');
  });
});
