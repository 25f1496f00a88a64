/**
 * Recognising stored mail in a renumbered mailbox (UIDVALIDITY changed: the folder was recreated,
 * the account migrated). The same message comes back under new UIDs; the raw store would
 * recognise it by content anyway, but a migration may rewrite a header or line ends, and then
 * only the Message-ID shows it is the same message. Matching Message-ID *and* either size or
 * INTERNALDATE keeps a different message that reuses an ID (some OA systems do) from being
 * taken for a stored one.
 */
import type { RawStore } from '../store/raw-store.js';
import type { MessageSummary } from './message-summary.js';

interface KnownCopy {
  size: number;
  internalDate: string | null;
}

export interface KnownMessages {
  has(message: Pick<MessageSummary, 'messageId' | 'size' | 'internalDate'>): boolean;
  readonly size: number;
}

export function normalizeMessageId(value: string): string {
  return value
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();
}

/** The Message-ID header of raw mail, or null. Reads only the header block. */
export function messageIdOfRaw(raw: Uint8Array): string | null {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const end = buffer.indexOf('\r\n\r\n');
  const header = buffer
    .subarray(0, end >= 0 ? end : Math.min(buffer.length, 64 * 1024))
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:[ \t]*(.+)$/im.exec(header);
  if (!match) return null;
  const id = normalizeMessageId(match[1]!);
  return id === '' ? null : id;
}

function sameInstant(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && Date.parse(a) === Date.parse(b);
}

/** Indexes every stored message by Message-ID. Costs one read per stored message: call rarely. */
export async function loadKnownMessages(store: RawStore): Promise<KnownMessages> {
  const byId = new Map<string, KnownCopy[]>();
  for (const receipt of await store.list()) {
    const id = messageIdOfRaw(await store.read(receipt.id));
    if (id === null) continue;
    const copies = byId.get(id) ?? [];
    copies.push({ size: receipt.size, internalDate: receipt.internalDate ?? null });
    byId.set(id, copies);
  }
  return {
    size: byId.size,
    has(message) {
      if (message.messageId === null) return false;
      const copies = byId.get(normalizeMessageId(message.messageId)) ?? [];
      return copies.some((copy) => copy.size === message.size || sameInstant(copy.internalDate, message.internalDate));
    },
  };
}
