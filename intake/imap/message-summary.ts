/**
 * What the server tells about a message before it is downloaded (ENVELOPE, BODYSTRUCTURE,
 * RFC822.SIZE, INTERNALDATE, the raw Subject and X-Huizong-Outbox lines), reduced to plain data the campaign filter
 * can judge. Pure.
 */
import type { FetchMessageObject, MessageStructureObject } from 'imapflow';
import { recoverRawGbkHeader } from '../mail/raw-headers.js';
import { OWN_MAIL_HEADER } from '../mail/routing-headers.js';

export interface MessageSummary {
  uid: number;
  size: number;
  /** The server's receive time, ISO 8601; null when the server gave none. */
  internalDate: string | null;
  messageId: string | null;
  subject: string;
  /** Sender addresses (From and Sender), lower-cased. */
  senders: string[];
  /** Names of the attachments, forwarded messages' attachments included. */
  attachmentNames: string[];
  /** Attachments, named or not (a forwarded message counts as one). */
  attachmentCount: number;
  /** From addresses of forwarded messages (message/rfc822 parts), lower-cased. */
  forwardedFrom: string[];
  /** The message carries X-Huizong-Outbox: the office sent it itself (a receipt, a reminder, the clerk's copy). */
  ownMail?: boolean;
}

function addresses(list: readonly { address?: string | undefined }[] | undefined): string[] {
  return (list ?? []).map((item) => item.address?.trim().toLowerCase() ?? '').filter((address) => address !== '');
}

function fileNameOf(node: MessageStructureObject): string | null {
  const name = node.dispositionParameters?.filename ?? node.parameters?.name;
  return name !== undefined && name.trim() !== '' ? name.trim() : null;
}

/**
 * Walks the body structure. A part is an attachment when it is declared one, or carries a file
 * name, or is a forwarded message — except images shown inside an HTML body (inline with a
 * Content-ID: signatures and logos) and the text bodies themselves.
 */
function walk(
  node: MessageStructureObject | undefined,
  summary: Pick<MessageSummary, 'attachmentNames' | 'attachmentCount' | 'forwardedFrom'>,
): void {
  if (!node) return;
  const type = (node.type ?? '').toLowerCase();
  if (type.startsWith('multipart/')) {
    for (const child of node.childNodes ?? []) walk(child, summary);
    return;
  }
  if (type === 'message/rfc822') {
    summary.attachmentCount++;
    summary.forwardedFrom.push(...addresses(node.envelope?.from), ...addresses(node.envelope?.sender));
    const name = fileNameOf(node);
    if (name) summary.attachmentNames.push(name);
    for (const child of node.childNodes ?? []) walk(child, summary);
    return;
  }
  const disposition = (node.disposition ?? '').toLowerCase();
  const name = fileNameOf(node);
  const inlineImage = type.startsWith('image/') && disposition !== 'attachment' && node.id !== undefined;
  const textBody = (type === 'text/plain' || type === 'text/html') && disposition !== 'attachment' && name === null;
  if (inlineImage || textBody) return;
  if (disposition === 'attachment' || name !== null || !type.startsWith('text/')) {
    summary.attachmentCount++;
    if (name) summary.attachmentNames.push(name);
  }
}

function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function summarizeMessage(
  message: Pick<FetchMessageObject, 'uid' | 'size' | 'internalDate' | 'envelope' | 'bodyStructure' | 'headers'>,
): MessageSummary {
  const envelope = message.envelope;
  // A subject written as raw 8-bit GBK (old clients) reaches the envelope as mojibake.
  const rawSubject = message.headers ? recoverRawGbkHeader(message.headers, 'subject') : null;
  const summary: MessageSummary = {
    uid: message.uid,
    size: message.size ?? 0,
    internalDate: isoDate(message.internalDate),
    messageId: envelope?.messageId?.trim() || null,
    subject: rawSubject ?? envelope?.subject ?? '',
    senders: [...new Set([...addresses(envelope?.from), ...addresses(envelope?.sender)])],
    attachmentNames: [],
    attachmentCount: 0,
    forwardedFrom: [],
  };
  // The header lines fetched (poll-folder.ts asks for Subject and X-Huizong-Outbox).
  if (message.headers && new RegExp(`^${OWN_MAIL_HEADER}:`, 'im').test(message.headers.toString('latin1'))) summary.ownMail = true;
  walk(message.bodyStructure, summary);
  summary.forwardedFrom = [...new Set(summary.forwardedFrom)];
  return summary;
}
