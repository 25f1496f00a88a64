/**
 * Generated variants of a good .xlsx/.docx for tests: the real-world patterns that broke
 * huizong (whole-column defined names, tens of thousands of merges, prefixed XML, an attached
 * template), reproduced by editing the parts of a package the demo kit wrote.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export type PartEdits = Record<string, (xml: string) => string>;

/** The package with each named part's XML rewritten (a part edited that is missing is created from ''). */
export function editPackage(content: Buffer, edits: PartEdits): Buffer {
  const files = unzipSync(content);
  for (const [name, edit] of Object.entries(edits)) files[name] = strToU8(edit(files[name] ? strFromU8(files[name]) : ''));
  return Buffer.from(zipSync(files));
}

export function partText(content: Buffer, name: string): string | null {
  const data = unzipSync(content)[name];
  return data ? strFromU8(data) : null;
}

/** A defined name over a range, the way Excel writes it (after the sheets). */
export function withDefinedName(xlsx: Buffer, name: string, range: string): Buffer {
  return editPackage(xlsx, {
    'xl/workbook.xml': (xml) =>
      xml
        .replace(/<definedNames>[\s\S]*?<\/definedNames>/, '')
        .replace('</sheets>', `</sheets><definedNames><definedName name="${name}">${range}</definedName></definedNames>`),
  });
}
