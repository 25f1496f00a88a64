/**
 * Which campaign(s) of the office each stored message belongs to: a pure function of the stored
 * mail (each campaign's facts of it) and the campaigns (their definitions, the clerk's decisions,
 * the Message-IDs of what each sent), run again before every merge — so a campaign created after
 * its first mail arrived still finds it.
 *
 * For each message, in this order:
 *   1. mail the office sent itself (X-Huizong-Outbox) belongs to none;
 *   2. the clerk's word: assigned (认定) in some campaigns → those only; a campaign that called
 *      it 无关 drops it as a candidate (it still lists it, with the clerk's reason);
 *   3. one campaign in all → that one (a lone campaign takes every message, as it always did);
 *   4. material: a table found in an attachment that only one campaign recognises there is that
 *      campaign's — several such campaigns each get the message (one mail, two campaigns' tables);
 *   5. otherwise the evidence of route-evidence.ts, added up: the campaign with the most; equal
 *      at the top → each of them, 待核实 there with the reason (同时符合「…」和「…」两个活动);
 *   6. nothing that tells campaigns apart: a message that could not be read goes to every active
 *      campaign, 待核实; with one active campaign, there (as a lone campaign would take it); else to
 *      none — a sender or unit name alone decides nothing, the units of an office write about
 *      many things — and the workspace lists it as not routed, for the clerk to assign.
 * Archived campaigns are candidates in 4 and 5 (their late mail stays theirs), never in 6.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../intake/kernel/campaign/decisions.js';
import { nameIndex } from '../../intake/kernel/unit-names.js';
import type { MessageFacts } from '../analyze/facts.js';
import { type EvidenceCampaign, evidenceFor, type RouteEvidence, specificWeight, totalWeight } from './route-evidence.js';
import { campaignWords } from './route-words.js';

export type { RouteEvidence } from './route-evidence.js';

export interface RouteCampaign {
  /** How the workspace names it (its folder). */
  name: string;
  campaign: Pick<Campaign, 'file' | 'roster' | 'tables' | 'checklist' | 'materials'>;
  archived: boolean;
  decisions: Pick<Decisions, 'assign' | 'ignore'>;
  /** Message-IDs of the mail it sent (its outbox journal), with their angle brackets. */
  sentIds: readonly string[];
  /** Its facts of the stored messages, by id (tables and reports are read per campaign). */
  facts: ReadonlyMap<string, MessageFacts>;
}

/** How a message's place was decided. */
export type RouteWay = 'own-mail' | 'assigned' | 'only' | 'material' | 'evidence' | 'tie' | 'unreadable' | 'active' | 'none';

export interface MessageRoute {
  id: string;
  /** What the clerk recognises it by. */
  subject: string;
  from: string;
  files: string[];
  /** When the office received it (the runner adds it for the messages no campaign lists). */
  receivedAt?: string | null;
  /** The campaigns it belongs to (names, in the workspace's order). */
  to: string[];
  /** The campaigns that list it although it is not theirs: the clerk called it 无关 there. */
  ignoredIn: string[];
  /** Set when it is 待核实 in every campaign of `to` for fitting them equally (or being unreadable): why. */
  contested: string | null;
  way: RouteWay;
  /** Why, in Chinese. */
  basis: string;
  /** What points to each campaign (by name), for the clerk. */
  evidence: Record<string, RouteEvidence[]>;
}

export interface CampaignShare {
  /** Messages it lists, in the store's order. */
  ids: string[];
  /** Those 待核实 there for fitting several campaigns equally: id → reason. */
  contested: Map<string, string>;
  /**
   * Of the messages it lists, the attachments (by SHA-256) in which it found no table of its own
   * but another campaign found one of its: that campaign's material, not a file missing a table here.
   */
  elsewhere: Map<string, Set<string>>;
}

export interface Routing {
  /** Every message, in the store's order. */
  messages: MessageRoute[];
  byCampaign: Map<string, CampaignShare>;
  /** Messages no campaign lists (the office's own mail aside): the workspace shows them. */
  unrouted: MessageRoute[];
}

/** Problems that mean the message itself could not be read. */
const UNREADABLE_MAIL = new Set(['mail.unreadable', 'mail.not_a_message', 'mail.too_complex', 'mail.forward_unreadable']);

interface Subject extends EvidenceCampaign {
  entry: RouteCampaign;
}

function decided(prefixes: readonly { message: string }[], id: string): boolean {
  return prefixes.some((item) => id.startsWith(item.message));
}

/** "同时符合「甲」和「乙」两个活动"; three or more: "同时符合「甲」「乙」和「丙」三个活动". */
export function tieReason(titles: readonly string[]): string {
  const quoted = titles.map((title) => `「${title}」`);
  const count = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九'][titles.length] ?? String(titles.length);
  return `同时符合${quoted.slice(0, -1).join('')}和${quoted.at(-1)}${count}个活动，不能确定属于哪一个`;
}

function subjectsOf(campaigns: readonly RouteCampaign[]): Subject[] {
  const words = campaignWords(campaigns.map((entry) => entry.campaign));
  return campaigns.map((entry, index) => ({
    entry,
    campaign: entry.campaign,
    words: words[index]!,
    names: nameIndex(entry.campaign.roster),
    addresses: new Set(entry.campaign.roster.flatMap((unit) => unit.emails.map((email) => email.toLowerCase()))),
    sentIds: new Set(entry.sentIds.map((id) => id.toLowerCase())),
  }));
}

/** Campaigns whose table only they recognise in some attachment. */
function materialOwners(candidates: readonly Subject[], evidence: Record<string, RouteEvidence[]>): Subject[] {
  const claims = new Map<string, Set<string>>();
  for (const subject of candidates)
    for (const item of evidence[subject.entry.name]!)
      for (const file of item.files ?? []) claims.set(file, new Set([...(claims.get(file) ?? []), subject.entry.name]));
  const owners = new Set<string>();
  for (const names of claims.values()) if (names.size === 1) owners.add([...names][0]!);
  return candidates.filter((subject) => owners.has(subject.entry.name));
}

const names = (subjects: readonly Subject[]) => subjects.map((subject) => subject.entry.name);
const titles = (subjects: readonly Subject[]) => subjects.map((subject) => subject.entry.campaign.file.title);

function describe(evidence: readonly RouteEvidence[]): string {
  return evidence.map((item) => item.text).join('；');
}

type Verdict = Pick<MessageRoute, 'to' | 'contested' | 'way' | 'basis'>;

/** Steps 4 and 5: among the candidates with evidence that tells campaigns apart. */
function byEvidence(candidates: readonly Subject[], evidence: Record<string, RouteEvidence[]>): Verdict | null {
  const specific = candidates.filter((subject) => specificWeight(evidence[subject.entry.name]!) > 0);
  if (specific.length === 0) return null;
  const owners = materialOwners(specific, evidence);
  if (owners.length > 0)
    return {
      to: names(owners),
      contested: null,
      way: 'material',
      basis: owners.map((owner) => `「${owner.entry.campaign.file.title}」：${describe(evidence[owner.entry.name]!)}`).join('；'),
    };
  const top = Math.max(...specific.map((subject) => totalWeight(evidence[subject.entry.name]!)));
  const best = specific.filter((subject) => totalWeight(evidence[subject.entry.name]!) === top);
  if (best.length === 1) return { to: names(best), contested: null, way: 'evidence', basis: describe(evidence[best[0]!.entry.name]!) };
  const reason = tieReason(titles(best));
  return { to: names(best), contested: reason, way: 'tie', basis: reason };
}

/** Step 6: nothing tells the campaigns apart. */
function withoutEvidence(header: MessageFacts, candidates: readonly Subject[], evidence: Record<string, RouteEvidence[]>): Verdict {
  const active = candidates.filter((subject) => !subject.entry.archived);
  const unreadable = header.problems.find((item) => UNREADABLE_MAIL.has(item.code));
  if (unreadable && active.length > 1) {
    const reason = `${unreadable.summary}，不能确定属于哪个活动`;
    return { to: names(active), contested: reason, way: 'unreadable', basis: reason };
  }
  if (active.length === 1) return { to: names(active), contested: null, way: 'active', basis: '工作区中只有这一个进行中的活动' };
  // A sender or a unit every campaign may share tells no campaign: an office's unit writes about many things.
  const senders = active.filter((subject) => evidence[subject.entry.name]!.length > 0);
  return {
    to: [],
    contested: null,
    way: 'none',
    basis:
      senders.length > 0
        ? `没有任何活动的名称、文号、表格或关键词，只有发件人或单位名称（在「${titles(senders).join('」「')}」的名单中）`
        : '没有任何活动的名称、文号、表格或关键词',
  };
}

function routeOne(id: string, subjects: readonly Subject[]): MessageRoute {
  const header = subjects.map((subject) => subject.entry.facts.get(id)).find((facts) => facts !== undefined);
  const route: MessageRoute = {
    id,
    subject: header?.subject ?? '',
    from: header?.fromAddress ?? header?.fromName ?? '',
    files: header?.attachments.map((file) => file.name) ?? [],
    to: [],
    ignoredIn: [],
    contested: null,
    way: 'none',
    basis: '',
    evidence: {},
  };
  if (!header) return { ...route, basis: '没有分析结果' };
  if (header.routing?.ownMail)
    return { ...route, way: 'own-mail', basis: '汇总自己发出的邮件（回执、催报或发给秘书科的汇总表），不是报送材料' };
  for (const subject of subjects) route.evidence[subject.entry.name] = evidenceFor(header, subject.entry.facts.get(id), subject);
  const assigned = subjects.filter((subject) => decided(subject.entry.decisions.assign, id));
  if (assigned.length > 0)
    return { ...route, to: names(assigned), way: 'assigned', basis: `秘书科在「${titles(assigned).join('」「')}」中认定` };
  const ignored = subjects.filter((subject) => decided(subject.entry.decisions.ignore, id));
  route.ignoredIn = names(ignored);
  const candidates = subjects.filter((subject) => !ignored.includes(subject));
  if (subjects.length === 1) return { ...route, to: names(candidates), way: 'only', basis: '只有一个活动' };
  const verdict = byEvidence(candidates, route.evidence) ?? withoutEvidence(header, candidates, route.evidence);
  return { ...route, ...verdict };
}

/** The files of a message in which only campaigns other than `name` found a table. */
function othersFiles(route: MessageRoute, name: string): Set<string> {
  const tableFiles = (items: readonly RouteEvidence[]) => items.filter((item) => item.kind === 'table').flatMap((item) => item.files ?? []);
  const own = new Set(tableFiles(route.evidence[name] ?? []));
  const others = Object.entries(route.evidence).flatMap(([other, items]) => (other === name ? [] : tableFiles(items)));
  return new Set(others.filter((file) => !own.has(file)));
}

/** `ids`: every stored message, in the store's order. */
export function routeMail(ids: readonly string[], campaigns: readonly RouteCampaign[]): Routing {
  const subjects = subjectsOf(campaigns);
  const byCampaign = new Map<string, CampaignShare>(
    campaigns.map((entry) => [entry.name, { ids: [], contested: new Map(), elsewhere: new Map() }]),
  );
  const messages = ids.map((id) => routeOne(id, subjects));
  for (const route of messages) {
    for (const name of [...route.to, ...route.ignoredIn]) {
      const share = byCampaign.get(name)!;
      share.ids.push(route.id);
      if (route.contested !== null && route.to.includes(name)) share.contested.set(route.id, route.contested);
      const elsewhere = othersFiles(route, name);
      if (elsewhere.size > 0) share.elsewhere.set(route.id, elsewhere);
    }
  }
  const listed = (route: MessageRoute) => route.to.length > 0 || route.ignoredIn.length > 0;
  return { messages, byCampaign, unrouted: messages.filter((route) => !listed(route) && route.way !== 'own-mail') };
}
