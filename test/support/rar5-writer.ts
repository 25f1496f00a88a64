/**
 * Writes RAR 5 archives with stored (uncompressed) files, following the published RAR 5.0
 * archive format (rarlab.com "RAR 5.0 archive format"). The `rar` program is non-free and not in
 * Debian, so test archives are written here and checked with 7-Zip (p7zip-full), which reads
 * RAR: `7z t` must accept each one. Only what tests need: stored files, the encryption record
 * (files that need a password) and the volume flags (one part of a multi-volume set).
 */
import { crc32 } from 'node:zlib';

export interface RarEntry {
  name: string;
  content: Buffer;
  /** Mark the file as encrypted (its data is then not readable without the password). */
  encrypted?: boolean;
}

export interface RarOptions {
  /** Write the first part of a multi-volume set ("more volumes follow"). */
  firstVolumeOfMany?: boolean;
}

function vint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return Buffer.from(bytes);
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
}

/** One header block: CRC32, size, then the fields (type, flags, …). */
function block(fields: Buffer): Buffer {
  const size = vint(fields.length);
  const body = Buffer.concat([size, fields]);
  return Buffer.concat([uint32(crc32(body)), body]);
}

const SIGNATURE = Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]);
const HEADER_MAIN = 1;
const HEADER_FILE = 2;
const HEADER_END = 5;
const HAS_EXTRA = 0x1;
const HAS_DATA = 0x2;

function fileBlock(entry: RarEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  // Encryption record: type 1, version 0, flags 0, KDF count 15, salt and IV (values irrelevant
  // for a reader that only lists; extraction must refuse without the password).
  const extra = entry.encrypted
    ? (() => {
        const record = Buffer.concat([vint(0x01), vint(0), vint(0), Buffer.from([15]), Buffer.alloc(16, 7), Buffer.alloc(16, 9)]);
        return Buffer.concat([vint(record.length), record]);
      })()
    : Buffer.alloc(0);
  const data = entry.encrypted ? Buffer.alloc(Math.ceil(entry.content.length / 16) * 16 || 16, 0x5a) : entry.content;
  const fields = Buffer.concat([
    vint(HEADER_FILE),
    vint(HAS_DATA | (extra.length > 0 ? HAS_EXTRA : 0)),
    ...(extra.length > 0 ? [vint(extra.length)] : []),
    vint(data.length),
    vint(0x4), // file flags: data CRC32 present
    vint(entry.content.length),
    vint(0x20), // attributes: archive
    uint32(crc32(entry.content)),
    vint(0), // compression: version 0, stored
    vint(0), // host OS: Windows
    vint(name.length),
    name,
    extra,
  ]);
  return Buffer.concat([block(fields), data]);
}

export function writeRar5(entries: readonly RarEntry[], options: RarOptions = {}): Buffer {
  const volume = options.firstVolumeOfMany === true;
  const main = block(Buffer.concat([vint(HEADER_MAIN), vint(0), vint(volume ? 0x1 : 0)]));
  const end = block(Buffer.concat([vint(HEADER_END), vint(0), vint(volume ? 0x1 : 0)]));
  return Buffer.concat([SIGNATURE, main, ...entries.map(fileBlock), end]);
}
