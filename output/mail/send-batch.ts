/**
 * The sending edge: one connection, one message at a time, throttled, each one journaled
 * before it is handed over (intent) and after the server answers (result). The first refusal
 * stops the batch: a 5xx (the clerk must look: 554 DT:SPM means the server now takes us for a
 * spammer, and every further message would make it worse), a 4xx (tried again in the next
 * batch), or a connection lost with no answer (that message's fate is unknown: 可能已发送).
 */
import { composeMail, messageIdFor } from './compose.js';
import { entryState, type OutboxAttempt, type OutboxEntry, type OutboxJournal } from './outbox-journal.js';
import type { PlannedMail } from './planned-mail.js';
import { meaningOf } from './smtp-answer.js';
import { SmtpSession } from './smtp-session.js';
import type { SmtpSettings } from './smtp-settings.js';

export const KIND_LABEL = { receipt: '回执', reminder: '催报', documents: '公文送达' } as const;

export interface BatchItem {
  /** A new message (first attempt), or an entry to send again with its stored bytes. */
  mail?: PlannedMail;
  again?: { entry: OutboxEntry; reason: string };
}

export interface BatchOptions {
  journal: OutboxJournal;
  settings: SmtpSettings;
  items: readonly BatchItem[];
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** One line per attempt, in Chinese. */
  log: (line: string) => void;
  /** The campaign's mark in new Message-IDs (compose.ts campaignTag). */
  tag?: string;
}

export interface BatchReport {
  attempted: number;
  sent: OutboxEntry[];
  deferred: number;
  rejected: number;
  unknown: number;
  /** Why the batch stopped before its end (Chinese), or null. */
  stoppedBy: string | null;
  /** Items not tried because the batch stopped. */
  notTried: number;
}

function describe(entry: Pick<OutboxEntry, 'kind' | 'unit' | 'to'>): string {
  return `${KIND_LABEL[entry.kind]}${entry.unit ? ` ${entry.unit}` : ''}（${entry.to.join('、')}）`;
}

async function intent(options: BatchOptions, item: BatchItem): Promise<{ entry: OutboxEntry; raw: Buffer; attempt: OutboxAttempt }> {
  const { journal, settings } = options;
  const now = options.clock();
  if (item.mail) {
    const mail = item.mail;
    const messageId = messageIdFor(mail.id, 1, settings.fromAddress, options.tag);
    const raw = await composeMail({ mail, from: settings.from, fromAddress: settings.fromAddress, messageId, date: now });
    await journal.writeRaw(mail.id, raw);
    const attempt: OutboxAttempt = { startedAt: now.toISOString(), messageId };
    const entry: OutboxEntry = {
      version: 1,
      id: mail.id,
      kind: mail.kind,
      unit: mail.unit,
      to: mail.to,
      subject: mail.subject,
      covers: mail.covers,
      ...(mail.round ? { round: mail.round } : {}),
      ...(mail.fingerprint ? { fingerprint: mail.fingerprint } : {}),
      createdAt: now.toISOString(),
      attempts: [attempt],
    };
    await journal.save(entry);
    return { entry, raw, attempt };
  }
  const { entry: stored, reason } = item.again!;
  const raw = await journal.readRaw(stored.id);
  if (!raw) throw new Error(`outbox entry ${stored.id} has no stored message`);
  const attempt: OutboxAttempt = {
    startedAt: now.toISOString(),
    messageId: stored.attempts.at(-1)?.messageId ?? messageIdFor(stored.id, 1, settings.fromAddress, options.tag),
    reason,
  };
  const entry: OutboxEntry = { ...stored, attempts: [...stored.attempts, attempt] };
  delete entry.confirmedAt;
  await journal.save(entry);
  return { entry, raw, attempt };
}

export async function sendBatch(options: BatchOptions): Promise<BatchReport> {
  const report: BatchReport = { attempted: 0, sent: [], deferred: 0, rejected: 0, unknown: 0, stoppedBy: null, notTried: 0 };
  if (options.items.length === 0) return report;
  const session = new SmtpSession(options.settings);
  // Nothing is journaled before the login succeeds: a wrong password costs nothing to undo.
  await session.connect();
  try {
    for (const [index, item] of options.items.entries()) {
      if (!session.open) {
        try {
          await session.connect();
        } catch (error) {
          report.stoppedBy = (error as Error).message;
          report.notTried = options.items.length - index;
          break;
        }
      }
      if (index > 0) await options.sleep(options.settings.intervalMs);
      const { entry, raw, attempt } = await intent(options, item);
      report.attempted++;
      const result = await session.send({ from: options.settings.fromAddress, to: entry.to }, raw);
      attempt.outcome = result.outcome;
      attempt.answer = result.answer;
      attempt.finishedAt = options.clock().toISOString();
      await options.journal.save(entry);
      const meaning = meaningOf(result.answer);
      if (result.outcome === 'sent') {
        report.sent.push(entry);
        options.log(`已发送 ${describe(entry)}：${entry.subject}（${result.answer.trim()}）`);
        continue;
      }
      report.notTried = options.items.length - index - 1;
      if (result.outcome === 'deferred') {
        report.deferred++;
        report.stoppedBy = meaning.text;
        options.log(`暂未发出 ${describe(entry)}：${meaning.text}`);
      } else if (result.outcome === 'rejected') {
        report.rejected++;
        report.stoppedBy = meaning.text;
        options.log(`被拒收 ${describe(entry)}：${meaning.text}`);
      } else {
        report.unknown++;
        report.stoppedBy = `${result.answer}；这一封${entryState(entry)}，不会自动重发，请秘书科与对方核实后确认或重发`;
        options.log(`可能已发送 ${describe(entry)}：${result.answer}`);
      }
      break;
    }
  } finally {
    session.close();
  }
  return report;
}
