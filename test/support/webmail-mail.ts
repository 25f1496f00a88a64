/**
 * Mail in the shapes webmail and desktop clients really produce, for the tests of issue 13:
 * 163/126 (Coremail) with a GBK base64 HTML body and the `neteasefooter` block, the 超大附件
 * download block in multipart/related with its icon, QQ's block, a table pasted from Excel
 * into the body, Outlook's winmail.dat, an attached .msg, S/MIME signatures. Deterministic:
 * the same spec gives the same bytes.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';

const CRLF = '\r\n';

export interface WebmailPart {
  /** Full Content-Type value, e.g. 'text/html; charset="gbk"'. */
  contentType: string;
  content: Buffer;
  /** attachment / inline; omitted = no Content-Disposition (a body part). */
  disposition?: 'attachment' | 'inline';
  /** File name (RFC 2047 GBK encoded-word, as Coremail writes it). */
  filename?: string;
  contentId?: string;
}

export type WebmailNode =
  | WebmailPart
  | { multipart: 'mixed' | 'alternative' | 'related' | 'signed'; parts: WebmailNode[]; params?: string };

export interface WebmailSpec {
  from: { name?: string; address: string };
  subject: string;
  date: Date;
  body: WebmailNode;
  /** Extra header lines (X-Mailer, X-Originating-IP …). */
  headers?: string[];
}

const encodedWord = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?GBK?B?${iconv.encode(text, 'gbk').toString('base64')}?=`);
const base64Lines = (content: Buffer) => (content.toString('base64').match(/.{1,76}/g) ?? ['']).join(CRLF);

function mailDate(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[local.getUTCDay()]}, ${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0800 (CST)`;
}

let counter = 0;
function render(node: WebmailNode, seed: string): Buffer {
  if ('multipart' in node) {
    const boundary = `----=_Part_${createHash('sha1').update(`${seed}/${counter++}`).digest('hex').slice(0, 16)}`;
    const head = `Content-Type: multipart/${node.multipart};${node.params ? ` ${node.params};` : ''}${CRLF}\tboundary="${boundary}"${CRLF}${CRLF}`;
    const parts = node.parts.map((part) => Buffer.concat([Buffer.from(`--${boundary}${CRLF}`), render(part, seed), Buffer.from(CRLF)]));
    return Buffer.concat([Buffer.from(head), ...parts, Buffer.from(`--${boundary}--${CRLF}`)]);
  }
  const lines = [
    `Content-Type: ${node.contentType}${node.filename ? `;${CRLF}\tname="${encodedWord(node.filename)}"` : ''}`,
    'Content-Transfer-Encoding: base64',
  ];
  if (node.contentId) lines.push(`Content-ID: <${node.contentId}>`);
  if (node.disposition)
    lines.push(`Content-Disposition: ${node.disposition}${node.filename ? `;${CRLF}\tfilename="${encodedWord(node.filename)}"` : ''}`);
  return Buffer.from(`${lines.join(CRLF)}${CRLF}${CRLF}${base64Lines(node.content)}${CRLF}`);
}

export function buildWebmail(spec: WebmailSpec): Buffer {
  const seed = `${spec.subject}/${spec.date.toISOString()}/${spec.from.address}`;
  counter = 0;
  const id = createHash('sha1').update(seed).digest('hex').slice(0, 20);
  const head = [
    `Date: ${mailDate(spec.date)}`,
    `From: ${spec.from.name ? `"${encodedWord(spec.from.name)}" ` : ''}<${spec.from.address}>`,
    'To: secretariat@example.cn',
    `Subject: ${encodedWord(spec.subject)}`,
    `Message-ID: <${id}.${spec.from.address.split('@')[1]}>`,
    ...(spec.headers ?? []),
    'MIME-Version: 1.0',
  ];
  return Buffer.concat([Buffer.from(`${head.join(CRLF)}${CRLF}`), render(spec.body, seed)]);
}

/** A GBK HTML body part, as Coremail (163/126) sends it. */
export const gbkHtml = (html: string): WebmailPart => ({ contentType: 'text/html; charset=GBK', content: iconv.encode(html, 'gbk') });
export const gbkText = (text: string): WebmailPart => ({ contentType: 'text/plain; charset=GBK', content: iconv.encode(text, 'gbk') });

/** The footer 163 mail appends to every HTML body. */
export const NETEASE_FOOTER = '<br><br><span title="neteasefooter"><p>&nbsp;</p></span>';

/** A table pasted from Excel into 163 webmail: Excel's HTML (x:num, mso styles) kept. */
export function pastedExcelTable(rows: readonly (readonly (string | { text: string; rowspan?: number; colspan?: number })[])[]): string {
  const cell = (value: string | { text: string; rowspan?: number; colspan?: number }) => {
    const spec = typeof value === 'string' ? { text: value } : value;
    const numeric = /^\d+$/.test(spec.text) ? ` x:num="${spec.text}"` : '';
    return `<td class="xl65"${spec.rowspan ? ` rowspan="${spec.rowspan}"` : ''}${spec.colspan ? ` colspan="${spec.colspan}"` : ''}${numeric} style="border:0.5pt solid windowtext;mso-number-format:General">${spec.text}</td>`;
  };
  return `<table border="0" cellpadding="0" cellspacing="0" width="1200" style="border-collapse:collapse;width:900pt"><colgroup><col width="72" span="15"></colgroup><tbody>${rows.map((row) => `<tr height="19" style="height:14.25pt">${row.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}
