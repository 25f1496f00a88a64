import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { type Decisions, NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { error, warning } from '../../intake/kernel/problems.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { storedMail } from '../../test/support/stored-mail.js';
import type { AttachmentFacts, ReportFacts, StoredMessage } from '../analyze/facts.js';
import type { FoundTable } from '../extract/find-table.js';
import { analyzeReport } from '../report/analyze-report.js';
import { merge } from './merge.js';

let campaign: Campaign;
beforeAll(async () => {
  const full = await demoCampaign();
  // A small roster keeps expectations readable.
  campaign = { ...full, roster: full.roster.filter((unit) => ['庞村镇', '李村镇', '寇店镇', '区财政局'].includes(unit.name)) };
});

let counter = 0;
const hex = (n: number) => createHash('sha256').update(String(n)).digest('hex');

function tableOf(unit: string, values: Record<string, number | string> = {}): FoundTable {
  const cells = Object.fromEntries(
    campaign.columns.map((column, index) => {
      const value = values[column.key] ?? (column.type === 'count' ? 1 : '');
      return [
        column.key,
        typeof value === 'number'
          ? { text: String(value), number: value, address: `${String.fromCharCode(65 + index)}7` }
          : { text: value, address: `${String.fromCharCode(65 + index)}7` },
      ];
    }),
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

function reportOf(text: string | null, chars: number | null = text === null ? null : text.length): ReportFacts {
  return { chars, analysis: analyzeReport(text, campaign) };
}

function file(name: string, extra: Partial<AttachmentFacts>): AttachmentFacts {
  return {
    name,
    size: 1,
    sha256: hex(++counter),
    kind: name.endsWith('.xlsx') ? 'xlsx' : 'docx',
    tables: [],
    report: null,
    problems: [],
    ...extra,
  };
}

interface MailInput {
  from?: string;
  subject?: string;
  received: string;
  table?: FoundTable;
  report?: boolean;
  messageId?: string;
  attachments?: AttachmentFacts[];
  id?: string;
}

function mail(input: MailInput): StoredMessage {
  const id = input.id ?? hex(++counter);
  const attachments = input.attachments ?? [
    ...(input.table ? [file('统计表.xlsx', { tables: [input.table] })] : []),
    ...(input.report ? [file('自查报告.docx', { report: reportOf(null) })] : []),
  ];
  return storedMail({
    id,
    from: input.from ?? null,
    subject: input.subject ?? '自查材料',
    received: input.received,
    attachments,
    messageId: input.messageId ?? `<${id.slice(-8)}@x>`,
    dateHeader: '2013-08-10T00:00:00.000Z',
    storedAt: '2026-01-01T00:00:00.000Z',
  });
}

const run = (messages: StoredMessage[], decisions: Decisions = NO_DECISIONS) =>
  merge({ campaign, decisions, messages, lastPollAt: '2013-08-20T00:00:00.000Z' });
const unit = (result: ReturnType<typeof run>, name: string) => result.units.find((item) => item.unit === name)!;

const ON_TIME = '2013-08-15T02:00:00.000Z';
const LATE = '2013-08-19T01:31:02.000Z';

describe('merge', () => {
  it('gives every roster unit a status, in roster order', () => {
    const result = run([
      mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇'), report: true }),
      mail({ from: 'koudian@yibin-demo.gov.cn', received: LATE, table: tableOf('寇店镇'), report: true }),
      mail({ from: 'licun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('李村镇') }),
    ]);
    expect(result.units.map((item) => [item.unit, item.status, item.late])).toEqual([
      ['庞村镇', 'onTime', false],
      ['李村镇', 'incomplete', false],
      ['寇店镇', 'late', true],
      ['区财政局', 'missing', false],
    ]);
  });

  it('judges lateness by the server time even when the Date header is before the deadline', () => {
    const message = mail({ from: 'koudian@yibin-demo.gov.cn', received: LATE, table: tableOf('寇店镇'), report: true });
    expect(message.facts.dateHeader! < campaign.file.deadline).toBe(true);
    expect(unit(run([message]), '寇店镇').status).toBe('late');
  });

  it('uses IMAP INTERNALDATE over any header', () => {
    const message = mail({ from: 'koudian@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('寇店镇'), report: true });
    message.receipt.internalDate = LATE;
    expect(unit(run([message]), '寇店镇').late).toBe(true);
  });

  it('lets the latest table win and keeps the first in the history', () => {
    const first = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      received: '2013-08-14T02:00:00.000Z',
      table: tableOf('庞村镇', { departments: 5, sealedMediaClassified: 9 }),
      report: true,
    });
    const second = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      received: '2013-08-16T02:00:00.000Z',
      table: tableOf('庞村镇', { departments: 6 }),
    });
    const result = run([second, first]);
    const pangcun = unit(result, '庞村镇');
    expect(pangcun.status).toBe('onTime');
    expect(pangcun.values?.departments).toBe(6);
    expect(pangcun.report?.messageId).toBe(first.receipt.id);
    expect(result.messages.map((message) => message.outcome)).toEqual(['adopted', 'adopted']);
  });

  it('marks a superseded message', () => {
    const first = mail({ from: 'pangcun@yibin-demo.gov.cn', received: '2013-08-14T02:00:00.000Z', table: tableOf('庞村镇'), report: true });
    const second = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      received: '2013-08-16T02:00:00.000Z',
      table: tableOf('庞村镇'),
      report: true,
    });
    expect(run([first, second]).messages.map((message) => message.outcome)).toEqual(['superseded', 'adopted']);
  });

  it('orders same-second arrivals by IMAP UID, then store order, then Date header — never by hash alone', () => {
    const second = '2013-08-15T02:00:07.000Z';
    const build = (departments: number, id: string, receipt: Partial<StoredMessage['receipt']>, dateHeader?: string) => {
      const message = mail({
        id,
        from: 'pangcun@yibin-demo.gov.cn',
        received: second,
        table: tableOf('庞村镇', { departments }),
        report: true,
      });
      return {
        receipt: { ...message.receipt, internalDate: second, ...receipt },
        facts: { ...message.facts, ...(dateHeader ? { dateHeader } : {}) },
      };
    };
    // The correction (departments 6) has the smaller hash: hash order alone would let the first submission win.
    const imap = (uid: number) => ({ imap: { uidValidity: '7', uid, folder: 'INBOX' }, source: 'imap' as const });
    const firstByUid = build(5, 'f'.repeat(64), imap(41));
    const correctionByUid = build(6, '0'.repeat(64), imap(42));
    expect(unit(run([correctionByUid, firstByUid]), '庞村镇').values?.departments).toBe(6);
    // Different folders: the UIDs say nothing, the store order does.
    const firstStored = build(5, 'f'.repeat(64), {
      storedAt: '2026-01-01T00:00:01.000Z',
      imap: { uidValidity: '7', uid: 900, folder: 'Junk' },
    });
    const correctionStored = build(6, '0'.repeat(64), {
      storedAt: '2026-01-01T00:00:02.000Z',
      imap: { uidValidity: '9', uid: 3, folder: 'INBOX' },
    });
    expect(unit(run([correctionStored, firstStored]), '庞村镇').values?.departments).toBe(6);
    // Stored in the same batch: the sender's Date header.
    const firstDated = build(5, 'f'.repeat(64), {}, '2013-08-15T01:59:00.000Z');
    const correctionDated = build(6, '0'.repeat(64), {}, '2013-08-15T02:00:01.000Z');
    expect(unit(run([correctionDated, firstDated]), '庞村镇').values?.departments).toBe(6);
  });

  it('says 无可用材料 for a message of a unit that supplied nothing, not 已被更正', () => {
    const useful = mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇'), report: true });
    const linkOnly = mail({ from: 'pangcun@yibin-demo.gov.cn', received: '2013-08-15T03:00:00.000Z', attachments: [] });
    const result = run([useful, linkOnly]);
    expect(result.messages.map((message) => message.outcome)).toEqual(['adopted', 'noMaterial']);
  });

  it('judges lateness by the first table, not the correction', () => {
    const first = mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇'), report: true });
    const correction = mail({ from: 'pangcun@yibin-demo.gov.cn', received: LATE, table: tableOf('庞村镇'), report: true });
    expect(unit(run([first, correction]), '庞村镇')).toMatchObject({ status: 'onTime', late: false });
  });

  it('leaves a unit with errors out of the totals, and says so', () => {
    const result = run([
      mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇', { departments: 10 }), report: true }),
      mail({
        from: 'licun@yibin-demo.gov.cn',
        received: ON_TIME,
        table: tableOf('李村镇', { departments: 7, computersClassified: '若干' }),
        report: true,
      }),
    ]);
    expect(unit(result, '李村镇').status).toBe('invalid');
    expect(result.totals.departments).toBe(10);
    expect(result.totalsIncluded).toEqual(['庞村镇']);
    expect(result.totalsExcluded).toEqual(['李村镇']);
  });

  it('sends conflicting evidence to the clerk, and marks the claimed unit 待核实', () => {
    const spoof = mail({ from: 'licun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('寇店镇'), report: true });
    const result = run([spoof]);
    expect(result.unidentified).toEqual([expect.objectContaining({ id: spoof.receipt.id, candidates: ['李村镇', '寇店镇'] })]);
    expect(unit(result, '寇店镇').status).toBe('pending');
    expect(unit(result, '李村镇').status).toBe('pending');
    expect(result.messages[0]?.outcome).toBe('pending');
    expect(
      result.problems.some((problem) => problem.code === 'mail.unidentified' && problem.messageId === spoof.receipt.id.slice(0, 12)),
    ).toBe(true);
  });

  it('follows the clerk: assign a doubtful message, ignore another', () => {
    const spoof = mail({ from: 'licun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('寇店镇'), report: true });
    const noise = mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇'), report: true });
    const decisions: Decisions = {
      ...NO_DECISIONS,
      assign: [{ message: spoof.receipt.id.slice(0, 12), unit: '寇店镇', reason: '电话核实' }],
      ignore: [{ message: noise.receipt.id.slice(0, 8), reason: '测试邮件' }],
    };
    const result = run([spoof, noise], decisions);
    expect(unit(result, '寇店镇').status).toBe('onTime');
    expect(unit(result, '庞村镇').status).toBe('missing');
    expect(result.messages.find((message) => message.id === spoof.receipt.id)?.basis).toBe('区综合办公室秘书科认定：电话核实');
    expect(result.unidentified).toEqual([]);
  });

  it('leaves a message that fits another campaign as well to the clerk, until assigned or ignored here', () => {
    const both = mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇'), report: true });
    const reason = '同时符合「甲」和「乙」两个活动，不能确定属于哪一个';
    const contested = new Map([[both.receipt.id, reason]]);
    const doubtful = merge({ campaign, decisions: NO_DECISIONS, messages: [both], lastPollAt: null, contested });
    expect(unit(doubtful, '庞村镇').status).toBe('pending');
    expect(doubtful.messages[0]).toMatchObject({ outcome: 'pending', unit: null });
    expect(doubtful.unidentified).toEqual([expect.objectContaining({ id: both.receipt.id, candidates: ['庞村镇'], reason })]);
    expect(doubtful.problems.find((problem) => problem.code === 'mail.unidentified')?.summary).toBe(
      `无法确定属于哪个活动（${reason}），请核实后认定报送单位，或认定为与本活动无关`,
    );
    const assign = { ...NO_DECISIONS, assign: [{ message: both.receipt.id.slice(0, 12), unit: '庞村镇', reason: '' }] };
    const settled = merge({ campaign, decisions: assign, messages: [both], lastPollAt: null, contested });
    expect(unit(settled, '庞村镇').status).toBe('onTime');
    expect(settled.unidentified).toEqual([]);
  });

  it('leaves a file holding another campaign’s table to that campaign: no 没有找到表头 here', () => {
    const theirs = file('名册.xlsx', {
      problems: [warning('table.not_found', '这个 Excel 文件中没有找到「统计表」的表头', { file: '名册.xlsx' })],
    });
    const odd = file('其他.xlsx', {
      problems: [warning('table.not_found', '这个 Excel 文件中没有找到「统计表」的表头', { file: '其他.xlsx' })],
    });
    const message = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      received: ON_TIME,
      attachments: [file('统计表.xlsx', { tables: [tableOf('庞村镇')] }), theirs, odd, file('自查报告.docx', { report: reportOf(null) })],
    });
    const notFound = (result: ReturnType<typeof run>) =>
      unit(result, '庞村镇')
        .problems.filter((item) => item.code === 'table.not_found')
        .map((item) => item.file);
    expect(notFound(run([message]))).toEqual(['名册.xlsx', '其他.xlsx']);
    const elsewhere = new Map([[message.receipt.id, new Set([theirs.sha256])]]);
    const shared = merge({ campaign, decisions: NO_DECISIONS, messages: [message], lastPollAt: null, elsewhere });
    expect(notFound(shared)).toEqual(['其他.xlsx']);
    expect(unit(shared, '庞村镇').status).toBe('onTime');
  });

  it('ignores mail that carries no table, no report and no campaign words', () => {
    const notice = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      subject: '关于召开防汛会议的通知',
      received: ON_TIME,
      attachments: [file('会议议程.docx', { report: reportOf(null) })],
    });
    const result = run([notice]);
    expect(result.messages[0]?.outcome).toBe('unrelated');
    expect(unit(result, '庞村镇').status).toBe('missing');
    expect(result.unidentified).toEqual([]);
  });

  it('keeps a mail from a unit whose body or forwarded part could not be read, whatever its subject: 材料不全, never 未报送', () => {
    for (const code of ['mail.unreadable', 'mail.forward_unreadable', 'mail.too_complex'] as const) {
      const message = mail({ from: 'pangcun@yibin-demo.gov.cn', subject: 'Wow', received: ON_TIME, attachments: [] });
      message.facts.problems.push(error(code, '无法读取'));
      const result = run([message]);
      expect(result.messages[0]?.outcome).not.toBe('unrelated');
      expect(result.messages[0]?.unit).toBe('庞村镇');
      expect(unit(result, '庞村镇').status).toBe('incomplete');
    }
  });

  it('counts a message delivered twice (same Message-ID and content) once', () => {
    const one = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      received: ON_TIME,
      table: tableOf('庞村镇'),
      report: true,
      messageId: '<same@x>',
    });
    const twice = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      received: '2013-08-15T03:00:00.000Z',
      messageId: '<same@x>',
      attachments: one.facts.attachments,
    });
    const result = run([twice, one]);
    expect(result.messages.map((message) => message.outcome)).toEqual(['adopted', 'duplicate']);
    expect(unit(result, '庞村镇').messageIds).toEqual([one.receipt.id]);
  });

  it('is deterministic whatever the order of stored messages', () => {
    const messages = [
      mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇'), report: true }),
      mail({ from: 'licun@yibin-demo.gov.cn', received: LATE, table: tableOf('李村镇'), report: true }),
      mail({ from: 'x@qq.com', received: ON_TIME, table: tableOf('') }),
    ];
    expect(run([...messages].reverse())).toEqual(run(messages));
  });

  it('takes the table that names the sender among several in one workbook, lists the others, never sums', () => {
    const village = { ...tableOf('西岭村', { departments: 2 }), source: '工作表「西岭村」' };
    const lastYear = { ...tableOf('', { departments: 50 }), source: '工作表「2012年」' };
    const own = { ...tableOf('庞村镇人民政府', { departments: 12 }), source: '工作表「本镇」' };
    const message = mail({
      from: 'pangcun@yibin-demo.gov.cn',
      received: ON_TIME,
      attachments: [file('统计表.xlsx', { tables: [village, lastYear, own] }), file('自查报告.docx', { report: reportOf('x', 600) })],
    });
    const result = run([message]);
    expect(unit(result, '庞村镇').values).toMatchObject({ departments: 12 });
    expect(result.totals['departments']).toBe(12);
    expect(
      unit(result, '庞村镇')
        .problems.filter((item) => item.code === 'table.extra')
        .map((item) => [item.location, item.summary]),
    ).toEqual([
      ['工作表「西岭村」', '同一封来信中还有一份统计表（填报单位「西岭村」），未采用、未计入'],
      ['工作表「2012年」', '同一封来信中还有一份统计表，未采用、未计入'],
    ]);
  });

  it('takes the report with the most readable text when a message carries several', () => {
    const scan = file('扫描件.pdf', { kind: 'pdf', report: { ...reportOf(null), scanned: true } });
    const docx = file('自查报告.docx', { report: reportOf('制度建设', 600) });
    const short = file('说明.txt', { kind: 'txt', report: reportOf('附件为自查报告', 20) });
    const result = run([
      mail({
        from: 'pangcun@yibin-demo.gov.cn',
        received: ON_TIME,
        attachments: [file('统计表.xlsx', { tables: [tableOf('庞村镇')] }), docx, scan, short],
      }),
    ]);
    expect(unit(result, '庞村镇').report?.file).toBe('自查报告.docx');
  });
});

describe('merge and the time the mailbox was last read', () => {
  // `status` takes the last merge result from the cache (output/doors/merge-result-cache.ts) and works out
  // asOf again from the last poll; the outputs are reused while only the last poll changed
  // (output/doors/input-fingerprint.ts). Both rely on this: the last poll only moves result.asOf
  // and result.readAt (both set again by those callers).
  it('depends on the last poll only through result.asOf and result.readAt', () => {
    const messages = [
      mail({ from: 'pangcun@yibin-demo.gov.cn', received: ON_TIME, table: tableOf('庞村镇'), report: true }),
      mail({ from: 'koudian@yibin-demo.gov.cn', received: LATE, table: tableOf('寇店镇'), report: true }),
    ];
    const early = merge({ campaign, decisions: NO_DECISIONS, messages, lastPollAt: '2013-08-16T00:00:00.000Z' });
    const later = merge({ campaign, decisions: NO_DECISIONS, messages, lastPollAt: '2013-09-30T00:00:00.000Z' });
    const never = merge({ campaign, decisions: NO_DECISIONS, messages, lastPollAt: null });
    expect({ ...later, asOf: early.asOf, readAt: early.readAt }).toEqual(early);
    expect({ ...never, asOf: early.asOf, readAt: early.readAt }).toEqual(early);
  });
});
