/**
 * Decoding text files whose encoding nobody declared (a roster saved by Excel, a .txt report).
 * Chinese Windows software writes GBK; everything else writes UTF-8. A strict UTF-8 decode tells
 * them apart reliably: GBK text is almost never valid UTF-8.
 */
import type * as Iconv from 'iconv-lite';
import { requirePackage } from '../require-package.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const iconv = requirePackage('iconv-lite') as typeof Iconv;

export type DetectedEncoding = 'utf-8' | 'gb18030';

export function decodeText(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding: 'utf-8' };
  } catch {
    // GB18030 is a superset of GBK and GB2312, so it decodes all three.
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
}
