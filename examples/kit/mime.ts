/**
 * A small MIME writer for demo and test mail, able to reproduce how real Chinese mail clients
 * encode things: GBK or UTF-8 subjects, file names as RFC 2231 or as RFC 2047 words inside a
 * quoted filename="=?GBK?B?…?=" (Foxmail, QQ Mail), raw 8-bit headers, forwarded messages.
 * Used to make fixtures; the product itself only reads mail.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';

export type Charset = 'utf-8' | 'gbk' | 'gb2312' | 'gb18030';

export type FilenameStyle =
  /** filename*=UTF-8''%E7%BB%9F… (RFC 2231; Outlook, Thunderbird) */
  | 'rfc2231-utf8'
  /** filename*=GBK''%CD%B3… */
  | 'rfc2231-gbk'
  /** filename="=?GBK?B?…?=" (Foxmail, QQ Mail) */
  | 'rfc2047-gbk'
  /** filename="=?GB18030?B?…?=" */
  | 'rfc2047-gb18030'
  /** filename="=?UTF-8?B?…?=" */
  | 'rfc2047-utf8'
  /** name="…" as raw 8-bit GBK bytes (old clients) */
  | 'raw-gbk';

export interface MailAttachmentSpec {
  filename: string;
  content: Buffer;
  contentType?: string;
  filenameStyle?: FilenameStyle;
}

export interface MailSpec {
  from: { name?: string; address: string };
  to?: string;
  subject: string;
  subjectCharset?: Charset | 'raw-gbk';
  /** The sender's clock (Date: header). */
  date: Date;
  /** The receiving server's clock (topmost Received: header); omitted when null. */
  receivedAt?: Date | null;
  messageId?: string;
  text?: string;
  textCharset?: Charset;
  attachments?: MailAttachmentSpec[];
  /** Messages forwarded as attachments (message/rfc822). */
  forwarded?: Buffer[];
}

const CRLF = '\r\n';

function encodedWord(text: string, charset: Charset): string {
  const bytes = charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
  return `=?${charset.toUpperCase()}?B?${bytes.toString('base64')}?=`;
}

function headerText(text: string, charset: Charset): string {
  // ASCII-only text needs no encoding.
  return /^[\x20-\x7e]*$/.test(text) ? text : encodedWord(text, charset);
}

/** RFC 5322 date in +0800, as Chinese mail servers write it. */
export function mailDate(date: Date, offsetMinutes = 480): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const offset = Math.abs(offsetMinutes);
  return `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(offset / 60))}${pad(offset % 60)}`;
}

function percentEncode(bytes: Buffer): string {
  return [...bytes]
    .map((byte) =>
      /[A-Za-z0-9.\-_]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function filenameParams(filename: string, style: FilenameStyle): { contentType: string; disposition: string; raw?: Buffer } {
  switch (style) {
    case 'rfc2231-utf8':
      return {
        contentType: `name*=UTF-8''${percentEncode(Buffer.from(filename, 'utf8'))}`,
        disposition: `filename*=UTF-8''${percentEncode(Buffer.from(filename, 'utf8'))}`,
      };
    case 'rfc2231-gbk':
      return {
        contentType: `name*=GBK''${percentEncode(iconv.encode(filename, 'gbk'))}`,
        disposition: `filename*=GBK''${percentEncode(iconv.encode(filename, 'gbk'))}`,
      };
    case 'rfc2047-gbk':
      return { contentType: `name="${encodedWord(filename, 'gbk')}"`, disposition: `filename="${encodedWord(filename, 'gbk')}"` };
    case 'rfc2047-gb18030':
      return { contentType: `name="${encodedWord(filename, 'gb18030')}"`, disposition: `filename="${encodedWord(filename, 'gb18030')}"` };
    case 'rfc2047-utf8':
      return { contentType: `name="${encodedWord(filename, 'utf-8')}"`, disposition: `filename="${encodedWord(filename, 'utf-8')}"` };
    case 'raw-gbk':
      return { contentType: 'name="\u0000"', disposition: 'filename="\u0000"', raw: iconv.encode(filename, 'gbk') };
  }
}

function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

const CONTENT_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  doc: 'application/msword',
  pdf: 'application/pdf',
  zip: 'application/zip',
  txt: 'text/plain',
};

export function contentTypeFor(filename: string): string {
  return CONTENT_TYPES[filename.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

function boundaryFor(spec: MailSpec): string {
  return `----=_Part_${createHash('sha1')
    .update(spec.subject + spec.date.toISOString() + spec.from.address)
    .digest('hex')
    .slice(0, 20)}`;
}

/** Builds the raw bytes of a message. Deterministic: the same spec gives the same bytes. */
export function buildMail(spec: MailSpec): Buffer {
  const subjectCharset = spec.subjectCharset ?? 'utf-8';
  const textCharset = spec.textCharset ?? 'utf-8';
  const boundary = boundaryFor(spec);
  const messageId =
    spec.messageId ??
    `<${createHash('sha1')
      .update(spec.subject + spec.date.toISOString() + spec.from.address)
      .digest('hex')
      .slice(0, 24)}@${spec.from.address.split('@')[1] ?? 'localhost'}>`;
  const chunks: Buffer[] = [];
  const push = (text: string) => chunks.push(Buffer.from(text, 'latin1'));
  const pushLine = (text = '') => push(`${text}${CRLF}`);

  if (spec.receivedAt) {
    pushLine(`Received: from mail.${spec.from.address.split('@')[1] ?? 'example.cn'} (unknown [10.0.0.8])`);
    pushLine(`\tby mx.secretariat.example.cn (Coremail) with SMTP id demo; ${mailDate(spec.receivedAt)}`);
  }
  const fromName = spec.from.name ? `${headerText(spec.from.name, subjectCharset === 'raw-gbk' ? 'gbk' : subjectCharset)} ` : '';
  pushLine(`From: ${fromName}<${spec.from.address}>`);
  pushLine(`To: ${spec.to ?? 'secretariat@example.cn'}`);
  if (subjectCharset === 'raw-gbk') {
    push('Subject: ');
    chunks.push(iconv.encode(spec.subject, 'gbk'));
    pushLine();
  } else {
    pushLine(`Subject: ${headerText(spec.subject, subjectCharset)}`);
  }
  pushLine(`Date: ${mailDate(spec.date)}`);
  pushLine(`Message-ID: ${messageId}`);
  pushLine('MIME-Version: 1.0');
  pushLine(`Content-Type: multipart/mixed; boundary="${boundary}"`);
  pushLine();
  pushLine('This is a multi-part message in MIME format.');
  pushLine();
  pushLine(`--${boundary}`);
  pushLine(`Content-Type: text/plain; charset=${textCharset === 'utf-8' ? 'UTF-8' : textCharset.toUpperCase()}`);
  pushLine('Content-Transfer-Encoding: base64');
  pushLine();
  const body = spec.text ?? '';
  pushLine(base64Lines(textCharset === 'utf-8' ? Buffer.from(body, 'utf8') : iconv.encode(body, textCharset)));
  for (const attachment of spec.attachments ?? []) {
    const params = filenameParams(attachment.filename, attachment.filenameStyle ?? 'rfc2231-utf8');
    pushLine(`--${boundary}`);
    const contentType = attachment.contentType ?? contentTypeFor(attachment.filename);
    const writeParam = (prefix: string, param: string) => {
      if (params.raw) {
        const [before] = param.split('\u0000');
        push(`${prefix}${before}`);
        chunks.push(params.raw);
        pushLine('"');
      } else {
        pushLine(`${prefix}${param}`);
      }
    };
    writeParam(`Content-Type: ${contentType};${CRLF}\t`, params.contentType);
    pushLine('Content-Transfer-Encoding: base64');
    writeParam(`Content-Disposition: attachment;${CRLF}\t`, params.disposition);
    pushLine();
    pushLine(base64Lines(attachment.content));
  }
  for (const forwarded of spec.forwarded ?? []) {
    pushLine(`--${boundary}`);
    pushLine('Content-Type: message/rfc822');
    pushLine('Content-Disposition: attachment');
    pushLine();
    chunks.push(forwarded);
    pushLine();
  }
  pushLine(`--${boundary}--`);
  return Buffer.concat(chunks);
}
