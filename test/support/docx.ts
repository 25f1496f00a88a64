/** Reading a generated .docx back: its parts as XML text, and the text of its paragraphs. */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParts {
  /** XML of every part, by path inside the package ("word/document.xml"). */
  parts: Record<string, string>;
  document: string;
  styles: string;
  /** Footer parts in the order the first section references them (default, even). */
  footers: { type: string; xml: string }[];
  headers: { type: string; xml: string }[];
}

export function readDocxBuffer(buffer: Uint8Array): DocxParts {
  const files = unzipSync(buffer);
  const parts = Object.fromEntries(
    Object.entries(files)
      .filter(([path]) => path.endsWith('.xml') || path.endsWith('.rels'))
      .map(([path, data]) => [path, strFromU8(data)]),
  );
  const document = parts['word/document.xml'] ?? '';
  const rels = parts['word/_rels/document.xml.rels'] ?? '';
  const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
  const firstSection = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(document)?.[0] ?? '';
  const references = (kind: 'header' | 'footer') =>
    [...firstSection.matchAll(new RegExp(`<w:${kind}Reference w:type="(\\w+)" r:id="(\\w+)"/>`, 'g'))].map((match) => {
      const found = target(match[2]!);
      return { type: match[1]!, xml: parts[`word/${found?.[1] ?? found?.[2]}`] ?? '' };
    });
  return { parts, document, styles: parts['word/styles.xml'] ?? '', footers: references('footer'), headers: references('header') };
}

export async function readDocx(path: string): Promise<DocxParts> {
  return readDocxBuffer(await readFile(path));
}

/** The text of each paragraph of a part, in order (runs joined, tags dropped). */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((text) =>
        text[1]!
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&'),
      )
      .join(''),
  );
}

/** The XML of the style with this id in styles.xml. */
export function styleXml(styles: string, id: string): string {
  return new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
}
