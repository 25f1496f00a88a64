import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { warning } from '../../intake/kernel/problems.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { storedMail } from '../../test/support/stored-mail.js';
import { pictureOnlyProblems } from '../analyze/body-material.js';
import type { AttachmentFacts, StoredMessage } from '../analyze/facts.js';
import type { FoundTable } from '../extract/find-table.js';
import { analyzeReport } from '../report/analyze-report.js';
import { merge } from './merge.js';

// The flood-season campaign: a 统计表 and a 重大隐患整改台账, the report and a signed scan required.
let campaign: Campaign;
beforeAll(async () => {
  const full = await fixtureCampaign('yinhuan-2026');
  campaign = { ...full, roster: full.roster.filter((unit) => ['庞村镇', '李村镇'].includes(unit.name)) };
});

const STAT = '汛期安全隐患排查整治情况统计表';
const LIST = '重大隐患整改台账';
const cell = (text: string | number, address: string) =>
  typeof text === 'number' ? { text: String(text), number: text, address } : { text, address };

/** The 统计表: 一般, 重大, 合计, 已整改 as given, the rest filled in consistently. */
function stat(general: number, major: number, done: number): FoundTable {
  const values: [string, string | number][] = [
    ['排查点位数', 10],
    ['发现隐患·一般隐患', general],
    ['发现隐患·重大隐患', major],
    ['发现隐患·合计', general + major],
    ['已整改', done],
    ['整改率', Math.round((done / (general + major)) * 1000) / 10],
    ['整改资金', 2.5],
    ['是否建立隐患台账', '是'],
  ];
  const cells = Object.fromEntries(values.map(([key, value], c) => [key, cell(value, `${'ABCDEFGH'[c]}6`)]));
  return {
    table: STAT,
    source: '',
    headerAddress: 'A4',
    unitName: null,
    date: null,
    rows: [{ location: '第6行', label: '', cells }],
    missingColumns: [],
  };
}

function list(...places: string[]): FoundTable {
  const rows = places.map((place, index) => ({
    location: `第${index + 5}行`,
    label: '',
    cells: { 隐患地点: cell(place, `B${index + 5}`), 发现日期: cell('2026-05-08', `D${index + 5}`), 整改资金: cell(1, `F${index + 5}`) },
  }));
  return { table: LIST, source: '', headerAddress: 'A4', unitName: null, date: null, rows, missingColumns: [] };
}

let counter = 0;
const file = (name: string, extra: Partial<AttachmentFacts> = {}): AttachmentFacts => ({
  name,
  size: 1,
  sha256: createHash('sha256').update(`${name}/${++counter}`).digest('hex'),
  kind: 'xlsx',
  tables: [],
  report: null,
  problems: [],
  ...extra,
});
const report = () => file('工作报告.docx', { kind: 'docx', report: { chars: 600, analysis: analyzeReport('排查整治工作报告', campaign) } });
const scan = (name = '签字盖章扫描件.pdf') =>
  file(name, { kind: 'pdf', report: { chars: null, scanned: true, analysis: analyzeReport(null, campaign) } });

function mail(unit: 'pangcun' | 'licun', received: string, attachments: AttachmentFacts[], subject = '隐患排查材料'): StoredMessage {
  const id = createHash('sha256').update(`${unit}/${received}/${++counter}`).digest('hex');
  return storedMail({ id, from: `${unit}@yibin-demo.gov.cn`, received, subject, attachments });
}

const run = (messages: StoredMessage[]) => merge({ campaign, decisions: NO_DECISIONS, messages, lastPollAt: null });
const ON_TIME = '2026-05-20T02:00:00.000Z';
const LATER = '2026-05-22T02:00:00.000Z';
const AFTER_DEADLINE = '2026-05-26T02:00:00.000Z';

/** A table whose 填报单位 line says `unit`. */
const namedBy = (table: FoundTable, unit: string): FoundTable => ({ ...table, unitName: { text: unit, location: 'A3' } });

describe('a message whose tables name different units', () => {
  // 庞村镇 sends its own 统计表 and, by mistake, 李村镇's 台账 renamed after itself.
  const mixed = () =>
    mail('pangcun', ON_TIME, [
      file('庞村镇附件1.xlsx', { tables: [namedBy(stat(5, 2, 6), '庞村镇')] }),
      file('庞村镇附件2.xlsx', { tables: [namedBy(list('李村甲处', '李村乙处', '李村丙处'), '李村镇')] }),
      report(),
      scan(),
    ]);

  it('is 待核实: another unit’s table never silently becomes the sender’s', () => {
    const message = mixed();
    const result = run([message]);
    const pangcun = result.units[0]!;
    expect(pangcun.status).toBe('pending');
    expect(pangcun.tables[LIST]!.file).toBeNull();
    expect(result.messages.map((item) => item.outcome)).toEqual(['pending']);
    expect(result.unidentified).toMatchObject([{ id: message.receipt.id, candidates: ['庞村镇', '李村镇'] }]);
    expect(result.unidentified[0]!.reason).toContain('重大隐患整改台账的填报单位「李村镇」→李村镇');
    // Both units it may belong to wait for the clerk.
    expect(result.units.map((unit) => unit.status)).toEqual(['pending', 'pending']);
  });

  it('is the unit’s the clerk assigns it to, every table of it', () => {
    const message = mixed();
    const decisions = { ...NO_DECISIONS, assign: [{ message: message.receipt.id, unit: '庞村镇', reason: '电话核实' }] };
    const result = merge({ campaign, decisions, messages: [message], lastPollAt: null });
    const pangcun = result.units[0]!;
    expect(result.messages.map((item) => item.outcome)).toEqual(['adopted']);
    expect(pangcun.tables[STAT]!.file).toBe('庞村镇附件1.xlsx');
    expect(pangcun.tables[LIST]!.rows).toHaveLength(3);
  });

  it('is the sender’s when its tables name it, or name no unit at all', () => {
    const own = mail('pangcun', ON_TIME, [
      file('统计表.xlsx', { tables: [namedBy(stat(5, 2, 6), '庞村镇人民政府'), namedBy(list('甲处', '乙处'), '庞村镇')] }),
      report(),
      scan(),
    ]);
    const blank = mail('licun', ON_TIME, [
      file('统计表.xlsx', { tables: [namedBy(stat(3, 1, 2), '李村镇'), list('丙处')] }),
      report(),
      scan(),
    ]);
    const result = run([own, blank]);
    expect(result.units.map((unit) => unit.status)).toEqual(['onTime', 'onTime']);
    expect(result.messages.map((item) => item.outcome)).toEqual(['adopted', 'adopted']);
  });

  it('is the sender’s when it sends its villages’ copies besides its own; those are listed, not adopted', () => {
    const result = run([
      mail('pangcun', ON_TIME, [
        file('统计表.xlsx', { tables: [namedBy(stat(5, 2, 6), '庞村镇'), namedBy(list('甲处', '乙处'), '庞村镇')] }),
        file('村级台账.xlsx', { tables: [namedBy(list('丙处'), '李村镇')] }),
        report(),
        scan(),
      ]),
    ]);
    const pangcun = result.units[0]!;
    expect(pangcun.status).toBe('onTime');
    expect(pangcun.tables[LIST]!.rows.map((row) => row.values.隐患地点)).toEqual(['甲处', '乙处']);
    expect(pangcun.problems.map((item) => item.code)).toContain('table.extra');
  });
});

describe('merge with several tables', () => {
  it('lets a correction that resends only the list replace only the list; both messages stand', () => {
    const first = mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 2, 6), list('甲处')] }), report(), scan()]);
    const correction = mail('pangcun', LATER, [file('台账（更正）.xlsx', { tables: [list('甲处', '乙处')] })], '隐患排查材料（更正）');
    const result = run([correction, first]);
    const pangcun = result.units[0]!;
    expect(pangcun.status).toBe('onTime');
    expect(pangcun.tables[STAT]).toMatchObject({ file: '统计表.xlsx', messageId: first.receipt.id, counted: true });
    expect(pangcun.tables[LIST]).toMatchObject({ file: '台账（更正）.xlsx', messageId: correction.receipt.id, counted: true });
    expect(pangcun.tables[LIST]!.rows.map((row) => row.values.隐患地点)).toEqual(['甲处', '乙处']);
    expect(result.messages.map((message) => message.outcome)).toEqual(['adopted', 'adopted']);
    // 最近报送时间 is the latest submission adopted, whichever table it resent; lateness by the first.
    expect([pangcun.firstReceivedAt, pangcun.receivedAt]).toEqual([ON_TIME, LATER]);
    expect(pangcun.subject).toBe('隐患排查材料（更正）');
  });

  it('says in the record of a message some of whose tables a later one replaced which, and by which', () => {
    const first = mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 2, 6), list('甲处')] }), report(), scan()]);
    const correction = mail('pangcun', LATER, [file('台账（更正）.xlsx', { tables: [list('甲处', '乙处')] })], '隐患排查材料（更正）');
    const [firstRecord, correctionRecord] = run([first, correction]).messages;
    expect(firstRecord).toMatchObject({ outcome: 'adopted', note: `附件2已由来信 ${correction.receipt.id.slice(0, 12)} 更正` });
    expect(correctionRecord!.note).toBeUndefined();
  });

  it('keeps a unit on time when only a correction of one table comes after the deadline, its latest time moving', () => {
    const first = mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 2, 6), list('甲处')] }), report(), scan()]);
    const correction = mail('pangcun', AFTER_DEADLINE, [file('台账（更正）.xlsx', { tables: [list('甲处', '乙处')] })]);
    const pangcun = run([first, correction]).units[0]!;
    expect(pangcun).toMatchObject({ status: 'onTime', late: false, firstReceivedAt: ON_TIME, receivedAt: AFTER_DEADLINE });
    expect(pangcun.problems.some((item) => item.code === 'unit.late')).toBe(false);
  });

  it('moves the latest time to a later message that resent only the report', () => {
    const first = mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 2, 6), list('甲处', '乙处')] }), report(), scan()]);
    const reportOnly = mail('pangcun', LATER, [report()]);
    const pangcun = run([first, reportOnly]).units[0]!;
    expect([pangcun.firstReceivedAt, pangcun.receivedAt]).toEqual([ON_TIME, LATER]);
    expect(pangcun.report?.messageId).toBe(reportOnly.receipt.id);
  });

  it('marks a message whose every table was resent later as 已被更正', () => {
    const first = mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 1, 6), list('甲处')] })]);
    const second = mail('pangcun', LATER, [file('统计表.xlsx', { tables: [stat(5, 1, 6), list('乙处')] }), report(), scan()]);
    expect(run([first, second]).messages.map((message) => message.outcome)).toEqual(['superseded', 'adopted']);
  });

  it('names every missing material: a table, the report, a file named by its keywords; a scan is no report', () => {
    const result = run([mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 0, 5)] }), scan('盖章扫描件.pdf')])]);
    const pangcun = result.units[0]!;
    expect(pangcun.status).toBe('incomplete');
    expect(pangcun.missing).toEqual([LIST, '书面总结报告']);
    expect(pangcun.report).toBeNull();
    expect(pangcun.problems.filter((item) => item.severity === 'error').map((item) => [item.code, item.summary])).toEqual([
      ['unit.no_table', '来信中没有找到「重大隐患整改台账」'],
      ['unit.no_report', '来信中没有书面总结报告'],
    ]);
    const noScan = run([mail('licun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 0, 5), list()] }), report()])]).units[1]!;
    expect(noScan.missing).toEqual(['签字盖章扫描件']);
    expect(noScan.problems.find((item) => item.code === 'unit.no_material')).toMatchObject({
      summary: '来信中没有「签字盖章扫描件」',
      expected: '文件名中含「盖章」或「扫描件」的文件',
    });
    // Everything missing of a unit that sent nothing: listed, without a problem each.
    expect(result.units[1]).toMatchObject({ status: 'missing', missing: [STAT, LIST, '书面总结报告', '签字盖章扫描件'], problems: [] });
  });

  it('judges a rule across tables once both are there: 材料不全 while the list is missing, 数据有误 when they disagree', () => {
    const withoutList = run([mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 2, 6)] }), report(), scan()])]).units[0]!;
    expect(withoutList.status).toBe('incomplete');
    expect(withoutList.problems.some((item) => item.code === 'rule.failed')).toBe(false);
    const disagreeing = run([mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 2, 6), list('甲处')] }), report(), scan()])]);
    const pangcun = disagreeing.units[0]!;
    expect(pangcun.status).toBe('invalid');
    expect(pangcun.problems.find((item) => item.code === 'rule.failed')?.summary).toBe(
      '不符合规则「行数(重大隐患整改台账) = 重大隐患」：「行数(重大隐患整改台账)」为 1，「重大隐患」为 2，前者应等于后者',
    );
    expect([pangcun.tables[STAT]!.counted, pangcun.tables[LIST]!.counted, pangcun.countedInTotals]).toEqual([false, false, false]);
    expect(disagreeing.tables[STAT]).toMatchObject({ included: [], excluded: ['庞村镇'] });
  });

  it('totals each table; a percentage by the rule that defines it, from the totals', () => {
    const result = run([
      mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 2, 6), list('甲处', '乙处')] }), report(), scan()]),
      mail('licun', ON_TIME, [file('统计表.xlsx', { tables: [stat(3, 1, 2), list('丙处')] }), report(), scan()]),
    ]);
    expect(result.tables[STAT]!.totals).toMatchObject({ 发现隐患·合计: 11, 已整改: 8, 整改率: 72.7, 整改资金: 5, 是否建立隐患台账: null });
    expect(result.tables[LIST]).toMatchObject({ totals: { 整改资金: 3, 序号: null }, rows: 3, included: ['庞村镇', '李村镇'] });
    expect(result.totals).toEqual({
      排查点位数: 20,
      发现隐患·一般隐患: 8,
      发现隐患·重大隐患: 3,
      发现隐患·合计: 11,
      已整改: 8,
      整改资金: 5,
    });
  });
});

describe('a signed scan sent as a picture', () => {
  // What analysis says of any picture: it could not read it (extract-file.ts).
  const picture = (name: string) =>
    file(name, { kind: 'image', problems: [warning('file.not_read', '图片，未读取其中的内容', { file: name })] });
  const codes = (problems: readonly { code: string }[]) => problems.map((item) => item.code);
  const tables = () => file('统计表.xlsx', { tables: [namedBy(stat(5, 1, 6), '庞村镇'), namedBy(list('甲处'), '庞村镇')] });

  it('is the material it is named as, with no word that it could not be read', () => {
    const result = run([mail('pangcun', ON_TIME, [tables(), report(), picture('统计表盖章扫描件.jpg')])]);
    const pangcun = result.units[0]!;
    expect(pangcun.missing).toEqual([]);
    expect(pangcun.status).toBe('onTime');
    expect(codes(pangcun.problems)).toEqual([]);
    expect(codes(result.problems)).not.toContain('file.not_read');
  });

  it('sent alone after the tables, is no table sent as a picture', () => {
    const first = mail('pangcun', ON_TIME, [tables(), report()]);
    const scanned = mail('pangcun', LATER, [picture('盖章扫描件.jpg')]);
    scanned.facts.problems.push(...pictureOnlyProblems({ inlineImages: [] }, scanned.facts.attachments));
    expect(codes(scanned.facts.problems)).toEqual(['mail.picture_only']);
    const pangcun = run([first, scanned]).units[0]!;
    expect(pangcun.status).toBe('onTime');
    expect(codes(pangcun.problems)).toEqual([]);
  });

  it('keeps its word for a picture that is no material, and the picture-only error beside a scan', () => {
    const photos = mail('pangcun', ON_TIME, [picture('盖章扫描件.jpg'), picture('统计表.png')]);
    photos.facts.problems.push(...pictureOnlyProblems({ inlineImages: [] }, photos.facts.attachments));
    const pangcun = run([photos]).units[0]!;
    expect(codes(pangcun.problems)).toContain('mail.picture_only');
    expect(pangcun.problems.filter((item) => item.code === 'file.not_read').map((item) => item.file)).toEqual(['统计表.png']);
  });
});

describe('a campaign that asks for no written report', () => {
  const noReport = () => ({ ...campaign, materials: campaign.materials.filter((material) => material.kind !== 'report') });

  it('takes no file for the report: a Word table or a scan is no report, and no report is missing', () => {
    const wordTable = file('庞村镇台账.docx', {
      kind: 'docx',
      tables: [list('甲处')],
      report: { chars: 110, analysis: analyzeReport('2026年度重大隐患整改台账 填报单位：庞村镇', campaign) },
    });
    const messages = [
      mail('pangcun', ON_TIME, [file('统计表.xlsx', { tables: [stat(5, 1, 6)] }), wordTable, scan()]),
      mail('licun', ON_TIME, [file('统计表.xlsx', { tables: [stat(3, 1, 4), list('乙处')] }), scan()]),
    ];
    const result = merge({ campaign: noReport(), decisions: NO_DECISIONS, messages, lastPollAt: null });
    for (const unit of result.units) {
      expect(unit.report).toBeNull();
      expect(unit.missing).toEqual([]);
      expect(unit.status).toBe('onTime');
      expect(unit.problems.map((item) => item.code)).not.toContain('report.scanned');
    }
    // The same messages where the report is required: the Word table still counts as 庞村镇's report.
    const required = merge({ campaign, decisions: NO_DECISIONS, messages, lastPollAt: null });
    expect(required.units[0]!.report?.file).toBe('庞村镇台账.docx');
    expect(required.units[1]!.missing).toEqual(['书面总结报告']);
  });
});
