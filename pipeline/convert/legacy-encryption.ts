/**
 * Is a legacy Office file protected by a password? LibreOffice headless cannot ask for one and
 * only says "not loaded", which reads like a damaged file; a unit must be told to remove the
 * password instead. Both checks read the first record of the main stream, which starts a
 * sector of the compound file, so no compound-file parser is needed:
 *
 * - .xls/.et (BIFF8/BIFF5): the workbook's BOF record is followed by a FILEPASS record (0x002F),
 *   possibly after a WRITEPROT record (0x0086: the file also has a "password to modify");
 * - .doc/.wps: the FIB (magic 0xA5EC) has fEncrypted (bit 8 of its flags word) set.
 */
import { readOleRoot } from '../extract/ole-directory.js';
import type { FileKind } from '../extract/sniff.js';

const BIFF8_BOF = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]);
const BIFF5_BOF = Buffer.from([0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00]);
const FILEPASS = 0x002f;
const WRITEPROT = 0x0086;
const BOF = 0x0809;
const FIB_MAGIC = 0xa5ec;
const F_ENCRYPTED = 0x0100;
/** Streams start on 64-byte (mini) or 512-byte sectors; both are multiples of 64. */
const ALIGN = 64;

/** FILEPASS right after BOF, or after WRITEPROT: a record stream read from its start. */
function filePassFollows(stream: Buffer, at: number): boolean {
  for (let records = 0; records < 3 && at + 4 <= stream.length; records++) {
    const type = stream.readUInt16LE(at);
    if (type === FILEPASS) return true;
    if (records > 0 && type !== WRITEPROT) return false;
    at += 4 + stream.readUInt16LE(at + 2);
  }
  return false;
}

function biffProtected(bytes: Buffer): boolean {
  // The workbook stream from the compound file's directory; the sector scan below is for a
  // directory too damaged to read.
  const root = readOleRoot(bytes);
  const name = root?.names.find((entry) => /^(workbook|book)$/i.test(entry));
  const stream = name ? root!.stream(name) : null;
  if (stream && stream.length >= 4 && stream.readUInt16LE(0) === BOF) return filePassFollows(stream, 0);
  for (const [bof, recordLength] of [
    [BIFF8_BOF, 16],
    [BIFF5_BOF, 8],
  ] as const) {
    for (let at = bytes.indexOf(bof); at >= 0; at = bytes.indexOf(bof, at + 1)) {
      if (at % ALIGN !== 0) continue;
      return (
        filePassFollows(bytes, at) || (at + 4 + recordLength + 2 <= bytes.length && bytes.readUInt16LE(at + 4 + recordLength) === FILEPASS)
      );
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
