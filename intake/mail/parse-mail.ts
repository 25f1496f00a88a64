/**
 * One stored message → the plain facts later steps need: who sent it, when the server got it,
 * its subject, and its attachments as bytes. mailparser does the MIME work (RFC 2047 / 2231
 * names in GBK, GB18030, UTF-8); this module only adds what it leaves out.
 *
 * A message forwarded as an attachment (message/rfc822) is opened and its attachments are
 * treated as if attached directly; its sender is kept as evidence of who really sent it.
 */
import type * as MailParser from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { explainFailure, failureDetail } from '../kernel/explain-failure.js';
import { error, type Problem, warning } from '../kernel/problems.js';
import { requirePackage } from '../kernel/require-package.js';
import { findLargeAttachments, type LargeAttachment } from './large-attachments.js';
import { recoverRawGbkHeader, repairMojibakeName } from './raw-headers.js';
import { topmostReceivedDate } from './received-time.js';
import { bodyExcerpt, ownMailMark, replyIds } from './routing-headers.js';

// Required, not imported: see require-package.ts.
const { simpleParser } = requirePackage('mailparser') as typeof MailParser;

export interface MailAttachment {
  /** File name as the sender gave it; inside a forwarded mail, prefixed with "转发邮件/". */
  name: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedMessage {
  /** The HTML body (a table may be pasted into it), null for a text-only mail. */
  html: string | null;
  text: string | null;
  /** 163/QQ 超大附件 the body announces: files that are not in the mail. */
  largeAttachments: LargeAttachment[];
  /** Pictures shown in the body (pasted screenshots), by name; not attachments. */
  inlineImages: string[];
  messageId: string | null;
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  /** The sender's Date: header, ISO 8601. */
  dateHeader: string | null;
  /** Date of the topmost Received: header (the last server's clock), ISO 8601. */
  receivedHeader: string | null;
  attachments: MailAttachment[];
  /** Senders of messages forwarded as attachments (lower-cased addresses). */
  forwardedFrom: string[];
  /** In-Reply-To and References (routing-headers.ts). */
  replyTo: string[];
  /** The start of the body as plain text (routing-headers.ts). */
  bodyExcerpt: string;
  /** X-Huizong-Outbox: mail the office sent itself. */
  ownMail: string | null;
  problems: Problem[];
}

export interface ParseMailOptions {
  /** How deep forwarded-as-attachment messages are opened. */
  maxForwardDepth?: number;
}

const RFC822 = 'message/rfc822';
const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);
/** Icons webmail puts in its 超大附件 block (163: ico-bfile-6.gif; QQ: ftn icons). */
const BLOCK_ICON = /^(ico[-_]?bfile|bigattach|ftn[-_]?icon|icon[-_]?bigattach)/i;
/** Smaller body pictures are logos and signature art, not a screenshot of a table. */
const MIN_SCREENSHOT_BYTES = 10 * 1024;

function firstAddress(mail: ParsedMail): { address: string | null; name: string | null } {
  const entry = mail.from?.value[0];
  return { address: entry?.address ? entry.address.toLowerCase() : null, name: entry?.name ? entry.name : null };
}

function attachmentName(attachment: ParsedMail['attachments'][number], index: number, problems: Problem[]): string {
  if (attachment.filename && attachment.filename.trim() !== '') {
    const name = attachment.filename.trim();
    const repaired = repairMojibakeName(name);
    if (repaired === null) return name;
    problems.push(
      warning('mail.raw_8bit_filename', `附件名未按标准编码（原始 8 位字节），已按 GBK/UTF-8 解读为「${repaired}」`, { file: repaired }),
    );
    return repaired;
  }
  if (attachment.contentType === RFC822) return `转发邮件${index + 1}.eml`;
  return `未命名附件${index + 1}`;
}

async function collectAttachments(
  mail: ParsedMail,
  prefix: string,
  depth: number,
  options: Required<ParseMailOptions>,
  out: { attachments: MailAttachment[]; forwardedFrom: string[]; problems: Problem[]; inlineImages: string[] },
): Promise<void> {
  for (const [index, attachment] of mail.attachments.entries()) {
    const name = `${prefix}${attachmentName(attachment, index, out.problems)}`;
    if (attachment.contentType === RFC822) {
      if (depth >= options.maxForwardDepth) {
        out.problems.push(warning('mail.forward_too_deep', `转发嵌套超过 ${options.maxForwardDepth} 层，未再打开`, { file: name }));
        continue;
      }
      let inner: ParsedMail;
      try {
        inner = await simpleParser(attachment.content, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
      } catch (cause) {
        // One unreadable forwarded mail must not cost the outer mail its other attachments.
        const detail = failureDetail(cause);
        out.problems.push(
          error('mail.forward_unreadable', `转发的邮件无法解析（${explainFailure(detail)}），其中的附件未读取，请人工查看`, {
            file: name,
            detail,
          }),
        );
        continue;
      }
      const sender = firstAddress(inner).address;
      if (sender) out.forwardedFrom.push(sender);
      await collectAttachments(inner, `${name}/`, depth + 1, options, out);
      continue;
    }
    // An S/MIME signature (smime.p7s) is not material.
    if (SIGNATURE_TYPES.has(attachment.contentType)) continue;
    if (attachment.contentType === 'application/pkcs7-mime' || attachment.contentType === 'application/x-pkcs7-mime') {
      out.problems.push(
        error('mail.smime_encrypted', '邮件经 S/MIME 加密或封装，无法读取其中的附件；请不加密重新报送', {
          file: name,
          expected: '不加密的邮件',
        }),
      );
      continue;
    }
    const image = attachment.contentType.startsWith('image/');
    // The icon of a 超大附件 block (ico-bfile-6.gif) is decoration, not material.
    if (image && BLOCK_ICON.test(attachment.filename ?? '')) continue;
    // Pictures in the body without a name (a signature, a pasted screenshot): not attachments,
    // but remembered, so a table sent as a picture can be told.
    if (attachment.related && !attachment.filename) {
      if (image && attachment.size >= MIN_SCREENSHOT_BYTES) out.inlineImages.push(`${prefix}正文图片${out.inlineImages.length + 1}`);
      continue;
    }
    out.attachments.push({ name, contentType: attachment.contentType, content: attachment.content });
  }
}

/**
 * The message's own headers only (sender, subject, dates), for a mail whose body cannot be read
 * (too many parts, broken structure, over its budget): the unit that sent it is still known.
 */
export async function parseMailHeaders(raw: Buffer): Promise<ParsedMessage> {
  const end = headerEnd(raw);
  return parseMail(Buffer.concat([raw.subarray(0, end), Buffer.from('\r\n\r\n')]));
}

function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((at) => at >= 0);
  // Bounded: a mail with no blank line is all headers, but no header block is megabytes long.
  return Math.min(ends.length > 0 ? Math.min(...ends) : raw.length, 4 * 1024 * 1024);
}

export async function parseMail(raw: Buffer, options: ParseMailOptions = {}): Promise<ParsedMessage> {
  const settings: Required<ParseMailOptions> = { maxForwardDepth: options.maxForwardDepth ?? 3 };
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const from = firstAddress(mail);
  const problems: Problem[] = [];
  const recoveredSubject = recoverRawGbkHeader(raw, 'subject');
  const subject = recoveredSubject ?? mail.subject ?? '';
  if (recoveredSubject !== null) problems.push(warning('mail.raw_8bit_header', '邮件标题未按标准编码（原始 GBK），已按 GBK 解读'));
  if (!mail.from && !mail.date && !mail.subject && !mail.messageId) {
    // An empty or binary file saved as .eml: stored like any other, shown to the clerk.
    problems.push(
      error('mail.not_a_message', '文件不是邮件（没有发件人、标题、日期等邮件头），无法处理', { expected: '完整的 .eml 邮件文件' }),
    );
  }
  const received = topmostReceivedDate(mail.headerLines);
  const out = { attachments: [] as MailAttachment[], forwardedFrom: [] as string[], problems, inlineImages: [] as string[] };
  await collectAttachments(mail, '', 0, settings, out);
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  const text = mail.text && mail.text.trim() !== '' ? mail.text : null;
  return {
    html,
    text,
    largeAttachments: findLargeAttachments({ html, text }),
    inlineImages: out.inlineImages,
    messageId: mail.messageId ?? null,
    fromAddress: from.address,
    fromName:
      recoverRawGbkHeader(raw, 'from')
        ?.replace(/<[^>]*>/, '')
        .replace(/"/g, '')
        .trim() || from.name,
    subject: subject.trim(),
    dateHeader: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    receivedHeader: received ? received.toISOString() : null,
    attachments: out.attachments,
    forwardedFrom: out.forwardedFrom,
    replyTo: replyIds(mail),
    bodyExcerpt: bodyExcerpt({ text, html }),
    ownMail: ownMailMark(mail),
    problems: out.problems,
  };
}
