/**
 * How the console names a stored message: as the clerk knows it — who sent it, its subject,
 * when it arrived — with the short id small beside it (the id is what decisions.yaml and the
 * workbook's 来信记录 use, so it stays visible, but nobody should have to read a hash to know
 * which mail is meant).
 */
import { type MessageRecord, RECEIVED_SOURCE_LABEL, type ReceivedSource } from '../../../../pipeline/merge/merge-result.js';
import { when } from './format.js';
import { html, type SafeHtml } from './html.js';

/** The fields a name is made of (a message record, or a doubtful message's). */
export type Nameable = Pick<MessageRecord, 'shortId' | 'from' | 'subject' | 'receivedAt'>;

const MAX_SUBJECT = 40;

function shortSubject(subject: string): string {
  const chars = [...subject];
  return chars.length > MAX_SUBJECT ? `${chars.slice(0, MAX_SUBJECT - 1).join('')}…` : subject;
}

/** "区招商局办公室" from "区招商局办公室 <zhaoshang@…>", the address when there is no name. */
export function senderName(from: string): string {
  const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (named) return named[1]!.trim() !== '' ? named[1]!.trim() : named[2]!.trim();
  return from.trim() === '' ? '（无发件人）' : from.trim();
}

/** The address alone ("zhaoshang@…" from "区招商局办公室 <zhaoshang@…>"), or null when the name shown is the address. */
export function senderAddress(from: string): string | null {
  const named = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return named && named[1]!.trim() !== '' ? named[2]!.trim() : null;
}

/** The message in a page: sender, subject, time, and the short id in small print. */
export function messageName(message: Nameable): SafeHtml {
  return html`<span class="message-name"><span class="sender">${senderName(message.from)}</span> 「${shortSubject(message.subject) || '（无标题）'}」 <span class="when">${when(message.receivedAt)}</span> <span class="msg-id">${message.shortId}</span></span>`;
}

/** The message in a sentence (a flash): 区招商局办公室 8月17日 11:00 的来信「自查情况统计表」（bf96ebbcb910）. */
export function messageText(message: Nameable): string {
  return `${senderName(message.from)} ${when(message.receivedAt)} 发来的「${shortSubject(message.subject) || '（无标题）'}」（编号 ${message.shortId}）`;
}

/** A message a decision names by id (or a prefix of it), among the records; null when none or several. */
export function findMessage<T extends { id: string }>(records: readonly T[], id: string): T | null {
  const wanted = id.toLowerCase();
  let found: T | null = null;
  for (const record of records) {
    if (!record.id.startsWith(wanted)) continue;
    if (found) return null;
    found = record;
  }
  return found;
}

/**
 * Where a receive time came from, when that is worth a word: the mail server's time (IMAP or the
 * Received header) is the rule and says nothing; the sender's own clock, or no time, is marked.
 */
export function receivedBasis(source: ReceivedSource): SafeHtml {
  if (source === 'internaldate' || source === 'received-header') return html``;
  return html`<span class="basis warning" title="${RECEIVED_SOURCE_LABEL[source]}">${source === 'unknown' ? '（时间无法确定）' : '（按发件人电脑时间）'}</span>`;
}
