/**
 * The streams at the root of an OLE compound file (legacy .xls/.doc/.et/.wps, password-protected
 * OOXML), read from its directory with cfb (SheetJS's compound-file reader). What a file is
 * follows from its root: Workbook/Book is a spreadsheet, WordDocument a Word file,
 * EncryptedPackage a protected .xlsx/.docx — never from a name found anywhere in the bytes (an
 * .xls with an embedded Word object holds "WordDocument" inside a sub-storage).
 */
import type * as CfbTypes from 'cfb';
import { requirePackage } from '../../intake/kernel/require-package.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const CFB = requirePackage('cfb') as typeof CfbTypes;

export interface OleRoot {
  /** Names of the root's streams and storages (storages without their trailing slash). */
  names: string[];
  /** A root stream's bytes, or null. */
  stream(name: string): Buffer | null;
}

/** Null when the bytes are not a readable compound file (damaged, cut short). */
export function readOleRoot(bytes: Uint8Array): OleRoot | null {
  let container: CfbTypes.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch {
    return null;
  }
  const rootPath = container.FullPaths[0] ?? '';
  const entries = new Map<string, number>();
  container.FullPaths.forEach((path, index) => {
    if (index === 0 || !path.startsWith(rootPath)) return;
    const rest = path.slice(rootPath.length).replace(/\/$/, '');
    if (rest !== '' && !rest.includes('/')) entries.set(rest, index);
  });
  return {
    names: [...entries.keys()],
    stream(name) {
      const index = entries.get(name);
      const entry = index === undefined ? undefined : container.FileIndex[index];
      if (entry?.type !== 2 || !entry.content) return null;
      const content = entry.content as Uint8Array;
      return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    },
  };
}
