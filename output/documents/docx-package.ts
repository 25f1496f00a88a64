/**
 * The .docx bytes: docx's package with our styles, font table and document properties in place
 * of its own, each table placeholder replaced by the table's XML and each turned mark's by its
 * text box. Parts keep their order and a fixed time, so the same model gives the same bytes.
 */
import { type Document, Packer } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
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

export async function packDocument(document: Document, options: PackageOptions, tables: readonly string[] = []): Promise<Buffer> {
  const packed = await Packer.toBuffer(document, false, [
    { path: 'word/styles.xml', data: stylesXml() },
    { path: 'word/fontTable.xml', data: fontTableXml() },
    { path: 'docProps/core.xml', data: corePropertiesXml(options) },
  ]);
  const files = unzipSync(packed);
  const marked = Object.keys(files).filter(
    (name) => /^word\/(header|footer)\d+\.xml$/.test(name) && holdsTurnedMark(strFromU8(files[name]!)),
  );
  if (tables.length === 0 && marked.length === 0) return packed;
  const body = strFromU8(files['word/document.xml']!).replace(TABLE_PLACEHOLDER, (_, index: string) => tables[Number(index)]!);
  files['word/document.xml'] = strToU8(body);
  // Each turned mark is a drawing, and drawings need ids unique in the document.
  let drawingId = 1000;
  for (const name of marked.sort()) files[name] = strToU8(replaceTurnedMarks(strFromU8(files[name]!), () => ++drawingId));
  // Same part order, with a fixed time: the same model gives the same bytes.
  return zipPackage(
    Object.entries(files).map(([name, data]) => ({ name, data })),
    new Date(options.createdAt),
  );
}
