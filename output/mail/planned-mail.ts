/** What a planner decides to send, before it is composed and journaled. Plain data. */
import { createHash } from 'node:crypto';
import type { OutboxKind } from './outbox-journal.js';

export interface PlannedMail {
  /** The journal id: the same decision always gets the same id ("receipt-…", "reminder-…"). */
  id: string;
  kind: OutboxKind;
  unit: string | null;
  to: string[];
  subject: string;
  text: string;
  covers: string[];
  round?: { key: string; label: string };
  fingerprint?: string;
  /** Documents: files (absolute paths) to attach. */
  attachments?: string[];
}

/** Something the planner chose not to send, and why (for the preview, in Chinese). */
export interface SkippedMail {
  unit: string | null;
  reason: string;
}

export interface MailPlan {
  planned: PlannedMail[];
  skipped: SkippedMail[];
  /** Template mistakes (the plan is then empty for that kind). */
  templateIssues: string[];
}

export function outboxId(kind: OutboxKind, ...parts: readonly string[]): string {
  return `${kind}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
}
