/**
 * What in one message points to one campaign, each item with its weight (route-mail.ts adds them
 * up and compares campaigns):
 *   a reply to a receipt or reminder the campaign sent (In-Reply-To/References)   16
 *   its 文号 in the subject, the body or a file name                                8
 *   its title or its notice's title there                                          8
 *   one of its tables found in an attachment (its own facts): whole 6, in part 4
 *   a table's name in the subject or a file name                                   3
 *   its keywords or what its title and tables are about (route-words.ts): 1 each, at most 2
 *   a report covering at least half of its checklist                               1
 * and, telling nothing apart by themselves (many campaigns share a roster), a sender registered
 * in its roster or one of its units named (1, once) — counted only beside the above. Pure.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';
import { type NameIndex, unitsMentionedIn } from '../../intake/kernel/unit-names.js';
import type { MessageFacts } from '../analyze/facts.js';
import type { CampaignWords } from './route-words.js';

export type EvidenceKind = 'reply' | 'documentNumber' | 'title' | 'table' | 'tableName' | 'keyword' | 'checklist' | 'sender';

export interface RouteEvidence {
  kind: EvidenceKind;
  /** What was found, in Chinese ("标题含文号「伊滨办〔2013〕62号」"). */
  text: string;
  weight: number;
  /** For a table: the attachments (by SHA-256) it was found in. */
  files?: string[];
}

/** What of a campaign the evidence reads besides its words. */
export interface EvidenceCampaign {
  campaign: Pick<Campaign, 'file' | 'roster' | 'tables' | 'checklist' | 'materials'>;
  words: CampaignWords;
  names: NameIndex;
  addresses: ReadonlySet<string>;
  /** Message-IDs of the mail it sent, lower-cased with brackets. */
  sentIds: ReadonlySet<string>;
}

/** Where a text was found, for the clerk. */
interface Place {
  label: string;
  text: string;
}

function places(facts: MessageFacts): Place[] {
  return [
    { label: '标题', text: looseKey(facts.subject) },
    { label: '正文', text: looseKey(facts.routing?.bodyExcerpt ?? '') },
    ...facts.attachments.map((file) => ({ label: '附件名', text: looseKey(file.name) })),
  ];
}

function foundIn(where: readonly Place[], key: string): string | null {
  return where.find((place) => place.text.includes(key))?.label ?? null;
}

function tableEvidence(facts: MessageFacts, campaign: EvidenceCampaign['campaign']): RouteEvidence[] {
  const byTable = new Map<string, { files: Set<string>; whole: boolean }>();
  for (const file of facts.attachments) {
    for (const table of file.tables) {
      const key = (table as { table?: string }).table ?? campaign.tables[0]?.key ?? '';
      const entry = byTable.get(key) ?? { files: new Set<string>(), whole: false };
      entry.files.add(file.sha256);
      entry.whole ||= table.missingColumns.length === 0;
      byTable.set(key, entry);
    }
  }
  return [...byTable].map(([key, entry]) => {
    const name = campaign.tables.find((table) => table.key === key)?.name ?? key;
    return {
      kind: 'table',
      text: `附件中有「${name}」${entry.whole ? '' : '（部分栏目）'}`,
      weight: entry.whole ? 6 : 4,
      files: [...entry.files].sort(),
    };
  });
}

function wordEvidence(where: readonly Place[], words: CampaignWords, file: Campaign['file']): RouteEvidence[] {
  const found: RouteEvidence[] = [];
  const number = words.documentNumber ? foundIn(where, words.documentNumber) : null;
  if (number) found.push({ kind: 'documentNumber', text: `${number}含文号「${file.documentNumber}」`, weight: 8 });
  const title = words.titles.map((key) => foundIn(where, key)).find((label) => label !== null);
  if (title) found.push({ kind: 'title', text: `${title}含活动名称「${file.title}」`, weight: 8 });
  const named = words.tableNames.find((entry) => where.some((place) => place.label !== '正文' && place.text.includes(entry.key)));
  if (named) found.push({ kind: 'tableName', text: `标题或附件名含表格名称「${named.name}」`, weight: 3 });
  const keywords = words.keywords.filter((key) => foundIn(where, key) !== null);
  if (keywords.length > 0)
    found.push({ kind: 'keyword', text: `含本活动的关键词「${keywords.join('」「')}」`, weight: Math.min(2, keywords.length) });
  return found;
}

function checklistEvidence(facts: MessageFacts, campaign: EvidenceCampaign['campaign']): RouteEvidence[] {
  const areas = campaign.checklist.length;
  if (areas === 0) return [];
  const covered = Math.max(0, ...facts.attachments.map((file) => Object.values(file.report?.analysis.areas ?? {}).filter(Boolean).length));
  return covered * 2 >= areas ? [{ kind: 'checklist', text: `书面报告涉及检查目录 ${covered} 个方面`, weight: 1 }] : [];
}

/** The sender registered in the roster, or a unit named in the subject or a file name. */
function senderEvidence(facts: MessageFacts, subject: EvidenceCampaign): RouteEvidence[] {
  const sender = [facts.fromAddress ?? '', ...facts.forwardedFrom].find((address) => subject.addresses.has(address.toLowerCase()));
  if (sender) return [{ kind: 'sender', text: `发件邮箱 ${sender} 在本活动的单位名单中`, weight: 1 }];
  const units = unitsMentionedIn([facts.subject, ...facts.attachments.map((file) => file.name)].join(' '), subject.names);
  return units.length > 0 ? [{ kind: 'sender', text: `标题或附件名提到名单中的「${units[0]}」`, weight: 1 }] : [];
}

/**
 * Everything pointing from the message to the campaign. `header`: the message's own facts (the
 * same in every campaign's); `own`: the campaign's facts of it (its tables and report), when read.
 */
export function evidenceFor(header: MessageFacts, own: MessageFacts | undefined, subject: EvidenceCampaign): RouteEvidence[] {
  const found: RouteEvidence[] = [];
  const replied = (header.routing?.replyTo ?? []).some((id) => subject.sentIds.has(id));
  if (replied) found.push({ kind: 'reply', text: '回复本活动发出的回执或催报', weight: 16 });
  found.push(...wordEvidence(places(header), subject.words, subject.campaign.file));
  if (own) found.push(...tableEvidence(own, subject.campaign), ...checklistEvidence(own, subject.campaign));
  found.push(...senderEvidence(header, subject));
  return found;
}

/** The weight of what tells campaigns apart (all but the sender). */
export function specificWeight(evidence: readonly RouteEvidence[]): number {
  return evidence.filter((item) => item.kind !== 'sender').reduce((sum, item) => sum + item.weight, 0);
}

export function totalWeight(evidence: readonly RouteEvidence[]): number {
  return evidence.reduce((sum, item) => sum + item.weight, 0);
}
