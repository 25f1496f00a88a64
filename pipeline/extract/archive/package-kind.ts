/**
 * What a zip-based file really is, from the names in its directory rather than from bytes
 * that happen to appear in it: an .xlsx or .docx (also when renamed .zip or .xls), an
 * OpenDocument file, another Office package, or a plain archive of files. A plain zip of
 * uncompressed .xlsx files contains the bytes "xl/workbook" too; its directory does not.
 */
import type { FileKind } from '../sniff.js';
import { listZipNames } from './read-zip.js';

const ZIP_KINDS: ReadonlySet<FileKind> = new Set(['xlsx', 'xlsb', 'docx', 'ooxml-other', 'zip', 'odt', 'ods']);

export function kindFromNames(names: readonly string[], sniffed: FileKind): FileKind {
  const set = new Set(names);
  if (set.has('[Content_Types].xml')) {
    if (set.has('xl/workbook.xml')) return 'xlsx';
    if (set.has('xl/workbook.bin')) return 'xlsb';
    if (set.has('word/document.xml')) return 'docx';
    return 'ooxml-other';
  }
  if (set.has('mimetype') && (sniffed === 'odt' || sniffed === 'ods')) return sniffed;
  return 'zip';
}

/** Refines a sniffed kind for zip-based files; other kinds pass through. */
export async function packageKind(content: Buffer, sniffed: FileKind): Promise<FileKind> {
  if (!ZIP_KINDS.has(sniffed)) return sniffed;
  try {
    return kindFromNames(await listZipNames(content), sniffed);
  } catch {
    // Not a readable zip: the reader for the sniffed kind will say so.
    return sniffed;
  }
}
