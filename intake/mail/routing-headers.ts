/**
 * What a message says about the conversation it belongs to and where it came from, for routing
 * between the campaigns of one office (pipeline/route/): the Message-IDs it answers, the start of
 * its body as plain text, and whether the office sent it itself. Pure.
 */
import type { ParsedMail } from 'mailparser';

/** Enough for a 文号 or a notice title written in the first lines of a mail, little enough to keep for every message. */
export const BODY_EXCERPT_CHARS = 600;

/** The header every message huizong sends carries (output/mail/compose.ts writes it). */
export const OWN_MAIL_HEADER = 'x-huizong-outbox';

/** In-Reply-To and References, each Message-ID with its angle brackets, lower-cased, once. */
export function replyIds(mail: Pick<ParsedMail, 'inReplyTo' | 'references'>): string[] {
  const texts = [mail.inReplyTo ?? '', ...(Array.isArray(mail.references) ? mail.references : [mail.references ?? ''])];
  const ids = new Set<string>();
  for (const text of texts) for (const id of text.match(/<[^<>\s]+>/g) ?? []) ids.add(id.toLowerCase());
  return [...ids];
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Tags and scripts out, the common entities decoded: the words a reader sees, roughly. */
function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16) || 32);
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)) || 32);
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** The first BODY_EXCERPT_CHARS characters of the body (the text part, else the HTML's words), whitespace folded. */
export function bodyExcerpt(body: { text: string | null; html: string | null }): string {
  const source = body.text ?? (body.html !== null ? htmlToText(body.html.slice(0, 64 * 1024)) : '');
  return source.replace(/\s+/g, ' ').trim().slice(0, BODY_EXCERPT_CHARS);
}

/** The X-Huizong-Outbox header's value, or null. */
export function ownMailMark(mail: Pick<ParsedMail, 'headers'>): string | null {
  const value = mail.headers.get(OWN_MAIL_HEADER);
  if (value === undefined || value === null) return null;
  return String(value).trim() || OWN_MAIL_HEADER;
}
