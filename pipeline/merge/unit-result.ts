/**
 * One roster unit's result from the messages attributed to it: its tables (adopt-tables.ts), its
 * report, the materials it has not sent, whether its first material was late, its status, and
 * every problem that still stands. Pure.
 */
import { type Campaign, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import type { Material } from '../../intake/kernel/campaign/materials.js';
import { error, type Problem, shortId, warning } from '../../intake/kernel/problems.js';
import { formatBeijing } from '../../intake/kernel/time.js';
import type { NameIndex } from '../../intake/kernel/unit-names.js';
import { type AdoptedTables, adoptTables } from './adopt-tables.js';
import { bestReport, materialsSent, tableKeysIn } from './choose-material.js';
import type { MessageRecord, UnitResult } from './merge-result.js';
import { fromText, type Prepared, suppliedMaterial } from './prepared.js';
import { chooseReport, type ReportChoice } from './report-signs.js';
import { withContext } from './route.js';
import { unitStatus } from './unit-status.js';

export interface UnitContext {
  campaign: Campaign;
  names: NameIndex;
  /** Short ids of the messages the clerk must attribute that may be this unit's, by unit. */
  pendingCandidates: ReadonlyMap<string, readonly string[]>;
  records: ReadonlyMap<string, MessageRecord>;
  /** Ids of the messages the clerk attributed (decisions.yaml `assign`): never set aside as unrelated. */
  assigned: ReadonlySet<string>;
}

/** The problem a missing material is, in the words the first campaign used for its table and report. */
function missingProblem(material: Material, unit: string): Problem {
  switch (material.kind) {
    case 'table':
      return error('unit.no_table', `来信中没有找到「${material.name}」`, { unit, expected: `${material.name}（Excel 或 Word 表格）` });
    case 'report':
      return error('unit.no_report', `来信中没有${material.name}`, { unit, expected: `${material.name}（Word、WPS、PDF 或文本文件）` });
    case 'file':
      return error('unit.no_material', `来信中没有「${material.name}」`, {
        unit,
        expected: `文件名中含「${material.keywords.join('」或「')}」的文件`,
      });
  }
}

/** The required materials the unit has not sent. */
function missingMaterials(campaign: Campaign, messages: readonly Prepared[], adopted: AdoptedTables, hasReport: boolean): Material[] {
  const files = materialsSent(messages);
  return campaign.materials.filter((material) => {
    if (material.kind === 'table') return adopted.tables[material.table]?.file === null;
    if (material.kind === 'report') return !hasReport;
    return !files.has(material.name);
  });
}

/** The latest message carrying each other material (a signed scan), in the campaign's order. */
function materialMessages(messages: readonly Prepared[]): Prepared[] {
  return [...materialsSent(messages)].flatMap(
    (material) => messages.filter((message) => message.materialFiles.some((item) => item.material === material)).at(-1) ?? [],
  );
}

interface Adopted {
  tables: AdoptedTables;
  reportMessage: Prepared | null;
  latest: Prepared | null;
  /** The latest message a table was taken from. */
  lastTable: Prepared | null;
}

/**
 * Problems of the unit's messages beside its tables' (whose own problems adopt-tables.ts gave):
 * the report's message, the other materials', the latest one, and — as errors only — a later
 * message that supplied nothing (only a 超大附件 link, an archive that would not open): the clerk
 * may have to fetch a newer table by hand. Gives the messages the result stands on.
 */
function otherMessageProblems(unit: string, messages: readonly Prepared[], adopted: Adopted): { problems: Problem[]; used: Set<Prepared> } {
  const used = new Set<Prepared>(adopted.tables.winners.values());
  const problems: Problem[] = [];
  const include = (message: Prepared | null, errorsOnly = false) => {
    if (message === null || used.has(message)) return;
    used.add(message);
    const list = errorsOnly ? message.problems.filter((item) => item.severity === 'error') : message.problems;
    problems.push(...withContext(list, unit, shortId(message.stored.receipt.id)));
  };
  include(adopted.reportMessage);
  for (const message of materialMessages(messages)) include(message);
  // The messages whose material counts; the latest one's problems are shown even when it gave none.
  const standing = new Set(used);
  include(adopted.latest);
  const shown = new Set(used);
  for (const message of messages) {
    if (shown.has(message) || suppliedMaterial(message)) continue;
    if (adopted.lastTable && message.atMs < adopted.lastTable.atMs) continue;
    include(message, true);
  }
  return { problems, used: standing };
}

/** Earlier materials replaced by later ones stay in the history, marked as such. */
function markHistory(messages: readonly Prepared[], used: ReadonlySet<Prepared>, records: ReadonlyMap<string, MessageRecord>): void {
  for (const message of messages) {
    if (used.has(message)) continue;
    // A message that supplied nothing (an unreadable archive, only a link) was replaced by
    // nothing: it is 无可用材料, not 已被更正.
    records.get(message.stored.receipt.id)!.outcome = suppliedMaterial(message) ? 'superseded' : 'noMaterial';
  }
}

function lateProblem(unit: string, first: Prepared | null, campaign: Campaign): Problem[] {
  if (first === null || !Number.isFinite(first.atMs) || first.atMs <= campaign.deadlineMs || !first.at) return [];
  const summary = `首次报送时间 ${formatBeijing(first.at)} 晚于截止时间 ${formatBeijing(campaign.file.deadline)}`;
  return [warning('unit.late', summary, { unit })];
}

/**
 * A unit's paper that is not this campaign's (report-signs.ts) is no submission of the unit: it
 * is 无关邮件, and the record says why, for the clerk to assign it if it is one after all.
 */
function markSetAside(choice: ReportChoice, records: ReadonlyMap<string, MessageRecord>): void {
  for (const { message, reason } of choice.setAside) {
    const record = records.get(message.stored.receipt.id)!;
    record.outcome = 'unrelated';
    record.unit = null;
    record.basis = `${record.basis}；${reason}`;
  }
}

/**
 * A message whose material stands but some of whose tables a later message replaced (a
 * correction resending only 附件2): its record says which, by which message.
 */
function markReplacedTables(messages: readonly Prepared[], adopted: AdoptedTables, ctx: UnitContext): void {
  for (const message of messages) {
    const replaced = new Map<Prepared, string[]>();
    for (const key of tableKeysIn(message)) {
      const winner = adopted.winners.get(key);
      if (winner === undefined || winner === message) continue;
      const table = ctx.campaign.tables.find((item) => item.key === key)!;
      replaced.set(winner, [...(replaced.get(winner) ?? []), table.attachmentLabel || table.name]);
    }
    const record = ctx.records.get(message.stored.receipt.id)!;
    if (replaced.size === 0 || record.outcome !== 'adopted') continue;
    record.note = [...replaced]
      .map(([winner, tables]) => `${tables.join('、')}已由来信 ${shortId(winner.stored.receipt.id)} 更正`)
      .join('；');
  }
}

export function unitResult(unit: string, received: readonly Prepared[], ctx: UnitContext): UnitResult {
  const { campaign } = ctx;
  const choice = chooseReport(received, campaign, ctx.names, ctx.assigned);
  markSetAside(choice, ctx.records);
  const messages = choice.kept;
  const adopted = adoptTables(unit, messages, ctx.names, campaign);
  const primary = primaryTable(campaign.tables);
  const primaryWinner = adopted.winners.get(primary.key) ?? null;
  const winners = new Set(adopted.winners.values());
  const lastTable = messages.filter((message) => winners.has(message)).at(-1) ?? null;
  const reportMessage = choice.reportMessage;
  const reportFile = reportMessage ? bestReport(reportMessage.reports) : null;
  const first = messages.find((message) => message.tables.length > 0) ?? messages[0] ?? null;
  const latest = primaryWinner ?? lastTable ?? reportMessage ?? messages.at(-1) ?? null;
  const others = otherMessageProblems(unit, messages, { tables: adopted, reportMessage, latest, lastTable });
  const hasMail = messages.length > 0;
  const missing = missingMaterials(campaign, messages, adopted, reportFile !== null);
  const pending = ctx.pendingCandidates.get(unit) ?? [];
  const problems = [
    ...adopted.problems,
    ...others.problems,
    // A unit that sent nothing is 未报送: its materials are not listed one by one as problems.
    ...(hasMail ? missing.map((material) => missingProblem(material, unit)) : []),
    ...lateProblem(unit, first, campaign),
    ...(hasMail && pending.length > 0
      ? [warning('unit.maybe_more', `另有来信（编号 ${pending.join('、')}）可能属于本单位，待核实`, { unit })]
      : []),
  ];
  markHistory(messages, others.used, ctx.records);
  markReplacedTables(messages, adopted, ctx);
  // 最近报送时间 and the sender, subject, files shown with it: the latest message whose material
  // stands (a correction resending only the list, only the report, counts); lateness stays by the first.
  const current = messages.filter((message) => others.used.has(message)).at(-1) ?? latest;
  const late = lateProblem(unit, first, campaign).length > 0;
  const primaryResult = adopted.tables[primary.key]!;
  return {
    unit,
    status: unitStatus({ hasMail, pending: pending.length > 0, hasErrors: adopted.hasErrors, complete: missing.length === 0, late }),
    late,
    receivedAt: current?.at ?? null,
    firstReceivedAt: first?.at ?? null,
    values: primaryResult.file === null || primary.kind === 'list' ? null : primaryResult.values,
    countedInTotals: primaryResult.counted,
    tableFile: primaryResult.file,
    tableMessageId: primaryResult.messageId,
    report:
      reportMessage && reportFile
        ? { messageId: reportMessage.stored.receipt.id, file: reportFile.name, analysis: reportFile.report!.analysis }
        : null,
    sender: current ? fromText(current.stored.facts) : null,
    subject: current ? current.stored.facts.subject : null,
    files: current ? current.stored.facts.attachments.map((file) => file.name) : [],
    messageIds: messages.map((message) => message.stored.receipt.id),
    tables: adopted.tables,
    missing: missing.map((material) => material.name),
    problems,
  };
}
