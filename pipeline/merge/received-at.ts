/**
 * When the secretariat received a message: the mail server's time, never the sender's.
 * IMAP INTERNALDATE first; for a file, the topmost Received: header; the sender's Date: header
 * only when neither exists, and then the clerk is warned.
 */

import type { Receipt } from '../../intake/store/raw-store.js';
import type { MessageFacts } from '../analyze/facts.js';
import type { ReceivedSource } from './merge-result.js';

export function receivedAt(
  receipt: Pick<Receipt, 'internalDate'>,
  facts: Pick<MessageFacts, 'receivedHeader' | 'dateHeader'>,
): { at: string | null; source: ReceivedSource } {
  if (receipt.internalDate) return { at: receipt.internalDate, source: 'internaldate' };
  if (facts.receivedHeader) return { at: facts.receivedHeader, source: 'received-header' };
  if (facts.dateHeader) return { at: facts.dateHeader, source: 'date-header' };
  return { at: null, source: 'unknown' };
}
