/**
 * The boundary between merge and everything that shows its result (workbook, documents, CLI,
 * console): the result types, and the one map from each status and outcome key to its Chinese
 * label. Outputs import this module and nothing else of merge.
 */

import type { Campaign, TableKind } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import type { Problem } from '../../intake/kernel/problems.js';
import type { StoredMessage } from '../analyze/facts.js';
import type { ReportAnalysis } from '../report/analyze-report.js';
import type { TableValues, ValidatedListRow } from '../validate/validate-table.js';

/** A unit's status, as the notice's wording and the clerk's daily question need it. */
export const UNIT_STATUS_LABEL = {
  onTime: '按时报送',
  late: '逾期报送',
  incomplete: '材料不全',
  invalid: '数据有误',
  pending: '待核实',
  missing: '未报送',
} as const;
export type UnitStatus = keyof typeof UNIT_STATUS_LABEL;
/** In the order the clerk reads them (roster tables, counts). */
export const UNIT_STATUSES = Object.keys(UNIT_STATUS_LABEL) as UnitStatus[];

/** What became of a message. */
export const MESSAGE_OUTCOME_LABEL = {
  /** Attributed to a unit; its table and/or report is the unit's current material. */
  adopted: '采用',
  /** Attributed to a unit, but a later message of that unit replaced its table and report. */
  superseded: '已被更正',
  /** Attributed to a unit, but nothing in it could be used (an unreadable archive, only a link). */
  noMaterial: '无可用材料',
  /** The clerk must say which unit sent it. */
  pending: '待核实',
  /** Not campaign mail (no table, no report, no campaign words). */
  unrelated: '无关邮件',
  /** The same message (same Message-ID and content) was already taken in. */
  duplicate: '重复',
} as const;
export type MessageOutcome = keyof typeof MESSAGE_OUTCOME_LABEL;

/** Where a message's receive time came from. */
export const RECEIVED_SOURCE_LABEL = {
  internaldate: '邮件服务器接收时间',
  'received-header': '邮件服务器接收时间（Received 头）',
  'date-header': '发件人电脑时间（Date 头，无服务器时间）',
  unknown: '无法确定',
} as const;
export type ReceivedSource = keyof typeof RECEIVED_SOURCE_LABEL;

export interface MergeInput {
  campaign: Campaign;
  decisions: Decisions;
  messages: readonly StoredMessage[];
  /** When the IMAP mailbox was last read to the end (ISO), or null; see as-of.ts. */
  lastPollAt: string | null;
  /**
   * Messages that fit this campaign and another equally (pipeline/route/), by id, with why: each
   * is 待核实 here until the clerk assigns or ignores it. `messages` holds only those routed here.
   */
  contested?: ReadonlyMap<string, string>;
  /**
   * Attachments (by SHA-256) of those messages that hold another campaign's table and none of this
   * one's, by message id (pipeline/route/): left to that campaign, not called a file without a table here.
   */
  elsewhere?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface MessageRecord {
  id: string;
  shortId: string;
  receivedAt: string | null;
  receivedSource: ReceivedSource;
  from: string;
  subject: string;
  files: string[];
  origin: string;
  unit: string | null;
  outcome: MessageOutcome;
  /** Why: the identification evidence, or the clerk's decision, in Chinese. */
  basis: string;
  /** An adopted message some of whose tables a later message replaced: which, by which (Chinese). */
  note?: string;
}

export interface ReportRef {
  messageId: string;
  file: string;
  /** Checklist coverage, length, problems and rectification mentioned. */
  analysis: ReportAnalysis;
}

/** One row of a unit's list (明细表, 台账), as read and checked: where it is, its values and their cells. */
export type ListRowResult = ValidatedListRow;

/**
 * One table of one unit as adopted: the latest submission of that table wins (a correction that
 * resends only one table replaces only that table), earlier ones stay in the history.
 */
export interface UnitTableResult {
  /** The table's key (campaign tables[].key). */
  table: string;
  kind: TableKind;
  /** The adopted file, its message and when it arrived; all null when the unit has not sent this table. */
  file: string | null;
  messageId: string | null;
  receivedAt: string | null;
  /** 统计表: the values of the unit's row (null when not sent); 明细表: null. */
  values: TableValues | null;
  /** 统计表: each value's cell, by column key. */
  cells: Record<string, string>;
  /** 明细表: the unit's rows in its own order (none when not sent, or sent with no rows). */
  rows: ListRowResult[];
  /** Sent and without errors: its values count in the district totals. */
  counted: boolean;
}

/** The district totals of one table, over the units whose table is counted. */
export interface TableTotals {
  table: string;
  /**
   * By column key: the sum for a summed column; for a column that is not summed (a percentage),
   * the value its defining rule computes from the totals (整改率 = 已整改 / 合计 × 100), else null.
   */
  totals: Record<string, number | null>;
  /** Units counted, and units whose table was left out because of errors. */
  included: string[];
  excluded: string[];
  /** 明细表: how many rows the counted units sent in all. */
  rows: number;
}

export interface UnitResult {
  unit: string;
  status: UnitStatus;
  /** The unit's first material arrived after the deadline. */
  late: boolean;
  /**
   * 最近报送时间: receive time of the latest message whose material stands (a table, the report or
   * another material it sent is adopted), whichever table it resent; lateness is by the first.
   */
  receivedAt: string | null;
  firstReceivedAt: string | null;
  values: TableValues | null;
  /** The winning table has no errors, so its values count in the totals. */
  countedInTotals: boolean;
  tableFile: string | null;
  tableMessageId: string | null;
  report: ReportRef | null;
  /** Of the message receivedAt is from (the 报送情况 sheet lists every adopted message, MergeResult.messages). */
  sender: string | null;
  subject: string | null;
  files: string[];
  /** Ids of every message attributed to the unit, oldest first. */
  messageIds: string[];
  /** Every table of the campaign for this unit, by table key (the first 统计表's is also in values/tableFile above). */
  tables: Record<string, UnitTableResult>;
  /** The required materials the unit has not sent (their names: a table's name, 书面总结报告, 签字盖章扫描件). */
  missing: string[];
  problems: Problem[];
}

export interface UnidentifiedRecord {
  id: string;
  shortId: string;
  receivedAt: string | null;
  from: string;
  subject: string;
  files: string[];
  /** The unit name the table claimed, if it names one not on the roster. */
  claimedUnit: string | null;
  /** Roster units the evidence points to. */
  candidates: string[];
  reason: string;
}

export interface MergeResult {
  /** 数据截至 (ISO): the last full IMAP poll or the latest receipt among the stored messages (as-of.ts); null when nothing was ever read. */
  asOf: string | null;
  /**
   * When the mailbox was last read to the end (an IMAP poll: MergeInput.lastPollAt); null or
   * absent for mail from a folder or by `import`, which says when it arrived, not when it was read.
   */
  readAt?: string | null;
  deadline: string;
  units: UnitResult[];
  /** The first 统计表's totals (also in tables[key].totals). */
  totals: Record<string, number>;
  /** Every table's totals, by table key. */
  tables: Record<string, TableTotals>;
  /** Units whose tables are summed, and those left out because of errors. */
  totalsIncluded: string[];
  totalsExcluded: string[];
  unidentified: UnidentifiedRecord[];
  messages: MessageRecord[];
  /** Every current problem, units in roster order, then the messages nobody could attribute. */
  problems: Problem[];
}

/**
 * Whether the deadline had passed by `at` (the data's 数据截至 unless the caller knows better):
 * until then no unit is late or missing, whatever it has not sent yet. Taken from the data, not
 * the clock, like 数据截至 itself (as-of.ts); with no time at all it has not passed. Mail from a
 * folder or by `import` (no `readAt`) dates only its arrival: such a folder is an export read after
 * the fact, so the deadline counts as passed once any mail is in — only a mailbox read before the
 * deadline (an IMAP poll) shows that it has not.
 */
export function deadlinePassed(result: Pick<MergeResult, 'asOf' | 'deadline' | 'readAt'>, at: string | null = result.asOf): boolean {
  if (at === null) return false;
  if (Date.parse(at) > Date.parse(result.deadline)) return true;
  return (result.readAt ?? null) === null && at === result.asOf;
}

/** Before the deadline a unit that has sent nothing is 尚未报送 (not yet), not 未报送 (failed to). */
export const NOT_YET_SENT_LABEL = '尚未报送';

/** A status as the clerk reads it now. */
export function unitStatusLabel(status: UnitStatus, passed: boolean): string {
  return status === 'missing' && !passed ? NOT_YET_SENT_LABEL : UNIT_STATUS_LABEL[status];
}
