/**
 * Looks inside an .xlsx/.docx package before a library parses it, for what the library would
 * silently trust: XML that inflates far beyond the file's size (exceljs' zip reader does not check
 * declared sizes, so a crafted package could fill memory), macros, links to outside content (a
 * network share, a remote template), and DDE formulas or fields that would run a command in
 * Excel or Word. huizong never runs, follows or fetches any of these; the clerk is told they
 * were there.
 */
import { type Entry, inflateEntrySync, listZipEntries } from './archive/zip-parts.js';

export interface OoxmlInspection {
  /** Inflated bytes of the package's XML parts. */
  xmlBytes: number;
  /** The package carries a VBA project (.xlsm/.docm, or a renamed one). */
  macros: boolean;
  /** Relationship targets outside the file (other than plain hyperlinks). */
  externalTargets: string[];
  /** Cells or fields that call another program (DDE), e.g. "cmd|' /C calc'!A0". */
  ddeFormulas: string[];
}

/**
 * The package as the inspection opened it: its directory and every XML part already inflated,
 * so the reader that comes next (xlsx-slim.ts, the Word walker) parses the zip no second time.
 */
export interface OpenedPackage {
  content: Buffer;
  entries: readonly Entry[];
  /** Inflated XML and .rels parts, by name. */
  xml: ReadonlyMap<string, Buffer>;
}

export type InspectionResult =
  | { ok: true; inspection: OoxmlInspection; opened: OpenedPackage }
  | { ok: false; xmlBytes: number; limit: number };

const IGNORED_EXTERNAL = /\/(hyperlink|attachedTemplate)$/;
const XML_PART = /\.(xml|rels)$/i;
const EXTERNAL_RELATIONSHIP = /<Relationship\b[^>]*>/g;
/** A formula whose reference is program|topic!item: Excel's DDE syntax. */
const DDE_FORMULA = /<f[^>]*>([^<]*\|[^<]*![^<]*)<\/f>/g;
/** Word fields DDE / DDEAUTO in field instructions. */
const DDE_FIELD = /<w:instrText[^>]*>\s*(DDE(?:AUTO)?\b[^<]*)<\/w:instrText>|w:instr="\s*(DDE(?:AUTO)?\b[^"]*)"/g;

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

/** Throws when the package is not a readable zip (the caller reports the file as damaged). */
export async function inspectOoxml(content: Buffer, maxXmlBytes: number): Promise<InspectionResult> {
  const inspection: OoxmlInspection = { xmlBytes: 0, macros: false, externalTargets: [], ddeFormulas: [] };
  const entries = await listZipEntries(content);
  const xml = new Map<string, Buffer>();
  for (const entry of entries) {
    if (/(^|\/)vbaProject\.bin$/i.test(entry.fileName) || /(^|\/)vbaData\.xml$/i.test(entry.fileName)) inspection.macros = true;
    if (!XML_PART.test(entry.fileName)) continue;
    const declaredTotal = inspection.xmlBytes + entry.uncompressedSize;
    if (declaredTotal > maxXmlBytes) return { ok: false, xmlBytes: declaredTotal, limit: maxXmlBytes };
    const data = inflateEntrySync(content, entry, maxXmlBytes - inspection.xmlBytes);
    if (data === null) return { ok: false, xmlBytes: maxXmlBytes + 1, limit: maxXmlBytes };
    inspection.xmlBytes += data.length;
    xml.set(entry.fileName, data);
    const isRels = entry.fileName.endsWith('.rels');
    // Only relationships, formulas and field instructions matter: most parts have none, and are
    // not decoded at all.
    if (!isRels && data.indexOf('<f') < 0 && data.indexOf('instr') < 0) continue;
    const text = data.toString('utf8');
    if (isRels) {
      for (const tag of text.match(EXTERNAL_RELATIONSHIP) ?? []) {
        const type = attribute(tag, 'Type') ?? '';
        // Hyperlinks are text; an attached template (Normal.dotm on the author's PC) is only where
        // Word would look for styles and macros, never opened here: neither is worth a word.
        if (attribute(tag, 'TargetMode') !== 'External' || IGNORED_EXTERNAL.test(type)) continue;
        const target = (attribute(tag, 'Target') ?? '').trim();
        if (target !== '') inspection.externalTargets.push(target);
      }
    } else {
      for (const match of text.matchAll(DDE_FORMULA)) inspection.ddeFormulas.push(match[1]!);
      for (const match of text.matchAll(DDE_FIELD)) inspection.ddeFormulas.push((match[1] ?? match[2] ?? '').trim());
    }
  }
  return { ok: true, inspection, opened: { content, entries, xml } };
}
