/**
 * A planned message → the exact bytes handed to the server (nodemailer's MailComposer: UTF-8,
 * encoded headers, attachments). Marked as machine-written (Auto-Submitted, RFC 3834) so units'
 * auto-replies stay quiet and our own intake and receipts recognise it.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { OWN_HEADER } from './auto-reply.js';
import type { PlannedMail } from './planned-mail.js';

export interface ComposeInput {
  mail: PlannedMail;
  from: string;
  fromAddress: string;
  /** The attempt's Message-ID (with angle brackets). */
  messageId: string;
  date: Date;
}

/**
 * `tag` names the campaign (campaignTag): two campaigns of one office may plan a reminder with the
 * same journal id (same round, same unit), and a unit's reply must lead back to the one it answers.
 */
export function messageIdFor(id: string, render: number, fromAddress: string, tag?: string): string {
  return `<huizong.${id}.${render}${tag ? `.${tag}` : ''}@${fromAddress.split('@')[1] ?? 'huizong.local'}>`;
}

/** A short, stable mark of the campaign folder for Message-IDs. */
export function campaignTag(campaignDir: string): string {
  return createHash('sha256').update(campaignDir).digest('hex').slice(0, 8);
}

export async function composeMail(input: ComposeInput): Promise<Buffer> {
  const { mail } = input;
  return new MailComposer({
    from: input.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    date: input.date,
    messageId: input.messageId,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', [OWN_HEADER]: `${mail.kind} ${mail.id}` },
    attachments: (mail.attachments ?? []).map((path) => ({ filename: basename(path), path })),
  })
    .compile()
    .build();
}
