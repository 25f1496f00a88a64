/**
 * When the secretariat received a message: the mail server's time, never the sender's.
 * IMAP INTERNALDATE first; for a file, the topmost Received: header; the sender's Date: header
 * only when neither exists, and then the clerk is warned.
 */
import type { MessageFacts } from '../analyze/facts.js';
import type { Receipt } from '../../intake/store/raw-store.js';

export type ReceivedSource = 'internaldate' | 'received-header' | 'date-header' | 'unknown';

export const RECEIVED_SOURCE_LABEL: Record<ReceivedSource, string> = {
  internaldate: '邮件服务器接收时间',
  'received-header': '邮件服务器接收时间（Received 头）',
  'date-header': '发件人电脑时间（Date 头，无服务器时间）',
  unknown: '无法确定',
};

export function receivedAt(receipt: Pick<Receipt, 'internalDate'>, facts: Pick<MessageFacts, 'receivedHeader' | 'dateHeader'>): { at: string | null; source: ReceivedSource } {
  if (receipt.internalDate) return { at: receipt.internalDate, source: 'internaldate' };
  if (facts.receivedHeader) return { at: facts.receivedHeader, source: 'received-header' };
  if (facts.dateHeader) return { at: facts.dateHeader, source: 'date-header' };
  return { at: null, source: 'unknown' };
}
