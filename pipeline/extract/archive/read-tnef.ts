/**
 * The attachments inside an Outlook winmail.dat (application/ms-tnef, MS-OXTNEF). Outlook and
 * Exchange send "rich text" mail as one TNEF part holding the real attachments; other clients
 * show only winmail.dat. Each attachment starts at attAttachRendData; its bytes are
 * attAttachData; its name is the long file name among its MAPI properties (attAttachment,
 * PR_ATTACH_LONG_FILENAME, Unicode or in the message's code page) or else attAttachTitle.
 *
 * Pure: bytes in, files out; a malformed file throws (the caller reports it as unreadable).
 */
import type * as Iconv from 'iconv-lite';
import { requirePackage } from '../../../intake/kernel/require-package.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const iconv = requirePackage('iconv-lite') as typeof Iconv;

export interface TnefFile {
  name: string;
  content: Buffer;
}

const SIGNATURE = 0x223e9f78;
const LEVEL_ATTACHMENT = 2;
const ATT_OEM_CODEPAGE = 0x00069007;
const ATT_ATTACH_REND_DATA = 0x00069002;
const ATT_ATTACH_TITLE = 0x00018010;
const ATT_ATTACH_DATA = 0x0006800f;
const ATT_ATTACHMENT = 0x00069005;
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PR_DISPLAY_NAME = 0x3001;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;

function decode(bytes: Buffer, codepage: number): string {
  const text =
    codepage === 936 || codepage === 54936
      ? iconv.decode(bytes, 'gb18030')
      : codepage === 65001
        ? bytes.toString('utf8')
        : iconv.encodingExists(`cp${codepage}`)
          ? iconv.decode(bytes, `cp${codepage}`)
          : bytes.toString('latin1');
  return text.replace(/\0+$/, '');
}

/** Fixed sizes of MAPI property types (MS-OXTNEF 2.1.3.4); variable ones are absent. */
const FIXED: Record<number, number> = { 2: 4, 3: 4, 4: 4, 5: 8, 6: 8, 7: 8, 10: 4, 11: 4, 20: 8, 64: 8, 72: 16 };
const pad4 = (n: number) => (n + 3) & ~3;

/** The string properties of an attMAPIProps / attAttachment block, by property id. */
function mapiStrings(data: Buffer, codepage: number): Map<number, string> {
  const strings = new Map<number, string>();
  let at = 0;
  const count = data.readUInt32LE(at);
  at += 4;
  for (let index = 0; index < count && at + 4 <= data.length; index++) {
    const type = data.readUInt16LE(at);
    const id = data.readUInt16LE(at + 2);
    at += 4;
    // Named properties carry a GUID and a name or number before the value.
    if (id >= 0x8000) {
      at += 16;
      const kind = data.readUInt32LE(at);
      at += 4;
      if (kind === 0) at += 4;
      else {
        const length = data.readUInt32LE(at);
        at += 4 + pad4(length);
      }
    }
    const multi = (type & 0x1000) !== 0;
    const base = type & 0x0fff;
    if (FIXED[base] !== undefined) {
      const values = multi ? data.readUInt32LE(at) : 1;
      if (multi) at += 4;
      at += values * pad4(FIXED[base]!);
      continue;
    }
    // Variable: strings, binary, objects — a count of values, each with its length.
    const values = data.readUInt32LE(at);
    at += 4;
    for (let value = 0; value < values; value++) {
      const length = data.readUInt32LE(at);
      at += 4;
      const bytes = data.subarray(at, at + length);
      if (value === 0 && (base === PT_UNICODE || base === PT_STRING8)) {
        strings.set(id, base === PT_UNICODE ? bytes.toString('utf16le').replace(/\0+$/, '') : decode(bytes, codepage));
      }
      at += pad4(length);
    }
  }
  return strings;
}

export function isTnef(content: Buffer): boolean {
  return content.length >= 6 && content.readUInt32LE(0) === SIGNATURE;
}

export function readTnef(content: Buffer): TnefFile[] {
  if (!isTnef(content)) throw new Error('不是 TNEF 文件');
  const files: { title: string | null; long: string | null; content: Buffer | null }[] = [];
  let codepage = 1252;
  let at = 6;
  while (at + 9 <= content.length) {
    const level = content[at]!;
    const id = content.readUInt32LE(at + 1);
    const length = content.readUInt32LE(at + 5);
    const data = content.subarray(at + 9, at + 9 + length);
    if (data.length !== length) throw new Error('TNEF 文件不完整');
    at += 9 + length + 2;
    if (id === ATT_OEM_CODEPAGE && length >= 4) codepage = data.readUInt32LE(0);
    if (level !== LEVEL_ATTACHMENT) continue;
    if (id === ATT_ATTACH_REND_DATA) files.push({ title: null, long: null, content: null });
    const current = files.at(-1);
    if (!current) continue;
    if (id === ATT_ATTACH_TITLE) current.title = decode(data, codepage);
    else if (id === ATT_ATTACH_DATA) current.content = Buffer.from(data);
    else if (id === ATT_ATTACHMENT) {
      try {
        const strings = mapiStrings(data, codepage);
        current.long = strings.get(PR_ATTACH_LONG_FILENAME) ?? strings.get(PR_DISPLAY_NAME) ?? null;
      } catch {
        // A property block we cannot walk leaves the title as the name.
      }
    }
  }
  return files
    .filter((file): file is { title: string | null; long: string | null; content: Buffer } => file.content !== null)
    .map((file, index) => ({ name: (file.long || file.title || `附件${index + 1}`).replace(/^.*[\\/]/, ''), content: file.content }));
}
