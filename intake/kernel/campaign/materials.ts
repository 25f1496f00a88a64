/**
 * What each unit must send, resolved against the campaign's tables: every table named in
 * `required:` (by name or key), the written report, other named files. Without `required:`,
 * every table and the report are required. 材料不全 names what is missing from this list.
 */
import { compact } from '../text/normalize.js';
import type { MaterialEntry } from './schema/material-schema.js';
import type { TableDef } from './tables.js';

export type Material =
  | { kind: 'table'; table: string; name: string }
  | { kind: 'report'; name: string }
  /** Another file, recognised by words in its name (签字盖章扫描件 → 盖章, 扫描). */
  | { kind: 'file'; name: string; keywords: string[] };

const REPORT_WORDS = new Set(['报告', '书面报告', '总结报告', '书面总结报告', '自查报告', 'report']);

export const DEFAULT_REPORT_NAME = '书面总结报告';

function tableNamed(text: string, tables: readonly TableDef[]): TableDef | undefined {
  const wanted = compact(text);
  return tables.find((table) => compact(table.name) === wanted || table.key === text || compact(table.attachmentLabel) === wanted);
}

/** The materials, or the Chinese mistake of each entry that names a table the campaign lacks. */
export function resolveMaterials(
  entries: readonly MaterialEntry[] | undefined,
  tables: readonly TableDef[],
): { materials: Material[]; mistakes: { index: number; message: string }[] } {
  if (entries === undefined) {
    return {
      materials: [
        ...tables.map((table) => ({ kind: 'table' as const, table: table.key, name: table.name })),
        { kind: 'report', name: DEFAULT_REPORT_NAME },
      ],
      mistakes: [],
    };
  }
  const materials: Material[] = [];
  const mistakes: { index: number; message: string }[] = [];
  entries.forEach((entry, index) => {
    if (typeof entry === 'string') {
      const table = tableNamed(entry, tables);
      if (table) materials.push({ kind: 'table', table: table.key, name: table.name });
      else if (REPORT_WORDS.has(compact(entry))) materials.push({ kind: 'report', name: entry });
      else materials.push({ kind: 'file', name: entry, keywords: [entry] });
      return;
    }
    if ('table' in entry) {
      const table = tableNamed(entry.table, tables);
      if (table) materials.push({ kind: 'table', table: table.key, name: table.name });
      else mistakes.push({ index, message: `没有名为「${entry.table}」的表格（tables: 中的 name）` });
      return;
    }
    if ('report' in entry) {
      materials.push({ kind: 'report', name: entry.report || DEFAULT_REPORT_NAME });
      return;
    }
    materials.push({ kind: 'file', name: entry.file, keywords: entry.keywords ?? [entry.file] });
  });
  return { materials, mistakes };
}

/** Whether the campaign asks for a written report: without one, no file is taken or analysed as the report. */
export function asksForReport(materials: readonly Material[]): boolean {
  return materials.some((material) => material.kind === 'report');
}
