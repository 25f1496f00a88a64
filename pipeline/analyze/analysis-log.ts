/**
 * The analysis log, `data/log/analysis.jsonl`: one line per message analysed on the pool, with
 * its time, whether a budget stopped it (and on which file), and the raw technical text behind
 * its problems (English library exceptions, never shown to the clerk elsewhere). For whoever
 * maintains huizong, and for `npm run corpus`; derived data, safe to delete.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Overrun } from './facts.js';

export interface AnalysisLogEntry {
  id: string;
  /** Wall time of the attempt (or of all attempts, for a completed message). */
  ms: number;
  /** Set when this attempt was stopped by a budget. */
  stopped: Overrun | null;
  /** The file being read when it was stopped. */
  file: string | null;
  details?: string[];
}

export function analysisLogPath(dataDir: string): string {
  return join(dataDir, 'log', 'analysis.jsonl');
}

/** Best effort: a log that cannot be written costs nothing but the log. */
export async function appendAnalysisLog(dataDir: string, entries: readonly AnalysisLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  try {
    await mkdir(join(dataDir, 'log'), { recursive: true });
    await appendFile(analysisLogPath(dataDir), entries.map((entry) => `${JSON.stringify({ at, ...entry })}\n`).join(''));
  } catch {
    // ignored on purpose
  }
}
