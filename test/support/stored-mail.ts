/**
 * A stored message as the merge's unit tests write it by hand: a receipt from a folder and the
 * facts of a mail with these attachments. The merge reads nothing else of a stored message.
 */
import { ANALYZER_VERSION, type AttachmentFacts, type StoredMessage } from '../../pipeline/analyze/facts.js';

export interface StoredMailSpec {
  id: string;
  from: string | null;
  subject: string;
  /** The Received: header's time (ISO), which dates the message. */
  received: string | null;
  attachments: AttachmentFacts[];
  /** Default: `<first 8 characters of the id@x>`. */
  messageId?: string;
  dateHeader?: string | null;
  storedAt?: string;
}

export function storedMail(spec: StoredMailSpec): StoredMessage {
  const { id } = spec;
  return {
    receipt: { id, size: 1, source: 'folder', origin: `${id}.eml`, storedAt: spec.storedAt ?? '2026-06-01T00:00:00.000Z' },
    facts: {
      analyzerVersion: ANALYZER_VERSION,
      id,
      messageId: spec.messageId ?? `<${id.slice(0, 8)}@x>`,
      fromAddress: spec.from,
      fromName: null,
      subject: spec.subject,
      dateHeader: spec.dateHeader ?? null,
      receivedHeader: spec.received,
      forwardedFrom: [],
      attachments: spec.attachments,
      problems: [],
    },
  };
}
