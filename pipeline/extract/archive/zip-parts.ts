/**
 * Reading single parts of a zip package (.xlsx/.docx) quickly and safely: yauzl parses the
 * central directory (zip64, name encodings, sanity checks); the part's bytes are inflated in one
 * native call whose output is capped, so a part that inflates beyond the cap — whatever size its
 * directory entry claims — is refused after at most that many bytes. yauzl's streams cost
 * several milliseconds per package; this costs a fraction of one.
 */
import { inflateRawSync } from 'node:zlib';
import type * as Yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { requirePackage } from '../../../intake/kernel/require-package.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const yauzl = requirePackage('yauzl') as typeof Yauzl;

export type { Entry };

/** Every entry of a zip opened with `lazyEntries: true`, in directory order. */
export function readAllEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise<Entry[]>((resolve, reject) => {
    const list: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      list.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** The central directory's entries. `decodeStrings: false` keeps names as raw bytes (see read-zip.ts). */
export async function listZipEntries(content: Buffer, options: { decodeStrings?: boolean } = {}): Promise<Entry[]> {
  const zip = await yauzl.fromBufferPromise(content, {
    lazyEntries: true,
    validateEntrySizes: true,
    decodeStrings: options.decodeStrings ?? true,
  });
  try {
    return await readAllEntries(zip);
  } finally {
    zip.close();
  }
}

const LOCAL_HEADER = 0x04034b50;

/**
 * The inflated bytes of one entry, or null when they would exceed `maxBytes`. Throws when the
 * entry is encrypted, uses an unknown method, or its data is damaged or not the size declared.
 */
export function inflateEntrySync(content: Buffer, entry: Entry, maxBytes: number): Buffer | null {
  if (entry.isEncrypted()) throw new Error(`${entry.fileName} is encrypted`);
  const offset = entry.relativeOffsetOfLocalHeader;
  if (offset + 30 > content.length || content.readUInt32LE(offset) !== LOCAL_HEADER) throw new Error(`${entry.fileName}: bad local header`);
  const start = offset + 30 + content.readUInt16LE(offset + 26) + content.readUInt16LE(offset + 28);
  const data = content.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw new Error(`${entry.fileName}: truncated`);
  let inflated: Buffer;
  if (entry.compressionMethod === 0) {
    if (data.length > maxBytes) return null;
    inflated = data;
  } else if (entry.compressionMethod === 8) {
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
      throw error;
    }
  } else {
    throw new Error(`${entry.fileName}: compression method ${entry.compressionMethod}`);
  }
  if (inflated.length !== entry.uncompressedSize) throw new Error(`${entry.fileName}: size differs from its directory entry`);
  return inflated;
}
