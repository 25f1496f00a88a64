/**
 * A stored message as merge works on it: when it arrived (server time first), the tables it
 * holds (each with its file), its report files, the files that are other required materials
 * (a signed scan), and every problem found in it. Pure.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { asksForReport } from '../../intake/kernel/campaign/materials.js';
import { type Problem, warning } from '../../intake/kernel/problems.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';
import { formatBeijing } from '../../intake/kernel/time.js';
import { isPicture, picturesNamed } from '../analyze/body-material.js';
import type { AttachmentFacts, MessageFacts, StoredMessage } from '../analyze/facts.js';
import type { FoundTable } from '../extract/find-table.js';
import type { ReceivedSource } from './merge-result.js';
import { receivedAt } from './received-at.js';

export interface Prepared {
  stored: StoredMessage;
  at: string | null;
  atMs: number;
  source: ReceivedSource;
  tables: { table: FoundTable; file: AttachmentFacts }[];
  reports: AttachmentFacts[];
  /** Files that are other materials the campaign asks for, by material name. */
  materialFiles: { material: string; file: AttachmentFacts }[];
  problems: Problem[];
}

/**
 * The order messages arrived in. Receive times have whole seconds, and a mail server flushing
 * its queue delivers a unit's submission and its 【更正】 in the same second: then the order
 * the mailbox got them decides (IMAP UID within one folder, else the order huizong stored them),
 * then the sender's Date header; the content hash only makes the order total.
 */
export function arrivalOrder(a: StoredMessage & { atMs: number }, b: StoredMessage & { atMs: number }): number {
  return arrivalOrderOf(a, a.atMs, b, b.atMs);
}

function arrivalOrderOf(a: StoredMessage, aMs: number, b: StoredMessage, bMs: number): number {
  if (aMs !== bMs) return aMs - bMs;
  const [x, y] = [a.receipt, b.receipt];
  if (x.imap && y.imap && x.imap.folder === y.imap.folder && x.imap.uidValidity === y.imap.uidValidity && x.imap.uid !== y.imap.uid) {
    return x.imap.uid - y.imap.uid;
  }
  const stored = Date.parse(x.storedAt) - Date.parse(y.storedAt);
  if (stored !== 0 && Number.isFinite(stored)) return stored;
  const dated = Date.parse(a.facts.dateHeader ?? '') - Date.parse(b.facts.dateHeader ?? '');
  if (dated !== 0 && Number.isFinite(dated)) return dated;
  // Hex digests: code-point order, as localeCompare would give, without its cost.
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

export const byTime = (a: Prepared, b: Prepared) => arrivalOrderOf(a.stored, a.atMs, b.stored, b.atMs);

export function fromText(facts: MessageFacts): string {
  if (facts.fromAddress && facts.fromName) return `${facts.fromName} <${facts.fromAddress}>`;
  return facts.fromAddress ?? facts.fromName ?? '';
}

/** The other materials (campaign `required:` files) a file's name shows it to be. */
function materialsNamedBy(file: AttachmentFacts, campaign: Pick<Campaign, 'materials'>): string[] {
  const name = looseKey(file.name);
  return campaign.materials
    .filter((material) => material.kind === 'file' && material.keywords.some((keyword) => name.includes(looseKey(keyword))))
    .map((material) => material.name);
}

/**
 * A file named as another material (签字盖章扫描件.pdf) is not the written report, unless its name
 * says 报告; in a campaign that asks for no report, no file is.
 */
function isReport(file: AttachmentFacts, materials: readonly string[], wanted: boolean): boolean {
  return wanted && file.report !== null && (materials.length === 0 || looseKey(file.name).includes('报告'));
}

function timeProblems(source: ReceivedSource, at: string | null): Problem[] {
  if (source === 'date-header')
    return [
      warning('mail.no_server_time', `邮件没有服务器接收时间，按发件人填写的时间 ${formatBeijing(at!)} 计`, {
        expected: '邮件服务器的接收时间',
      }),
    ];
  if (source === 'unknown') return [warning('mail.no_time', '邮件没有任何时间信息，无法判断是否逾期')];
  return [];
}

/**
 * A file's own problems as they stand once it is known what it is: a file taken as another
 * material (a signed scan sent as .jpg) was never meant to be read, so it has no 未读取 note,
 * nor the 扫描件 note of a report it is not.
 */
function fileProblems(file: AttachmentFacts, materials: readonly string[], report: boolean): Problem[] {
  return file.problems.filter(
    (item) => (report || item.code !== 'report.scanned') && (materials.length === 0 || item.code !== 'file.not_read'),
  );
}

/**
 * mail.picture_only says the table was sent as pictures; it does not stand when every picture
 * of the message is a material the campaign asks for (a signed scan sent on its own after the
 * tables). Body pictures are in its list too (it then names more than the attachments).
 */
function pictureOnlyStands(problem: Problem, named: readonly { file: AttachmentFacts; materials: string[] }[]): boolean {
  if (problem.code !== 'mail.picture_only') return true;
  const pictures = named.filter((item) => isPicture(item.file));
  return pictures.some((item) => item.materials.length === 0) || problem.found !== picturesNamed(pictures.map((item) => item.file.name));
}

export function prepare(stored: StoredMessage, campaign: Pick<Campaign, 'materials'>): Prepared {
  const { facts, receipt } = stored;
  const received = receivedAt(receipt, facts);
  const wanted = asksForReport(campaign.materials);
  const named = facts.attachments.map((file) => {
    const materials = materialsNamedBy(file, campaign);
    return { file, materials, report: isReport(file, materials, wanted) };
  });
  const problems: Problem[] = [
    ...facts.problems.filter((item) => pictureOnlyStands(item, named)),
    ...timeProblems(received.source, received.at),
  ];
  for (const { file, materials, report } of named) problems.push(...fileProblems(file, materials, report));
  return {
    stored,
    at: received.at,
    atMs: received.at ? Date.parse(received.at) : Number.POSITIVE_INFINITY,
    source: received.source,
    tables: facts.attachments.flatMap((file) => file.tables.map((table) => ({ table, file }))),
    reports: named.filter((item) => item.report).map((item) => item.file),
    materialFiles: named.flatMap((item) => item.materials.map((material) => ({ material, file: item.file }))),
    problems,
  };
}

/**
 * In a workspace, a file holding another campaign's table (one mail carrying two campaigns'
 * tables) is that campaign's material: its 没有找到表头 note is not a problem of this campaign.
 * `files`: such attachments of the message, by SHA-256 (pipeline/route/).
 */
export function leaveToOtherCampaigns(message: Prepared, files: ReadonlySet<string> | undefined): Prepared {
  if (!files || files.size === 0) return message;
  const theirs = new Set(message.stored.facts.attachments.filter((file) => files.has(file.sha256)).map((file) => file.name));
  const problems = message.problems.filter((item) => item.code !== 'table.not_found' || item.file === undefined || !theirs.has(item.file));
  return problems.length === message.problems.length ? message : { ...message, problems };
}

/** The message supplied some material: a table, a report, or another file the campaign asks for. */
export function suppliedMaterial(message: Prepared): boolean {
  return message.tables.length > 0 || message.reports.length > 0 || message.materialFiles.length > 0;
}
