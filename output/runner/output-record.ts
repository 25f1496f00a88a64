/**
 * What the last rebuild wrote, kept next to the outputs (out/.huizong-outputs.json): the input
 * fingerprint it was made from (input-fingerprint.ts), each file's SHA-256, and what was
 * said about them. A rebuild whose inputs have the same fingerprint, while every recorded file is
 * still there unchanged, has nothing to write. A file the clerk deleted or edited (or a rebuild
 * cut off half way) no longer matches, and everything is written again.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';

export const OUTPUT_RECORD_FILE = '.huizong-outputs.json';

export interface OutputRecord {
  fingerprint: string;
  /** 数据截至 written into the outputs (ISO), null when no mail had been read. */
  asOf: string | null;
  /** Output files by name (in the output folder), with the SHA-256 of their bytes. */
  files: { name: string; sha256: string }[];
  /** The remarks printed when they were written (documents not made and why). */
  notes: string[];
  failedDocuments: number;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The record, when it has this fingerprint and every file it names is there with the same bytes. */
export async function unchangedOutputs(outDir: string, fingerprint: string): Promise<OutputRecord | null> {
  let record: OutputRecord;
  try {
    record = JSON.parse(await readFile(join(outDir, OUTPUT_RECORD_FILE), 'utf8')) as OutputRecord;
  } catch {
    return null;
  }
  if (record?.fingerprint !== fingerprint || !Array.isArray(record.files)) return null;
  for (const file of record.files) {
    try {
      if (sha256(await readFile(join(outDir, file.name))) !== file.sha256) return null;
    } catch {
      return null;
    }
  }
  return record;
}

export async function writeOutputRecord(outDir: string, record: Omit<OutputRecord, 'files'> & { paths: readonly string[] }): Promise<void> {
  const files = await Promise.all(record.paths.map(async (path) => ({ name: basename(path), sha256: sha256(await readFile(path)) })));
  const { paths: _paths, ...rest } = record;
  await writeFileAtomic(join(outDir, OUTPUT_RECORD_FILE), `${JSON.stringify({ ...rest, files }, null, 2)}\n`);
}

/** Outputs made from inputs that may give other outputs next time (facts a missing program spoiled): never reused. */
export async function forgetOutputRecord(outDir: string): Promise<void> {
  await rm(join(outDir, OUTPUT_RECORD_FILE), { force: true });
}
