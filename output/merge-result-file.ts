/**
 * The merge result as the data folder keeps it (cache/merge-result.json, merge-result-cache.ts
 * reads and writes it, output/runner/), encoded and decoded here without I/O: the outputs' second thread
 * (output/documents/documents-worker.ts) encodes it while the workbooks are written, a list
 * campaign's result being tens of megabytes of JSON.
 *
 * Two lines of JSON: the result with every list table's rows taken out, then those rows. A list
 * campaign's rows are nearly all of it (1,000 units × 50 rows: 21 MB of 22), and a caller that
 * only prints statuses (a `run` with nothing new, `status` without --json) reads the first line
 * alone: the second is neither decoded nor parsed.
 */
import type { ListRowResult, MergeResult } from '../pipeline/merge/merge-result.js';

const FORMAT = 2;

/**
 * Whether the rows of list tables are read back: 'skip' leaves every list table's `rows` empty,
 * for a caller that shows statuses, counts and problems only (never an output, never a receipt).
 */
export type ListRows = 'read' | 'skip';

/** By unit (in result.units' order), by table key: that list's rows. Lists with no rows are left out. */
type RowsLine = Record<string, ListRowResult[]>[];

export interface DecodedMergeResult {
  fingerprint: string;
  result: MergeResult;
}

const NEWLINE = 0x0a;

/** The head's fingerprint is seen without parsing it: the line starts with these keys (encodeMergeResult). */
const prefixOf = (fingerprint: string) => `{"format":${FORMAT},"fingerprint":"${fingerprint}",`;

/** The result without its lists' rows, and those rows by unit: the two lines of the file. */
function splitRows(result: MergeResult): { head: MergeResult; rows: RowsLine } {
  const rows: RowsLine = [];
  const units = result.units.map((unit, index) => {
    let tables = unit.tables;
    for (const [key, sent] of Object.entries(unit.tables)) {
      if (sent.rows.length === 0) continue;
      rows[index] ??= {};
      rows[index]![key] = sent.rows;
      if (tables === unit.tables) tables = { ...unit.tables };
      tables[key] = { ...sent, rows: [] };
    }
    return tables === unit.tables ? unit : { ...unit, tables };
  });
  return { head: { ...result, units }, rows };
}

function restoreRows(result: MergeResult, lines: RowsLine): void {
  result.units.forEach((unit, index) => {
    for (const [table, rows] of Object.entries(lines[index] ?? {})) {
      const sent = unit.tables[table];
      if (sent) sent.rows = rows;
    }
  });
}

/** The file's bytes, in an ArrayBuffer of their own (a thread can hand them over without a copy). */
export function encodeMergeResult(fingerprint: string, result: MergeResult): Uint8Array<ArrayBuffer> {
  const { head, rows } = splitRows(result);
  // JSON.stringify never writes a raw newline: the first one ends the head.
  return new TextEncoder().encode(`${JSON.stringify({ format: FORMAT, fingerprint, result: head })}\n${JSON.stringify(rows)}`);
}

/** The result as written (rows restored unless skipped), or null when the bytes are of another format, damaged, or not for `fingerprint` (when given). */
export function decodeMergeResult(bytes: Buffer, rows: ListRows, fingerprint?: string): DecodedMergeResult | null {
  const split = bytes.indexOf(NEWLINE);
  if (split < 0) return null;
  const head = bytes.toString('utf8', 0, split);
  if (fingerprint !== undefined ? !head.startsWith(prefixOf(fingerprint)) : !head.startsWith(`{"format":${FORMAT},`)) return null;
  try {
    const parsed = JSON.parse(head) as DecodedMergeResult;
    if (!parsed.result) return null;
    if (rows === 'read') restoreRows(parsed.result, JSON.parse(bytes.toString('utf8', split + 1)) as RowsLine);
    return parsed;
  } catch {
    return null;
  }
}
