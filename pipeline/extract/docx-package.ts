/**
 * The main part of a .docx package (word/document.xml), read with yauzl. Only that entry is
 * inflated, and only when the size its directory entry declares is within the limit (yauzl
 * refuses an entry that inflates beyond what it declares), so a zip bomb cannot cost more.
 */
import yauzl, { type Entry } from 'yauzl';

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

export async function readDocumentXml(content: Buffer, maxXmlBytes = 64 * 1024 * 1024): Promise<string> {
  const zip = await yauzl.fromBufferPromise(content, { lazyEntries: true, validateEntrySizes: true });
  try {
    const entry = await new Promise<Entry | null>((resolve, reject) => {
      zip.on('entry', (candidate: Entry) => (candidate.fileName === DOCUMENT_PART ? resolve(candidate) : zip.readEntry()));
      zip.on('end', () => resolve(null));
      zip.on('error', reject);
      zip.readEntry();
    });
    if (!entry) throw new DocxPackageError('no_document', '不是有效的 Word 文档（缺少正文部分 word/document.xml）');
    if (entry.uncompressedSize > maxXmlBytes) throw new DocxPackageError('too_large', `Word 文档正文过大（${Math.round(entry.uncompressedSize / 1048576)} MB）`);
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    zip.close();
  }
}
