/**
 * Header recovery for mail clients that put raw 8-bit GBK into headers without RFC 2047
 * encoding (old Outlook Express, some OA systems). mailparser reads those bytes as another
 * charset; reading the raw bytes ourselves and decoding them as GB18030 gets the text back.
 */
import type * as Iconv from 'iconv-lite';
import { requirePackage } from '../kernel/require-package.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const iconv = requirePackage('iconv-lite') as typeof Iconv;

/** The header block (up to the first empty line) as latin1: one char per byte, so lossless. */
function headerBlockLatin1(raw: Uint8Array): string {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const ends = [buffer.indexOf('\r\n\r\n'), buffer.indexOf('\n\n')].filter((index) => index >= 0);
  return buffer.subarray(0, ends.length > 0 ? Math.min(...ends) : buffer.length).toString('latin1');
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The value of the first header called `name`, decoded as GB18030, when its raw bytes are 8-bit
 * and not valid UTF-8. Null when the header is absent, ASCII or UTF-8: mailparser got those right.
 */
export function recoverRawGbkHeader(raw: Uint8Array, name: string): string | null {
  const unfolded = headerBlockLatin1(raw).replace(/\r?\n(?=[ \t])/g, '');
  const prefix = `${name.toLowerCase()}:`;
  const line = unfolded.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(prefix));
  if (line === undefined) return null;
  const bytes = Buffer.from(line.slice(prefix.length), 'latin1');
  if (!bytes.some((byte) => byte >= 0x80) || isValidUtf8(bytes)) return null;
  return iconv.decode(bytes, 'gb18030').replace(/\s+/g, ' ').trim();
}

/**
 * A file name sent as raw 8-bit bytes (no RFC 2047/2231 encoding) reaches us from mailparser
 * as one latin1 character per byte ("Í³¼Æ±í.xlsx"). The bytes are UTF-8 or GBK; returns the
 * repaired name, or null when the name is not such mojibake (then it was decoded correctly).
 */
export function repairMojibakeName(name: string): string | null {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return null;
  const bytes = Buffer.from(name, 'latin1');
  if (isValidUtf8(bytes)) return bytes.toString('utf8');
  const decoded = iconv.decode(bytes, 'gb18030');
  // Only a decoding into Chinese text is believed; anything else stays as it was.
  return /[\u4e00-\u9fff]/.test(decoded) && !decoded.includes('\ufffd') ? decoded : null;
}
