/**
 * The .docx bytes: docx's package with our styles, font table and document properties in place
 * of its own, each table placeholder replaced by the table's XML and each turned mark's by its
 * text box. Parts keep their order and a fixed time, so the same model gives the same bytes.
 */
import { type Document, Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { zipPackage } from '../package/zip-package.js';
import { TABLE_PLACEHOLDER } from './layout.js';
import { fontTableXml } from './official-format.js';
import { holdsTurnedMark, replaceTurnedMarks } from './page-marks.js';
import { stylesXml } from './styles-xml.js';

export interface PackageOptions {
  /** Document title in the file's properties. */
  title: string;
  /** ISO time written as the file's creation time (the data's 截至 time, for reproducible files). */
  createdAt: string;
  /** Written as the file's identifier property (dc:identifier): what the document was made from. */
  identifier?: string;
}

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function corePropertiesXml(options: PackageOptions): string {
  const when = new Date(options.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(options.title)}</dc:title><dc:creator>汇总（huizong）</dc:creator><cp:lastModifiedBy>汇总（huizong）</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    (options.identifier ? `<dc:identifier>${escapeXml(options.identifier)}</dc:identifier>` : '') +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

type PackageFiles = Map<string, string | Uint8Array>;

/**
 * docx's own compiler: the package's parts by path, in zip order, before docx zips them. Not in
 * docx's typings (a private static of Packer, docx 9): taking the parts from it spares zipping
 * them with fflate in JavaScript only to unzip them again here (~0.1 s a document at 1,000
 * units). Should a later docx move it, the parts come from its zip as before.
 */
const compiler = (
  Packer as unknown as { compiler?: { compile?: (file: Document, prettify: undefined, overrides: unknown[]) => PackageFiles } }
).compiler;

async function packageFiles(document: Document, overrides: { path: string; data: string }[]): Promise<PackageFiles> {
  if (typeof compiler?.compile === 'function') return compiler.compile(document, undefined, overrides);
  return new Map(Object.entries(unzipSync(await Packer.toBuffer(document, false, overrides))));
}

const textOf = (data: string | Uint8Array) => (typeof data === 'string' ? data : strFromU8(data));
const bytesOf = (data: string | Uint8Array) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

export async function packDocument(document: Document, options: PackageOptions, tables: readonly string[] = []): Promise<Buffer> {
  const files = await packageFiles(document, [
    { path: 'word/styles.xml', data: stylesXml() },
    { path: 'word/fontTable.xml', data: fontTableXml() },
    { path: 'docProps/core.xml', data: corePropertiesXml(options) },
  ]);
  if (tables.length > 0) {
    const body = textOf(files.get('word/document.xml')!);
    files.set(
      'word/document.xml',
      body.replace(TABLE_PLACEHOLDER, (_, index: string) => tables[Number(index)]!),
    );
  }
  // Each turned mark is a drawing, and drawings need ids unique in the document.
  let drawingId = 1000;
  const marked = [...files.keys()].filter(
    (name) => /^word\/(header|footer)\d+\.xml$/.test(name) && holdsTurnedMark(textOf(files.get(name)!)),
  );
  for (const name of marked.sort())
    files.set(
      name,
      replaceTurnedMarks(textOf(files.get(name)!), () => ++drawingId),
    );
  // Same part order, with a fixed time: the same model gives the same bytes.
  return zipPackage(
    [...files].map(([name, data]) => ({ name, data: bytesOf(data) })),
    new Date(options.createdAt),
  );
}
