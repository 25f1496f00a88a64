/** Text files the clerk also edits by hand (decisions.yaml, templates), read and written as Notepad leaves them. */
import { readFile, stat } from 'node:fs/promises';
import { decodeText } from '../../../../intake/kernel/text/decode-text.js';

/** Reads a text file the clerk may have saved from Notepad (UTF-8 with or without BOM, or GBK). */
export async function readClerkText(path: string): Promise<{ text: string; mode: number | undefined } | null> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return { text: decodeText(bytes).text, mode: info.mode & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Browsers send a text area's lines with CRLF; the file keeps the line ends it had. */
export function withLineEnds(source: string, crlf: boolean): string {
  const lf = source.replace(/\r\n?/g, '\n');
  return crlf ? lf.replace(/\n/g, '\r\n') : lf;
}
