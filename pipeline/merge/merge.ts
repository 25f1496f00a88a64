/**
 * Stored mail + campaign + the clerk's decisions → the state of the campaign: per unit the
 * winning table and report, its status, its problems; the totals; every message and what became
 * of it. Pure and deterministic: the same inputs give the same result, in the same order.
 */

import { primaryTable } from '../../intake/kernel/campaign/campaign.js';
import { error, hasErrors, type Problem, shortId, warning } from '../../intake/kernel/problems.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';
import { formatBeijing } from '../../intake/kernel/time.js';
import { nameIndex, unitNamedBy, unitsMentionedIn } from '../../intake/kernel/unit-names.js';
import type { AttachmentFacts, MessageFacts, StoredMessage } from '../analyze/facts.js';
import type { FoundTable } from '../extract/find-table.js';
import { type TableValues, validateTable } from '../validate/validate-table.js';
import { dataAsOf } from './as-of.js';
import { createIdentifier, EVIDENCE_LABEL, type Evidence, type Identification } from './identify.js';
import type { MergeInput, MergeResult, MessageRecord, ReceivedSource, UnidentifiedRecord, UnitResult } from './merge-result.js';
import { receivedAt } from './received-at.js';
import { emptyTotals, unitTables, unsentTable } from './table-results.js';
import { unitStatus } from './unit-status.js';

interface Prepared {
  stored: StoredMessage;
  at: string | null;
  atMs: number;
  source: ReceivedSource;
  tables: { table: FoundTable; file: AttachmentFacts }[];
  reports: AttachmentFacts[];
  problems: Problem[];
}

/** Problems that mean the message itself could not be read. */
const UNREADABLE_MAIL = new Set(['mail.unreadable', 'mail.not_a_message', 'mail.too_complex', 'mail.forward_unreadable']);

/**
 * The order messages arrived in. Receive times have whole seconds, and a mail server flushing
 * its queue delivers a unit's submission and its 【更正】 in the same second: then the order
 * the mailbox got them decides (IMAP UID within one folder, else the order huizong stored them),
 * then the sender's Date header; the content hash only makes the order total.
 */
export function arrivalOrder(a: StoredMessage & { atMs: number }, b: StoredMessage & { atMs: number }): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  const [x, y] = [a.receipt, b.receipt];
  if (x.imap && y.imap && x.imap.folder === y.imap.folder && x.imap.uidValidity === y.imap.uidValidity && x.imap.uid !== y.imap.uid) {
    return x.imap.uid - y.imap.uid;
  }
  const stored = Date.parse(x.storedAt) - Date.parse(y.storedAt);
  if (stored !== 0 && Number.isFinite(stored)) return stored;
  const dated = Date.parse(a.facts.dateHeader ?? '') - Date.parse(b.facts.dateHeader ?? '');
  if (dated !== 0 && Number.isFinite(dated)) return dated;
  return x.id.localeCompare(y.id);
}

const byTime = (a: Prepared, b: Prepared) => arrivalOrder({ ...a.stored, atMs: a.atMs }, { ...b.stored, atMs: b.atMs });

function fromText(facts: MessageFacts): string {
  if (facts.fromAddress && facts.fromName) return `${facts.fromName} <${facts.fromAddress}>`;
  return facts.fromAddress ?? facts.fromName ?? '';
}

function prepare(stored: StoredMessage): Prepared {
  const { facts, receipt } = stored;
  const received = receivedAt(receipt, facts);
  const problems: Problem[] = [...facts.problems];
  if (received.source === 'date-header') {
    problems.push(
      warning('mail.no_server_time', `邮件没有服务器接收时间，按发件人填写的时间 ${formatBeijing(received.at!)} 计`, {
        expected: '邮件服务器的接收时间',
      }),
    );
  } else if (received.source === 'unknown') {
    problems.push(warning('mail.no_time', '邮件没有任何时间信息，无法判断是否逾期'));
  }
  const tables = facts.attachments.flatMap((file) => file.tables.map((table) => ({ table, file })));
  const reports = facts.attachments.filter((file) => file.report !== null);
  for (const file of facts.attachments) problems.push(...file.problems);
  return {
    stored,
    at: received.at,
    atMs: received.at ? Date.parse(received.at) : Number.POSITIVE_INFINITY,
    source: received.source,
    tables,
    reports,
    problems,
  };
}

/** Same Message-ID and the same attachments: the same message taken in twice. */
function duplicateKey(facts: MessageFacts): string | null {
  if (!facts.messageId) return null;
  return [facts.messageId, facts.subject, ...facts.attachments.map((file) => file.sha256).sort()].join('\u0000');
}

/** "发件邮箱 a@b.cn→庞村镇；统计表填报单位「庞村镇人民政府」→庞村镇；邮件标题、附件名→庞村镇" */
function describeEvidence(evidence: readonly Evidence[]): string {
  const parts: string[] = [];
  const named = (item: Evidence) => item.unit ?? '名单中无此单位';
  for (const item of evidence) {
    if (item.source === 'address' || item.source === 'forwarded') parts.push(`${EVIDENCE_LABEL[item.source]} ${item.text}→${named(item)}`);
    if (item.source === 'table') parts.push(`${EVIDENCE_LABEL.table}「${item.text}」→${named(item)}`);
  }
  // Subject and file names: only which units they name, not their (long) text again.
  const mentions = new Map<string, Set<string>>();
  for (const item of evidence) {
    if (item.source !== 'subject' && item.source !== 'filename') continue;
    const sources = mentions.get(named(item)) ?? new Set<string>();
    sources.add(EVIDENCE_LABEL[item.source]);
    mentions.set(named(item), sources);
  }
  for (const [unit, sources] of mentions) parts.push(`${[...sources].join('、')}→${unit}`);
  return parts.join('；');
}

function isRelevant(message: Prepared, keywords: readonly string[], mentionsUnit: boolean): boolean {
  if (message.tables.length > 0) return true;
  const texts = [message.stored.facts.subject, ...message.stored.facts.attachments.map((file) => file.name)].map(looseKey);
  if (keywords.some((keyword) => texts.some((text) => text.includes(looseKey(keyword))))) return true;
  return mentionsUnit && message.reports.length > 0;
}

function withContext(problems: readonly Problem[], unit: string | undefined, messageId: string): Problem[] {
  return problems.map((item) => ({ ...item, ...(unit ? { unit } : {}), messageId }));
}

/** The table that belongs to the unit when a message carries several; the others are reported. */
function chooseTable(
  message: Prepared,
  unit: string | null,
  names: ReturnType<typeof nameIndex>,
): { chosen: Prepared['tables'][number] | null; extra: Problem[] } {
  if (message.tables.length === 0) return { chosen: null, extra: [] };
  const own = unit ? message.tables.filter((entry) => entry.table.unitName && unitNamedBy(entry.table.unitName.text, names) === unit) : [];
  const unnamed = message.tables.filter((entry) => !entry.table.unitName || entry.table.unitName.text.trim() === '');
  const chosen = own[0] ?? unnamed[0] ?? message.tables[0]!;
  const extra = message.tables
    .filter((entry) => entry !== chosen)
    .map((entry) =>
      warning(
        'table.extra',
        `同一封来信中还有一份统计表${entry.table.unitName?.text ? `（填报单位「${entry.table.unitName.text}」）` : ''}，未采用、未计入`,
        {
          file: entry.file.name,
          ...(entry.table.source ? { location: entry.table.source } : {}),
        },
      ),
    );
  return { chosen, extra };
}

/**
 * Several report files in one message (a .docx and its PDF, a scan and the original): the one
 * with the most readable text; among equals, the last.
 */
function bestReport(reports: readonly AttachmentFacts[]): AttachmentFacts | null {
  return reports.reduce<AttachmentFacts | null>(
    (best, file) => (best === null || (file.report!.chars ?? -1) >= (best.report!.chars ?? -1) ? file : best),
    null,
  );
}

export function merge(input: MergeInput): MergeResult {
  const { campaign, decisions } = input;
  const identifier = createIdentifier(campaign.roster);
  const names = nameIndex(campaign.roster);
  const assigned = new Map(decisions.assign.map((item) => [item.message, item]));
  const ignored = new Map(decisions.ignore.map((item) => [item.message, item]));
  /** Who decides, as the campaign names the secretariat (the basis column says who attributed a message). */
  const clerk = campaign.file.secretariat || '承办部门';
  const decisionFor = <T>(map: Map<string, T>, id: string): T | undefined => {
    for (const [prefix, value] of map) if (id.startsWith(prefix)) return value;
    return undefined;
  };

  const prepared = input.messages.map(prepare).sort(byTime);
  const records = new Map<string, MessageRecord>();
  const seen = new Set<string>();
  const perUnit = new Map<string, Prepared[]>();
  const pendingCandidates = new Map<string, string[]>();
  const unidentified: UnidentifiedRecord[] = [];
  const looseProblems: Problem[] = [];

  for (const message of prepared) {
    const { facts, receipt } = message.stored;
    const record: MessageRecord = {
      id: receipt.id,
      shortId: shortId(receipt.id),
      receivedAt: message.at,
      receivedSource: message.source,
      from: fromText(facts),
      subject: facts.subject,
      files: facts.attachments.map((file) => file.name),
      origin: receipt.origin,
      unit: null,
      outcome: 'unrelated',
      basis: '',
    };
    records.set(receipt.id, record);

    const duplicate = duplicateKey(facts);
    if (duplicate !== null && seen.has(duplicate)) {
      record.outcome = 'duplicate';
      record.basis = `与先收到的来信 Message-ID 和内容相同（${facts.messageId}）`;
      continue;
    }
    if (duplicate !== null) seen.add(duplicate);

    const ignoreDecision = decisionFor(ignored, receipt.id);
    if (ignoreDecision) {
      record.basis = `${clerk}认定为无关邮件${ignoreDecision.reason ? `：${ignoreDecision.reason}` : ''}`;
      continue;
    }

    let identification: Identification = identifier.identify({
      fromAddress: facts.fromAddress,
      forwardedFrom: facts.forwardedFrom,
      subject: facts.subject,
      fileNames: facts.attachments.map((file) => file.name),
      tableUnitNames: message.tables.map((entry) => entry.table.unitName?.text ?? ''),
    });
    const assignDecision = decisionFor(assigned, receipt.id);
    if (assignDecision) {
      identification = { kind: 'unit', unit: assignDecision.unit, evidence: identification.evidence };
      record.basis = `${clerk}认定${assignDecision.reason ? `：${assignDecision.reason}` : ''}`;
    } else {
      record.basis = describeEvidence(identification.evidence) || '无任何单位线索';
    }

    // A message that could not be read at all may be anyone's: the clerk must see it.
    const unreadable = facts.problems.find((item) => UNREADABLE_MAIL.has(item.code));
    const mentionsUnit = unitsMentionedIn([facts.subject, ...record.files].join(' '), names).length > 0;
    // Fits another campaign of the office as well (pipeline/route/): the clerk says whose it is.
    const contested = assignDecision ? undefined : input.contested?.get(receipt.id);
    if (!assignDecision && !unreadable && contested === undefined && !isRelevant(message, campaign.file.keywords, mentionsUnit)) continue;

    if (identification.kind === 'unit' && contested === undefined) {
      record.unit = identification.unit;
      record.outcome = 'adopted';
      const list = perUnit.get(identification.unit) ?? [];
      list.push(message);
      perUnit.set(identification.unit, list);
      continue;
    }

    record.outcome = 'pending';
    const candidates =
      identification.kind === 'conflict' ? identification.candidates : identification.kind === 'unit' ? [identification.unit] : [];
    const reason = contested
      ? contested
      : unreadable
        ? unreadable.summary
        : identification.kind === 'conflict'
          ? `线索指向不同单位：${describeEvidence(identification.evidence)}`
          : identification.kind === 'none' && identification.claimed
            ? `统计表填报单位「${identification.claimed}」不在单位名单中，发件邮箱也未登记`
            : '发件邮箱未登记，标题、附件名和统计表中也没有名单中的单位';
    for (const candidate of candidates)
      pendingCandidates.set(candidate, [...(pendingCandidates.get(candidate) ?? []), shortId(receipt.id)]);
    unidentified.push({
      id: receipt.id,
      shortId: shortId(receipt.id),
      receivedAt: message.at,
      from: record.from,
      subject: facts.subject,
      files: record.files,
      claimedUnit: identification.kind === 'unit' ? null : identification.claimed,
      candidates,
      reason,
    });
    const { chosen, extra } = chooseTable(message, null, names);
    const tableProblems = chosen ? validateTable(chosen.table, campaign, { file: chosen.file.name }).problems : [];
    looseProblems.push(
      ...withContext(
        [
          contested
            ? error('mail.unidentified', `无法确定属于哪个活动（${reason}），请核实后认定报送单位，或认定为与本活动无关`, {
                expected: '本活动名单中的一个单位，或与本活动无关',
              })
            : error('mail.unidentified', `无法确定报送单位（${reason}），请核实后在 decisions.yaml 中认定`, {
                expected: '名单中的一个单位',
              }),
          ...message.problems,
          ...extra,
          ...tableProblems,
        ],
        undefined,
        shortId(receipt.id),
      ),
    );
  }

  const totals: Record<string, number> = Object.fromEntries(campaign.countColumns.map((column) => [column.key, 0]));
  const totalsIncluded: string[] = [];
  const totalsExcluded: string[] = [];
  const units: UnitResult[] = campaign.roster.map((rosterUnit) => {
    const name = rosterUnit.name;
    const messages = perUnit.get(name) ?? [];
    const withTable = messages.filter((message) => message.tables.length > 0);
    const winner = withTable.at(-1) ?? null;
    const reportMessage = messages.filter((message) => message.reports.length > 0).at(-1) ?? null;
    const first = withTable[0] ?? messages[0] ?? null;
    const late = first !== null && first.atMs > campaign.deadlineMs && Number.isFinite(first.atMs);
    const problems: Problem[] = [];

    let values: TableValues | null = null;
    let tableErrors = false;
    let tableFile: string | null = null;
    let cells: Record<string, string> = {};
    if (winner) {
      const { chosen, extra } = chooseTable(winner, name, names);
      const validated = validateTable(chosen!.table, campaign, { file: chosen!.file.name });
      values = validated.values;
      const row = chosen!.table.rows.find((item) => item.location === validated.row);
      cells = Object.fromEntries(Object.entries(row?.cells ?? {}).map(([key, cell]) => [key, cell.address]));
      tableFile = chosen!.file.name;
      tableErrors = hasErrors(validated.problems) || hasErrors(winner.problems.filter((item) => item.file === tableFile));
      problems.push(...withContext([...winner.problems, ...extra, ...validated.problems], name, shortId(winner.stored.receipt.id)));
    }
    if (reportMessage && reportMessage !== winner)
      problems.push(...withContext(reportMessage.problems, name, shortId(reportMessage.stored.receipt.id)));
    const latest = winner ?? reportMessage ?? messages.at(-1) ?? null;
    if (latest && latest !== winner && latest !== reportMessage)
      problems.push(...withContext(latest.problems, name, shortId(latest.stored.receipt.id)));
    // A later message that supplied nothing (only a 超大附件 link, an archive that would not open)
    // still says why: the clerk may have to fetch a newer table by hand.
    for (const message of messages) {
      if (message === winner || message === reportMessage || message === latest) continue;
      if (message.tables.length > 0 || message.reports.length > 0 || (winner && message.atMs < winner.atMs)) continue;
      problems.push(
        ...withContext(
          message.problems.filter((item) => item.severity === 'error'),
          name,
          shortId(message.stored.receipt.id),
        ),
      );
    }

    const reportFile = reportMessage ? bestReport(reportMessage.reports) : null;
    const hasMail = messages.length > 0;
    if (hasMail && !winner)
      problems.push(
        error('unit.no_table', `来信中没有找到「${campaign.file.table.name}」`, {
          unit: name,
          expected: `${campaign.file.table.name}（Excel 或 Word 表格）`,
        }),
      );
    if (hasMail && !reportFile)
      problems.push(
        error('unit.no_report', '来信中没有书面总结报告', { unit: name, expected: '书面总结报告（Word、WPS、PDF 或文本文件）' }),
      );
    if (late && first?.at) {
      problems.push(
        warning('unit.late', `首次报送时间 ${formatBeijing(first.at)} 晚于截止时间 ${formatBeijing(campaign.file.deadline)}`, {
          unit: name,
        }),
      );
    }
    const pending = pendingCandidates.get(name) ?? [];
    if (hasMail && pending.length > 0) {
      problems.push(warning('unit.maybe_more', `另有来信（编号 ${pending.join('、')}）可能属于本单位，待核实`, { unit: name }));
    }

    const status = unitStatus({
      hasMail,
      pending: pending.length > 0,
      hasTable: winner !== null,
      hasReport: reportFile !== null,
      tableHasErrors: tableErrors,
      late,
    });
    const counted = winner !== null && !tableErrors;
    if (counted) {
      totalsIncluded.push(name);
      for (const column of campaign.countColumns) totals[column.key]! += (values?.[column.key] as number | null) ?? 0;
    } else if (winner) {
      totalsExcluded.push(name);
    }
    // Earlier materials replaced by later ones stay in the history, marked as such.
    for (const message of messages) {
      if (message === winner || message === reportMessage) continue;
      // A message that supplied nothing (an unreadable archive, only a link) was replaced by
      // nothing: it is 无可用材料, not 已被更正.
      const supplied = message.tables.length > 0 || message.reports.length > 0;
      records.get(message.stored.receipt.id)!.outcome = supplied ? 'superseded' : 'noMaterial';
    }
    const primary = primaryTable(campaign.tables);
    const tables = unitTables(campaign, [
      {
        ...unsentTable(primary),
        ...(winner ? { file: tableFile, messageId: winner.stored.receipt.id, receivedAt: winner.at, values, cells, counted } : {}),
      },
    ]);
    const missing = campaign.materials
      .filter((material) =>
        material.kind === 'table' ? tables[material.table]?.file === null : material.kind === 'report' ? reportFile === null : hasMail,
      )
      .map((material) => material.name);
    return {
      unit: name,
      status,
      late,
      receivedAt: latest?.at ?? null,
      firstReceivedAt: first?.at ?? null,
      values,
      countedInTotals: counted,
      tableFile,
      tableMessageId: winner ? winner.stored.receipt.id : null,
      report:
        reportMessage && reportFile
          ? {
              messageId: reportMessage.stored.receipt.id,
              file: reportFile.name,
              analysis: reportFile.report!.analysis,
            }
          : null,
      sender: latest ? fromText(latest.stored.facts) : null,
      subject: latest ? latest.stored.facts.subject : null,
      files: latest ? latest.stored.facts.attachments.map((file) => file.name) : [],
      messageIds: messages.map((message) => message.stored.receipt.id),
      tables,
      missing,
      problems,
    };
  });
  const tableTotals = Object.fromEntries(campaign.tables.map((table) => [table.key, emptyTotals(table)]));
  tableTotals[primaryTable(campaign.tables).key] = {
    ...tableTotals[primaryTable(campaign.tables).key]!,
    totals: { ...totals },
    included: totalsIncluded,
    excluded: totalsExcluded,
  };

  return {
    asOf: dataAsOf(
      input.lastPollAt,
      prepared.map((item) => ({ at: item.at, source: item.source })),
    ),
    deadline: campaign.file.deadline,
    units,
    totals,
    tables: tableTotals,
    totalsIncluded,
    totalsExcluded,
    unidentified,
    messages: [...records.values()],
    problems: [...units.flatMap((unit) => unit.problems), ...looseProblems],
  };
}
