/**
 * The main part of a .docx package (word/document.xml), read with fflate. Only that one entry
 * is inflated, and never beyond the size its directory entry declares (a zip bomb cannot make
 * it bigger), so a hostile package costs at most `maxXmlBytes`.
 */
import { unzipSync } from 'fflate';

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

export function readDocumentXml(content: Uint8Array, maxXmlBytes = 64 * 1024 * 1024): string {
  let declared = 0;
  const entries = unzipSync(content, {
    filter: (entry) => {
      if (entry.name !== DOCUMENT_PART) return false;
      declared = entry.originalSize;
      return entry.originalSize <= maxXmlBytes;
    },
  });
  const part = entries[DOCUMENT_PART];
  if (!part) {
    if (declared > maxXmlBytes) throw new DocxPackageError('too_large', `正文部分过大（${Math.round(declared / 1048576)} MB）`);
    throw new DocxPackageError('no_document', '不是有效的 Word 文档（缺少正文部分 word/document.xml）');
  }
  return new TextDecoder('utf-8').decode(part);
}
