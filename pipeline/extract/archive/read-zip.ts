/**
 * The files inside a .zip, read with yauzl. File names are decoded the way the writer meant
 * them: UTF-8 when the UTF-8 flag or an Info-ZIP Unicode Path field says so; otherwise the
 * bytes are UTF-8 when they decode strictly as UTF-8 (macOS, Linux), else GBK (Windows' own
 * "send to compressed folder" writes the OEM code page, which on Chinese Windows is GBK).
 *
 * Limits are checked against the sizes the directory declares before anything is inflated,
 * and yauzl refuses an entry that inflates beyond its declared size, so a zip bomb costs at
 * most the budget.
 */
import type * as Yauzl from 'yauzl';
import type { Entry } from 'yauzl';
import { requirePackage } from '../../../intake/kernel/require-package.js';
import { decodeText } from '../../../intake/kernel/text/decode-text.js';
import { listZipEntries, readAllEntries } from './zip-parts.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const yauzl = requirePackage('yauzl') as typeof Yauzl;

export interface ZipBudget {
  /** Files that may still be taken out (shared by nested archives of one message). */
  files: number;
  /** Bytes that may still be inflated. */
  bytes: number;
}

export type ZipIssue =
  | { kind: 'encrypted'; name: string }
  | { kind: 'unsupported_method'; name: string; method: number }
  | { kind: 'unreadable_entry'; name: string; detail: string }
  | { kind: 'too_many_files'; skipped: number }
  | { kind: 'too_large'; name: string; size: number };

export interface ZipContents {
  files: { name: string; content: Buffer }[];
  issues: ZipIssue[];
  /** Directory entries and system clutter (__MACOSX, Thumbs.db) that were passed over. */
  ignored: number;
}

const UNICODE_PATH_FIELD = 0x7075;
const UTF8_FLAG = 0x800;
const CLUTTER = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export function entryName(entry: Pick<Entry, 'fileNameRaw' | 'extraFieldRaw' | 'generalPurposeBitFlag'>): string {
  const raw = entry.fileNameRaw;
  let name: string;
  if (entry.generalPurposeBitFlag & UTF8_FLAG) {
    name = raw.toString('utf8');
  } else {
    const unicode = yauzl.parseExtraFields(entry.extraFieldRaw).find((field) => field.id === UNICODE_PATH_FIELD);
    // Version 1, then the CRC-32 of the raw name, then the name in UTF-8.
    name = unicode && unicode.data.length > 5 && unicode.data[0] === 1 ? unicode.data.subarray(5).toString('utf8') : decodeText(raw).text;
  }
  return name.replace(/\\/g, '/');
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Reads every file of a zip within the budget (which it spends). Throws when the zip itself is unreadable. */
export async function readZip(content: Buffer, budget: ZipBudget): Promise<ZipContents> {
  const zip = await yauzl.fromBufferPromise(content, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  const result: ZipContents = { files: [], issues: [], ignored: 0 };
  const entries = await readAllEntries(zip);
  let skipped = 0;
  for (const entry of entries) {
    const name = entryName(entry);
    if (name.endsWith('/') || CLUTTER.test(name)) {
      result.ignored++;
      continue;
    }
    if (budget.files <= 0) {
      skipped++;
      continue;
    }
    if (entry.isEncrypted()) {
      result.issues.push({ kind: 'encrypted', name });
      continue;
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      result.issues.push({ kind: 'unsupported_method', name, method: entry.compressionMethod });
      continue;
    }
    if (entry.uncompressedSize > budget.bytes) {
      result.issues.push({ kind: 'too_large', name, size: entry.uncompressedSize });
      continue;
    }
    try {
      const data = await readAll(await zip.openReadStreamPromise(entry));
      budget.files--;
      budget.bytes -= data.byteLength;
      result.files.push({ name, content: data });
    } catch (cause) {
      result.issues.push({ kind: 'unreadable_entry', name, detail: (cause as Error).message.slice(0, 200) });
    }
  }
  if (skipped > 0) result.issues.push({ kind: 'too_many_files', skipped });
  zip.close();
  return result;
}

/** The entry names of a zip (its central directory only; nothing is inflated). */
export async function listZipNames(content: Buffer): Promise<string[]> {
  return (await listZipEntries(content, { decodeStrings: false })).map(entryName);
}
