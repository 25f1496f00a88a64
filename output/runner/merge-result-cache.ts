/**
 * The last merge result, kept in the data folder (cache/merge-result.json) with the input
 * fingerprint it was made from, so `status` answers from it without reading every message's
 * facts and merging again. Written by the commands that merge (run, merge, watch); `status`
 * only reads it. The one input outside the fingerprint, when the mailbox was last read
 * (数据截至), is not taken from the cache: the caller sets it (merge only passes it through,
 * merge.test.ts checks that).
 *
 * The file is two lines of JSON: the result with every list table's rows taken out, then those
 * rows. A list campaign's rows are nearly all of it (1,000 units × 50 rows: 21 MB of 22), and a
 * caller that only prints statuses (a `run` with nothing new, `status` without --json) reads the
 * first line alone: the second is neither decoded nor parsed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { dataAsOf } from '../../pipeline/merge/as-of.js';
import type { ListRowResult, MergeResult } from '../../pipeline/merge/merge-result.js';

const FORMAT = 2;

const pathOf = (dataDir: string) => join(dataDir, 'cache', 'merge-result.json');

/**
 * Whether the rows of list tables are read back: 'skip' leaves every list table's `rows` empty,
 * for a caller that shows statuses, counts and problems only (never an output, never a receipt).
 */
export type ListRows = 'read' | 'skip';

/** By unit (in result.units' order), by table key: that list's rows. Lists with no rows are left out. */
type RowsLine = Record<string, ListRowResult[]>[];

const NEWLINE = 0x0a;

/** The head's fingerprint is seen without parsing it: the line starts with these keys (writeMergeResult). */
const prefixOf = (fingerprint: string) => `{"format":${FORMAT},"fingerprint":"${fingerprint}",`;

interface Parsed {
  fingerprint: string;
  result: MergeResult;
}

/** The result as written (rows restored unless skipped), or null when the file is missing, of another format, or not for `fingerprint` (when given). */
export async function readMergeResultFile(dataDir: string, rows: ListRows, fingerprint?: string): Promise<Parsed | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(pathOf(dataDir));
  } catch {
    return null;
  }
  const split = bytes.indexOf(NEWLINE);
  if (split < 0) return null;
  const head = bytes.toString('utf8', 0, split);
  if (fingerprint !== undefined ? !head.startsWith(prefixOf(fingerprint)) : !head.startsWith(`{"format":${FORMAT},`)) return null;
  try {
    const parsed = JSON.parse(head) as Parsed;
    if (!parsed.result) return null;
    if (rows === 'read') restoreRows(parsed.result, JSON.parse(bytes.toString('utf8', split + 1)) as RowsLine);
    return parsed;
  } catch {
    return null;
  }
}

function restoreRows(result: MergeResult, lines: RowsLine): void {
  result.units.forEach((unit, index) => {
    for (const [table, rows] of Object.entries(lines[index] ?? {})) {
      const sent = unit.tables[table];
      if (sent) sent.rows = rows;
    }
  });
}

export async function readMergeResult(dataDir: string, fingerprint: string, rows: ListRows = 'read'): Promise<MergeResult | null> {
  return (await readMergeResultFile(dataDir, rows, fingerprint))?.result ?? null;
}

/**
 * The last merge whatever it was made from, its 数据截至 worked out anew: what an archived
 * campaign shows (it is never merged again); null when there is none.
 */
export async function readLastMergeResult(
  dataDir: string,
  lastPollAt: string | null,
  rows: ListRows = 'read',
): Promise<MergeResult | null> {
  const file = await readMergeResultFile(dataDir, rows);
  if (!file) return null;
  const result = file.result;
  return {
    ...result,
    asOf: dataAsOf(
      lastPollAt,
      result.messages.map((message) => ({ at: message.receivedAt, source: message.receivedSource })),
    ),
  };
}

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

/** A failure only means `status` merges again itself. */
export async function writeMergeResult(dataDir: string, fingerprint: string, result: MergeResult): Promise<void> {
  const { head, rows } = splitRows(result);
  // JSON.stringify never writes a raw newline: the first one ends the head.
  const text = `${JSON.stringify({ format: FORMAT, fingerprint, result: head })}\n${JSON.stringify(rows)}`;
  await writeFileAtomic(pathOf(dataDir), text).catch(() => undefined);
}
