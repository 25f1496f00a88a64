/**
 * What a file is, from its bytes, not its name: units rename files, mail clients mangle
 * extensions, and a ".xls" is often really an .xlsx (or the other way round).
 */
import { readOleRoot } from './ole-directory.js';

export type FileKind =
  | 'xlsx'
  /** Binary Excel 2007+ (.xlsb): read through LibreOffice. */
  | 'xlsb'
  | 'docx'
  /** Other Office Open XML (pptx…) */
  | 'ooxml-other'
  | 'zip'
  /** OpenDocument text (.odt) and spreadsheet (.ods), as LibreOffice and WPS can save. */
  | 'odt'
  | 'ods'
  /** Legacy binary Excel (.xls) or WPS spreadsheet (.et). */
  | 'xls'
  /** Legacy binary Word (.doc) or WPS text (.wps). */
  | 'doc'
  /** An Office file protected by a password (OLE container holding EncryptedPackage). */
  | 'encrypted'
  | 'ole-other'
  | 'pdf'
  | 'rar'
  | '7z'
  /** Outlook's winmail.dat (application/ms-tnef): the real attachments inside. */
  | 'tnef'
  /** An Outlook item (.msg) attached to the mail. */
  | 'msg'
  /** The HTML body of the mail (a table pasted into it); never an attachment. */
  | 'html'
  | 'rtf'
  | 'txt'
  | 'image'
  | 'other';

export const FILE_KIND_LABEL: Record<FileKind, string> = {
  xlsx: 'Excel 工作簿',
  xlsb: 'Excel 二进制工作簿（.xlsb）',
  docx: 'Word 文档',
  'ooxml-other': 'Office 文档',
  zip: 'ZIP 压缩包',
  odt: 'OpenDocument 文字文档',
  ods: 'OpenDocument 电子表格',
  xls: '旧版 Excel/WPS 表格',
  doc: '旧版 Word/WPS 文字',
  encrypted: '加密的 Office 文档',
  'ole-other': '旧版 Office 文档',
  pdf: 'PDF 文档',
  rar: 'RAR 压缩包',
  '7z': '7z 压缩包',
  tnef: 'Outlook 附件包（winmail.dat）',
  msg: 'Outlook 邮件（.msg）',
  html: '邮件正文',
  rtf: 'RTF 文档',
  txt: '文本文件',
  image: '图片',
  other: '其他文件',
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((byte, index) => bytes[offset + index] === byte);

function contains(bytes: Uint8Array, text: string, encoding: 'latin1' | 'utf16le' = 'latin1'): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, encoding));
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control / sample.length < 0.01;
}

/** What a compound file is, from the streams at its root (names lower-cased). */
function oleKind(names: readonly string[]): FileKind {
  if (names.includes('encryptedpackage')) return 'encrypted';
  if (names.includes('workbook') || names.includes('book')) return 'xls';
  if (names.includes('worddocument')) return 'doc';
  // An Outlook item keeps its properties in __substg1.0_<tag> streams and __properties_version1.0 at its root.
  if (names.includes('__properties_version1.0') || names.some((name) => name.startsWith('__substg1.0_'))) return 'msg';
  return 'ole-other';
}

export function sniffKind(bytes: Uint8Array, name = ''): FileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // OOXML packages name their parts in the zip directory, which is stored uncompressed.
    if (contains(bytes, 'xl/workbook')) return 'xlsx';
    if (contains(bytes, 'word/document')) return 'docx';
    if (contains(bytes, '[Content_Types].xml')) return 'ooxml-other';
    // OpenDocument stores its "mimetype" entry first and uncompressed.
    if (contains(bytes.subarray(0, 120), 'mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
    if (contains(bytes.subarray(0, 120), 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    return 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const root = readOleRoot(bytes);
    if (root) return oleKind(root.names.map((name) => name.toLowerCase()));
    // A directory cfb cannot read (damaged): the names found anywhere are the only clue left.
    if (contains(bytes, 'EncryptedPackage', 'utf16le')) return 'encrypted';
    // Before the Word/Excel names: a .msg carrying a .doc holds those names in its data.
    if (contains(bytes, '__substg1.0_', 'utf16le')) return 'msg';
    if (contains(bytes, 'WordDocument', 'utf16le')) return 'doc';
    if (contains(bytes, 'Workbook', 'utf16le') || contains(bytes, 'Book', 'utf16le')) return 'xls';
    return 'ole-other';
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return 'rar';
  if (startsWith(bytes, [0x78, 0x9f, 0x3e, 0x22])) return 'tnef';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf';
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    startsWith(bytes, [0x42, 0x4d]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])
  ) {
    return 'image';
  }
  if (/\.(txt|text|csv)$/i.test(name) && looksLikeText(bytes)) return 'txt';
  return 'other';
}
