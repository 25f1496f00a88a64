/**
 * Every legacy file of a batch of messages → its OOXML conversion: each distinct file (by
 * content hash) once, from the conversion cache when it has been converted before, the rest in
 * ONE LibreOffice batch.
 */
import type { FileKind } from '../extract/sniff.js';
import type { ConversionCache } from './conversion-cache.js';
import { type ConversionOutcome, type ConversionRequest, type ConvertOptions, type ConvertSource, convertBatch } from './convert-batch.js';

const SOURCES: Partial<Record<FileKind, ConvertSource>> = {
  xls: 'xls',
  doc: 'doc',
  rtf: 'rtf',
  odt: 'odt',
  ods: 'ods',
  'ole-other': 'ole',
  xlsb: 'xlsb',
};

export function conversionSource(kind: FileKind): ConvertSource | null {
  return SOURCES[kind] ?? null;
}

export interface LegacyFile {
  sha256: string;
  kind: FileKind;
  content: Buffer;
  /** Convert as this source rather than the kind's (an .xlsx/.docx to repair). */
  source?: ConvertSource;
}

export interface LegacyConversions {
  outcomes: Map<string, ConversionOutcome>;
  /** Files converted now (not from the cache). */
  converted: number;
  /** LibreOffice starts this took. */
  starts: number;
  /** With `cacheOnly`: the files the cache does not have (nothing was converted). */
  missing?: LegacyFile[];
}

export async function convertLegacyFiles(
  files: readonly LegacyFile[],
  options: ConvertOptions & { cache?: ConversionCache; cacheOnly?: boolean } = {},
): Promise<LegacyConversions> {
  const outcomes = new Map<string, ConversionOutcome>();
  const requests: ConversionRequest[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const source = file.source ?? conversionSource(file.kind);
    if (source === null || seen.has(file.sha256)) continue;
    seen.add(file.sha256);
    const cached = await options.cache?.get(file.sha256);
    if (cached) outcomes.set(file.sha256, cached);
    else requests.push({ key: file.sha256, source, content: file.content });
  }
  if (options.cacheOnly)
    return { outcomes, converted: 0, starts: 0, missing: files.filter((file) => requests.some((request) => request.key === file.sha256)) };
  const batch = await convertBatch(requests, options);
  for (const [key, outcome] of batch.outcomes) {
    outcomes.set(key, outcome);
    await options.cache?.put(key, outcome);
  }
  return { outcomes, converted: requests.length, starts: batch.starts };
}
