/**
 * The shell of the set-up: the office's files (a notice, table templates) read into plain data
 * the derivation works on. What a file is comes from its bytes, as for units' mail (sniff.ts);
 * .xls / .et / .doc / .wps / .odt / .ods / .rtf are converted by LibreOffice, all in one start
 * (convert-batch.ts); .pdf is read with pdftotext; .txt in UTF-8 or GBK. A file that cannot be
 * read is a value saying why, in Chinese; nothing throws for a bad file.
 */
import { decodeText } from '../../intake/kernel/text/decode-text.js';
import { type ConversionOutcome, type ConvertOptions, convertBatch } from '../convert/convert-batch.js';
import { conversionSource } from '../convert/convert-legacy.js';
import { FILE_KIND_LABEL, type FileKind, sniffKind } from '../extract/sniff.js';
import { readPdfText } from '../report/pdf-text.js';
import { readWordContent } from './table/read-docx-template.js';
import { readXlsxTemplate } from './table/read-xlsx-template.js';
import type { TemplateSheet } from './table/template-sheet.js';

export interface SetupFile {
  /** The file's name as the clerk gave it (shown in every message). */
  name: string;
  content: Buffer;
}

/** A line of a document, with where it stands ("第12段", "第3行"). */
export interface DocumentLine {
  text: string;
  location: string;
}

export type ReadSetupFile =
  | { name: string; kind: 'sheet'; sheets: TemplateSheet[] }
  /** A Word document (or one converted to it), a PDF or a text file: its lines, and its tables. */
  | { name: string; kind: 'document'; lines: DocumentLine[]; tables: TemplateSheet[] }
  | { name: string; kind: 'unreadable'; reason: string };

/** A template or a notice is a few hundred KB; anything past this is not what the clerk meant. */
export const MAX_SETUP_FILE_BYTES = 30 * 1024 * 1024;

function conversionFailure(outcome: ConversionOutcome | undefined): string {
  if (!outcome) return 'LibreOffice 没有转换这个文件';
  switch (outcome.status) {
    case 'converted':
      return '';
    case 'unavailable':
      return `需要 LibreOffice 才能读取旧版或 WPS 格式（${outcome.detail}）`;
    case 'timeout':
      return `LibreOffice 在 ${outcome.seconds} 秒内没有转换完`;
    case 'failed':
      return `LibreOffice 无法打开这个文件（${outcome.detail}）`;
  }
}

function textLines(text: string): DocumentLine[] {
  return text.split(/\r?\n|\f/u).flatMap((line, index) => (line.trim() === '' ? [] : [{ text: line, location: `第${index + 1}行` }]));
}

async function readOoxml(name: string, kind: 'xlsx' | 'docx', content: Buffer): Promise<ReadSetupFile> {
  try {
    if (kind === 'xlsx') return { name, kind: 'sheet', sheets: await readXlsxTemplate(content, name) };
    const word = await readWordContent(content, name);
    return { name, kind: 'document', lines: word.paragraphs.map(({ text, location }) => ({ text, location })), tables: word.tables };
  } catch (error) {
    return { name, kind: 'unreadable', reason: `文件无法打开（可能已损坏）：${(error as Error).message.slice(0, 120)}` };
  }
}

async function readOne(file: SetupFile, kind: FileKind, outcome: ConversionOutcome | undefined): Promise<ReadSetupFile> {
  const { name, content } = file;
  if (content.length > MAX_SETUP_FILE_BYTES)
    return { name, kind: 'unreadable', reason: `文件过大（${Math.round(content.length / 1048576)} MB）` };
  if (kind === 'xlsx' || kind === 'docx') return readOoxml(name, kind, content);
  if (conversionSource(kind) !== null) {
    if (outcome?.status !== 'converted') return { name, kind: 'unreadable', reason: conversionFailure(outcome) };
    return readOoxml(name, outcome.target, outcome.content);
  }
  if (kind === 'pdf') {
    const pdf = await readPdfText(content);
    if (pdf.status === 'text') return { name, kind: 'document', lines: textLines(pdf.text), tables: [] };
    const why = {
      scanned: 'PDF 是扫描件，没有文字层，无法读出文字',
      encrypted: 'PDF 设有密码',
      unreadable: `PDF 无法读取${pdf.status === 'unreadable' ? `（${pdf.detail}）` : ''}`,
      unavailable: '需要 pdftotext（poppler-utils）才能读取 PDF',
    }[pdf.status];
    return { name, kind: 'unreadable', reason: why };
  }
  if (kind === 'txt' || (kind === 'other' && /\.txt$/iu.test(name)))
    return { name, kind: 'document', lines: textLines(decodeText(content).text), tables: [] };
  return { name, kind: 'unreadable', reason: `不是能读取的通知或表格文件（${FILE_KIND_LABEL[kind]}）` };
}

/** Reads every file; legacy formats go through one LibreOffice start together. */
export async function readSetupFiles(files: readonly SetupFile[], options: ConvertOptions = {}): Promise<ReadSetupFile[]> {
  const kinds = files.map((file) => sniffKind(file.content, file.name));
  const requests = files.flatMap((file, index) => {
    const source = conversionSource(kinds[index]!);
    return source !== null && file.content.length <= MAX_SETUP_FILE_BYTES ? [{ key: String(index), source, content: file.content }] : [];
  });
  const converted = requests.length > 0 ? (await convertBatch(requests, options)).outcomes : new Map<string, ConversionOutcome>();
  return Promise.all(files.map((file, index) => readOne(file, kinds[index]!, converted.get(String(index)))));
}
