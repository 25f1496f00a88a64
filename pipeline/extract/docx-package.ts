/**
 * The main part of a .docx package (word/document.xml). Only that entry is inflated, and never
 * beyond the limit whatever its directory entry declares (zip-parts.ts), so a zip bomb cannot
 * cost more.
 */
import { inflateEntrySync, listZipEntries } from './archive/zip-parts.js';
import type { OpenedPackage } from './ooxml-inspect.js';

export const DOCUMENT_PART = 'word/document.xml';

export class DocxPackageError extends Error {
  constructor(
    readonly code: 'no_document' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'DocxPackageError';
  }
}

export async function readDocumentXml(content: Buffer, maxXmlBytes = 64 * 1024 * 1024, opened?: OpenedPackage): Promise<string> {
  // Inflated already by the inspection (within its own limit): taken as it is, within this one.
  const inflated = opened?.xml.get(DOCUMENT_PART);
  if (inflated && inflated.length <= maxXmlBytes) return inflated.toString('utf8');
  const entry = (await listZipEntries(content)).find((candidate) => candidate.fileName === DOCUMENT_PART);
  if (!entry) throw new DocxPackageError('no_document', '不是有效的 Word 文档（缺少正文部分 word/document.xml）');
  const tooLarge = () => new DocxPackageError('too_large', `Word 文档正文过大（${Math.round(entry.uncompressedSize / 1048576)} MB）`);
  if (entry.uncompressedSize > maxXmlBytes) throw tooLarge();
  const data = inflateEntrySync(content, entry, maxXmlBytes);
  if (data === null) throw tooLarge();
  return data.toString('utf8');
}
