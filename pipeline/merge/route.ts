/**
 * Where each message goes, in the order they arrived: a duplicate of one taken in before; an
 * unrelated mail; one the clerk ignored or assigned; a roster unit's (identify.ts); or one the
 * clerk must attribute (待核实), whose problems are listed without a unit. Pure.
 */
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { error, type Problem, shortId } from '../../intake/kernel/problems.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';
import { type NameIndex, nameIndex, unitsMentionedIn } from '../../intake/kernel/unit-names.js';
import type { MessageFacts } from '../analyze/facts.js';
import { tableWord } from '../validate/header-problems.js';
import { definitionOf } from '../validate/validate-table.js';
import { chooseTable, tableKeysIn } from './choose-material.js';
import { createIdentifier, EVIDENCE_LABEL, type Evidence, type Identification, type Identifier } from './identify.js';
import { PerCampaign } from './memo.js';
import type { MessageRecord, UnidentifiedRecord } from './merge-result.js';
import { fromText, type Prepared } from './prepared.js';
import { validatedTable } from './validated.js';

export interface Routing {
  records: Map<string, MessageRecord>;
  /** Each unit's messages, oldest first. */
  perUnit: Map<string, Prepared[]>;
  /** Units named as candidates of messages the clerk must attribute, with those messages' short ids. */
  pendingCandidates: Map<string, string[]>;
  unidentified: UnidentifiedRecord[];
  /** Problems of messages attributed to no unit. */
  looseProblems: Problem[];
  /** Ids of the messages the clerk attributed to a unit (decisions.yaml `assign`). */
  assigned: Set<string>;
}

/** Problems that mean the message itself could not be read. */
const UNREADABLE_MAIL = new Set(['mail.unreadable', 'mail.not_a_message', 'mail.too_complex', 'mail.forward_unreadable']);

interface RouteContext {
  campaign: Campaign;
  identifier: Identifier;
  names: NameIndex;
  decisionFor: <T>(map: ReadonlyMap<string, T>, id: string) => T | undefined;
  assigned: ReadonlyMap<string, Decisions['assign'][number]>;
  ignored: ReadonlyMap<string, Decisions['ignore'][number]>;
  /** Who decides, as the campaign names the secretariat (the basis column says who attributed a message). */
  clerk: string;
  seen: Set<string>;
  /** Messages that fit another campaign of the office as well (pipeline/route/), with why. */
  contested: ReadonlyMap<string, string>;
}

/** Same Message-ID and the same attachments: the same message taken in twice. */
function duplicateKey(facts: MessageFacts): string | null {
  if (!facts.messageId) return null;
  return [facts.messageId, facts.subject, ...facts.attachments.map((file) => file.sha256).sort()].join('\u0000');
}

/** How a table's 填报单位 field is named as evidence: 统计表填报单位 in the first campaign's words. */
export function unitFieldLabel(table: TableDef, campaign: Pick<Campaign, 'tables'>): string {
  return tableWord(table, campaign) === '统计表' ? EVIDENCE_LABEL.table : `${table.name}的${table.unitField}`;
}

/** "发件邮箱 a@b.cn→庞村镇；统计表填报单位「庞村镇人民政府」→庞村镇；邮件标题、附件名→庞村镇" */
export function describeEvidence(evidence: readonly Evidence[]): string {
  const parts: string[] = [];
  const named = (item: Evidence) => item.unit ?? '名单中无此单位';
  for (const item of evidence) {
    if (item.source === 'address' || item.source === 'forwarded') parts.push(`${EVIDENCE_LABEL[item.source]} ${item.text}→${named(item)}`);
    if (item.source === 'table') parts.push(`${item.label ?? EVIDENCE_LABEL.table}「${item.text}」→${named(item)}`);
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
  if (message.tables.length > 0 || message.materialFiles.length > 0) return true;
  const texts = [message.stored.facts.subject, ...message.stored.facts.attachments.map((file) => file.name)].map(looseKey);
  if (keywords.some((keyword) => texts.some((text) => text.includes(looseKey(keyword))))) return true;
  // A document with text from a unit named is its mail even where no report is asked for: it may
  // be a table the campaign could not read, which the clerk should see as 无可用材料, not as 无关邮件.
  return mentionsUnit && message.stored.facts.attachments.some((file) => file.report !== null);
}

export function withContext(problems: readonly Problem[], unit: string | undefined, messageId: string): Problem[] {
  return problems.map((item) => ({
    ...item,
    ...(unit ? { unit } : {}),
    messageId,
  }));
}

function newRecord(message: Prepared): MessageRecord {
  const { facts, receipt } = message.stored;
  return {
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
}

const identified = new PerCampaign<object, Identification>();
const mentioning = new PerCampaign<object, boolean>();

/** By the stored message: an identification is never changed by its users (an assignment makes a new one). */
function identifyMessage(message: Prepared, ctx: RouteContext): Identification {
  return identified.get(ctx.campaign, message.stored, () => identifyAnew(message, ctx));
}

function identifyAnew(message: Prepared, ctx: RouteContext): Identification {
  const { facts } = message.stored;
  return ctx.identifier.identify({
    fromAddress: facts.fromAddress,
    forwardedFrom: facts.forwardedFrom,
    subject: facts.subject,
    fileNames: facts.attachments.map((file) => file.name),
    tableUnitNames: message.tables.map((entry) => ({
      text: entry.table.unitName?.text ?? '',
      label: unitFieldLabel(definitionOf(entry.table, ctx.campaign), ctx.campaign),
      table: entry.table.table,
    })),
  });
}

/** Every table of a message nobody could attribute, validated so that its problems are seen. */
function tableProblemsOf(message: Prepared, ctx: RouteContext): Problem[] {
  const problems: Problem[] = [];
  for (const key of tableKeysIn(message)) {
    const { chosen, extra } = chooseTable(message, key, null, ctx.names, ctx.campaign);
    problems.push(...extra, ...validatedTable(chosen.table, ctx.campaign, chosen.file.name).problems);
  }
  return problems;
}

/** Why the clerk must attribute a message, in Chinese. */
function pendingReason(identification: Identification, unreadable: Problem | undefined, contested: string | undefined): string {
  if (contested !== undefined) return contested;
  if (unreadable) return unreadable.summary;
  if (identification.kind === 'conflict') return `线索指向不同单位：${describeEvidence(identification.evidence)}`;
  if (identification.kind === 'none' && identification.claimed) {
    const label = identification.evidence.find((item) => item.source === 'table' && item.unit === null)?.label ?? EVIDENCE_LABEL.table;
    return `${label}「${identification.claimed}」不在单位名单中，发件邮箱也未登记`;
  }
  return '发件邮箱未登记，标题、附件名和统计表中也没有名单中的单位';
}

function routePending(
  message: Prepared,
  identification: Identification,
  unreadable: Problem | undefined,
  contested: string | undefined,
  record: MessageRecord,
  routing: Routing,
  ctx: RouteContext,
): void {
  const { facts, receipt } = message.stored;
  record.outcome = 'pending';
  const candidates =
    identification.kind === 'conflict' ? identification.candidates : identification.kind === 'unit' ? [identification.unit] : [];
  const reason = pendingReason(identification, unreadable, contested);
  for (const candidate of candidates)
    routing.pendingCandidates.set(candidate, [...(routing.pendingCandidates.get(candidate) ?? []), shortId(receipt.id)]);
  routing.unidentified.push({
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
  const unidentified =
    contested !== undefined
      ? error('mail.unidentified', `无法确定属于哪个活动（${reason}），请核实后认定报送单位，或认定为与本活动无关`, {
          expected: '本活动名单中的一个单位，或与本活动无关',
        })
      : error('mail.unidentified', `无法确定报送单位（${reason}），请核实后在 decisions.yaml 中认定`, { expected: '名单中的一个单位' });
  routing.looseProblems.push(
    ...withContext([unidentified, ...message.problems, ...tableProblemsOf(message, ctx)], undefined, shortId(receipt.id)),
  );
}

function routeOne(message: Prepared, routing: Routing, ctx: RouteContext): void {
  const { facts, receipt } = message.stored;
  const record = newRecord(message);
  routing.records.set(receipt.id, record);
  const duplicate = duplicateKey(facts);
  if (duplicate !== null && ctx.seen.has(duplicate)) {
    record.outcome = 'duplicate';
    record.basis = `与先收到的来信 Message-ID 和内容相同（${facts.messageId}）`;
    return;
  }
  if (duplicate !== null) ctx.seen.add(duplicate);
  const ignoreDecision = ctx.decisionFor(ctx.ignored, receipt.id);
  if (ignoreDecision) {
    record.basis = `${ctx.clerk}认定为无关邮件${ignoreDecision.reason ? `：${ignoreDecision.reason}` : ''}`;
    return;
  }
  let identification = identifyMessage(message, ctx);
  const assignDecision = ctx.decisionFor(ctx.assigned, receipt.id);
  if (assignDecision) {
    identification = {
      kind: 'unit',
      unit: assignDecision.unit,
      evidence: identification.evidence,
    };
    record.basis = `${ctx.clerk}认定${assignDecision.reason ? `：${assignDecision.reason}` : ''}`;
    routing.assigned.add(receipt.id);
  } else {
    record.basis = describeEvidence(identification.evidence) || '无任何单位线索';
  }
  // A message that could not be read at all may be anyone's: the clerk must see it.
  const unreadable = facts.problems.find((item) => UNREADABLE_MAIL.has(item.code));
  const mentionsUnit = mentioning.get(
    ctx.campaign,
    message.stored,
    () => unitsMentionedIn([facts.subject, ...record.files].join(' '), ctx.names).length > 0,
  );
  // Fits another campaign of the office as well (pipeline/route/): the clerk says whose it is.
  const contested = assignDecision ? undefined : ctx.contested.get(receipt.id);
  if (!assignDecision && !unreadable && contested === undefined && !isRelevant(message, ctx.campaign.file.keywords, mentionsUnit)) return;
  if (identification.kind !== 'unit' || contested !== undefined) {
    routePending(message, identification, unreadable, contested, record, routing, ctx);
    return;
  }
  record.unit = identification.unit;
  record.outcome = 'adopted';
  routing.perUnit.set(identification.unit, [...(routing.perUnit.get(identification.unit) ?? []), message]);
}

/** `messages`: in the order they arrived. */
export function routeMessages(
  messages: readonly Prepared[],
  campaign: Campaign,
  decisions: Decisions,
  contested: ReadonlyMap<string, string> = new Map(),
): Routing {
  const decisionFor = <T>(map: ReadonlyMap<string, T>, id: string): T | undefined => {
    for (const [prefix, value] of map) if (id.startsWith(prefix)) return value;
    return undefined;
  };
  const ctx: RouteContext = {
    campaign,
    identifier: createIdentifier(
      campaign.roster,
      campaign.tables.map((table) => table.name),
    ),
    names: nameIndex(campaign.roster),
    decisionFor,
    assigned: new Map(decisions.assign.map((item) => [item.message, item])),
    ignored: new Map(decisions.ignore.map((item) => [item.message, item])),
    clerk: campaign.file.secretariat || '承办部门',
    seen: new Set(),
    contested,
  };
  const routing: Routing = {
    records: new Map(),
    perUnit: new Map(),
    pendingCandidates: new Map(),
    unidentified: [],
    looseProblems: [],
    assigned: new Set(),
  };
  for (const message of messages) routeOne(message, routing, ctx);
  return routing;
}
