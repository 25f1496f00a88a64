/**
 * Is a legacy Office file protected by a password? LibreOffice headless cannot ask for one and
 * only says "not loaded", which reads like a damaged file; a unit must be told to remove the
 * password instead. Both checks read the first record of the main stream, which starts a
 * sector of the compound file, so no compound-file parser is needed:
 *
 * - .xls/.et (BIFF8/BIFF5): the workbook's BOF record is followed by a FILEPASS record (0x002F);
 * - .doc/.wps: the FIB (magic 0xA5EC) has fEncrypted (bit 8 of its flags word) set.
 */
import type { FileKind } from '../extract/sniff.js';

const BIFF8_BOF = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]);
const BIFF5_BOF = Buffer.from([0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00]);
const FILEPASS = 0x002f;
const FIB_MAGIC = 0xa5ec;
const F_ENCRYPTED = 0x0100;
/** Streams start on 64-byte (mini) or 512-byte sectors; both are multiples of 64. */
const ALIGN = 64;

function biffProtected(bytes: Buffer): boolean {
  for (const [bof, recordLength] of [
    [BIFF8_BOF, 16],
    [BIFF5_BOF, 8],
  ] as const) {
    for (let at = bytes.indexOf(bof); at >= 0; at = bytes.indexOf(bof, at + 1)) {
      if (at % ALIGN !== 0) continue;
      const next = at + 4 + recordLength;
      return next + 2 <= bytes.length && bytes.readUInt16LE(next) === FILEPASS;
    }
  }
  return false;
}

function wordProtected(bytes: Buffer): boolean {
  for (let at = ALIGN; at + 12 <= bytes.length; at += ALIGN) {
    if (bytes.readUInt16LE(at) !== FIB_MAGIC) continue;
    const nFib = bytes.readUInt16LE(at + 2);
    // Word 6 (0x65) to Word 2019 (0x0112): anything else is not a FIB.
    if (nFib < 0x0065 || nFib > 0x0200) continue;
    return (bytes.readUInt16LE(at + 10) & F_ENCRYPTED) !== 0;
  }
  return false;
}

export function legacyPasswordProtected(bytes: Buffer, kind: FileKind): boolean {
  if (kind === 'xls') return biffProtected(bytes);
  if (kind === 'doc') return wordProtected(bytes);
  if (kind === 'ole-other') return biffProtected(bytes) || wordProtected(bytes);
  return false;
}
