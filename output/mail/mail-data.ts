/**
 * The data the mail templates see (pure). Fields are listed in README (回执, 催报); `huizong
 * check` fills each template with `sampleReceiptData`/`sampleReminderData` so a field that does
 * not exist is reported with its line.
 */
import { type Campaign, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import type { ProblemCode } from '../../intake/kernel/problem-codes.js';
import { describeProblem, type Problem, SEVERITY_LABEL } from '../../intake/kernel/problems.js';
import { type MessageRecord, UNIT_STATUS_LABEL, type UnitResult } from '../../pipeline/merge/merge-result.js';
import { labelledValues, materialNames, missingParts, resendParts, unitTablesForMail } from './mail-tables.js';

export { missingParts } from './mail-tables.js';

export function campaignFields(campaign: Campaign) {
  const file = campaign.file;
  return {
    title: file.title,
    documentNumber: file.documentNumber,
    issuingOffice: file.issuingOffice,
    secretariat: file.secretariat,
    noticeTitle: file.noticeTitle,
    deadline: file.deadline,
    tableName: primaryTable(campaign.tables).name,
  };
}

/**
 * A problem as a unit reads it: where (file, cell, column), what was found, what is expected. A
 * broken rule's summary already says both (「…」为 0，「…」为 4，前者应等于后者): not again.
 */
function problemText(problem: Problem): string {
  const { unit: _unit, messageId: _message, ...rest } = problem;
  const base = describeProblem(rest);
  if (problem.code.startsWith('rule.')) return base;
  const extra = [
    problem.found !== undefined && !base.includes(problem.found) ? `填写的是「${problem.found}」` : '',
    problem.expected && !base.includes(problem.expected) ? `应为${problem.expected}` : '',
  ].filter((part) => part !== '');
  return extra.length > 0 ? `${base}（${extra.join('，')}）` : base;
}

/**
 * Problems that are the office's business, not the unit's: 「另有来信（编号 …）可能属于本单位，
 * 待核实」 names a message by an internal number and may be another unit's (a unit forwarding a
 * neighbour's mail, a wrong file from elsewhere). The clerk settles it (console, 问题清单); once
 * attributed, the message gets a receipt of its own, so the unit hears of it then.
 */
const OFFICE_ONLY: ReadonlySet<ProblemCode> = new Set<ProblemCode>(['unit.maybe_more']);

/** What a unit is told: its problems minus the office's own business. */
export function unitProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((item) => !OFFICE_ONLY.has(item.code));
}

export function problemItems(problems: readonly Problem[]) {
  return problems.map((item, index) => ({ index: index + 1, severity: SEVERITY_LABEL[item.severity], text: problemText(item) }));
}

export interface ReceiptDataInput {
  campaign: Campaign;
  unit: UnitResult;
  messages: readonly MessageRecord[];
  contact: string;
  /** The date by which to resend: the circular's new deadline, or the campaign's; '' once past (as soon as possible). */
  resendBy: string;
}

export function receiptData(input: ReceiptDataInput) {
  const { campaign, unit } = input;
  const primary = primaryTable(campaign.tables);
  const values = primary.kind === 'row' ? labelledValues(primary, unit.tables[primary.key]?.values ?? null) : [];
  const needsResend = unit.status === 'invalid' || unit.status === 'incomplete';
  return {
    campaign: campaignFields(campaign),
    contact: input.contact,
    unit: unit.unit,
    status: UNIT_STATUS_LABEL[unit.status],
    late: unit.late,
    /** "（首次报送晚于截止时间）" when late and the status does not say so already. */
    lateNote: unit.late && unit.status !== 'late' ? '（首次报送晚于截止时间）' : '',
    received: input.messages.map((message, index) => ({
      index: index + 1,
      receivedAt: message.receivedAt ?? '',
      subject: message.subject,
      files: message.files,
    })),
    tableFile: unit.tables[primary.key]?.file ?? '',
    reportFile: unit.report?.file ?? '',
    values,
    tables: unitTablesForMail(campaign, unit),
    materials: materialNames(campaign),
    sentMaterials: unit.messageIds.length === 0 ? [] : materialNames(campaign).filter((name) => !unit.missing.includes(name)),
    problems: problemItems(unitProblems(unit.problems)),
    missing: missingParts(campaign, unit),
    needsResend,
    resend: needsResend ? resendParts(campaign, unit) : [],
    resendBy: input.resendBy,
  };
}

export interface ReminderDataInput {
  campaign: Campaign;
  unit: UnitResult;
  contact: string;
  /** The date units are asked to report by (the campaign's deadline, or the circular's new one once past; '' when none: as soon as possible). */
  deadline: string;
  asOf: string;
  round: string;
}

export function reminderData(input: ReminderDataInput) {
  const { campaign, unit } = input;
  return {
    campaign: campaignFields(campaign),
    contact: input.contact,
    unit: unit.unit,
    status: UNIT_STATUS_LABEL[unit.status],
    materials: materialNames(campaign),
    missing: missingParts(campaign, unit),
    problems: problemItems(unitProblems(unit.problems).filter((item) => item.severity === 'error')),
    deadline: input.deadline,
    asOf: input.asOf,
    round: input.round,
  };
}

/** Every table sent, a 统计表 with a value in each column, a list with one such row. */
function sampleTables(campaign: Campaign): UnitResult['tables'] {
  return Object.fromEntries(
    campaign.tables.map((table) => {
      const values = Object.fromEntries(
        table.columns.map((column) => [
          column.key,
          column.type === 'date'
            ? '2026-05-18'
            : column.type === 'count'
              ? 1
              : column.type === 'text' || column.type === 'choice'
                ? '无'
                : 1.5,
        ]),
      );
      const row = { location: '第5行', values, cells: {}, hasErrors: false };
      return [
        table.key,
        {
          table: table.key,
          kind: table.kind,
          file: '统计表.xlsx',
          messageId: '0'.repeat(64),
          receivedAt: campaign.file.deadline,
          values: table.kind === 'row' ? values : null,
          cells: {},
          rows: table.kind === 'list' ? [row] : [],
          counted: false,
        },
      ];
    }),
  );
}

/** A unit in trouble with every field filled, for `check`'s trial render. */
function sampleUnit(campaign: Campaign, name: string): UnitResult {
  const problem: Problem = {
    severity: 'error',
    code: 'value.invalid',
    summary: '「若干」不是数字',
    unit: name,
    file: '统计表.xlsx',
    location: 'Sheet1!C5',
    field: primaryTable(campaign.tables).columns[0]?.displayName ?? '',
    found: '若干',
    expected: '非负整数',
  };
  return {
    unit: name,
    status: 'invalid',
    late: true,
    receivedAt: campaign.file.deadline,
    firstReceivedAt: campaign.file.deadline,
    values: null,
    countedInTotals: false,
    tableFile: '统计表.xlsx',
    tableMessageId: '0'.repeat(64),
    report: null,
    sender: null,
    subject: '自查材料',
    files: ['统计表.xlsx'],
    messageIds: ['0'.repeat(64)],
    tables: sampleTables(campaign),
    missing: materialNames(campaign).slice(1),
    problems: [problem],
  };
}

export function sampleReceiptData(campaign: Campaign, unitName = '示例单位') {
  const message: MessageRecord = {
    id: '0'.repeat(64),
    shortId: '0'.repeat(12),
    receivedAt: campaign.file.deadline,
    receivedSource: 'internaldate',
    from: 'a@example.cn',
    subject: '自查材料',
    files: ['统计表.xlsx'],
    origin: '',
    unit: unitName,
    outcome: 'adopted',
    basis: '',
  };
  return receiptData({
    campaign,
    unit: sampleUnit(campaign, unitName),
    messages: [message],
    contact: '秘书科 电话',
    resendBy: campaign.file.deadline,
  });
}

export function sampleReminderData(campaign: Campaign, unitName = '示例单位') {
  return reminderData({
    campaign,
    unit: sampleUnit(campaign, unitName),
    contact: '秘书科 电话',
    deadline: campaign.file.deadline,
    asOf: campaign.file.deadline,
    round: '首轮',
  });
}
