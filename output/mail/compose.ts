/**
 * A planned message → the exact bytes handed to the server (nodemailer's MailComposer: UTF-8,
 * encoded headers, attachments). Marked as machine-written (Auto-Submitted, RFC 3834) so units'
 * auto-replies stay quiet and our own intake and receipts recognise it.
 */
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

export function messageIdFor(id: string, render: number, fromAddress: string): string {
  return `<huizong.${id}.${render}@${fromAddress.split('@')[1] ?? 'huizong.local'}>`;
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
