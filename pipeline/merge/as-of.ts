/**
 * 数据截至: the time the data speaks for, taken from the data, never from the clock. For a
 * mailbox read over IMAP it is the last poll that read it to the end (everything received until
 * then is in); for mail taken from a folder or by `import` it is the latest receipt among the
 * stored messages. The same stored mail therefore dates the documents the same way on every run.
 */
import type { ReceivedSource } from './merge-result.js';

export interface ReceiptTime {
  at: string | null;
  source: ReceivedSource;
}

const latest = (times: readonly string[]): string | null =>
  times.reduce<string | null>((best, at) => (best === null || Date.parse(at) > Date.parse(best) ? at : best), null);

export function dataAsOf(lastPollAt: string | null, receipts: readonly ReceiptTime[]): string | null {
  const valid = receipts.filter(
    (receipt): receipt is { at: string; source: ReceivedSource } => receipt.at !== null && Number.isFinite(Date.parse(receipt.at)),
  );
  // A sender's Date: header may be anything (a wrong PC clock): it counts only when no message carries a server time.
  const server = valid.filter((receipt) => receipt.source === 'internaldate' || receipt.source === 'received-header');
  const received = latest((server.length > 0 ? server : valid).map((receipt) => new Date(receipt.at).toISOString()));
  return latest([lastPollAt, received].filter((at): at is string => at !== null));
}
