/**
 * The names of the district workbook's sheets, as Excel accepts them: at most 31 characters, none
 * of [ ] : * ? / or backslash, unique in the workbook (two tables whose names start alike get a
 * number). Pure, so the documents can point to a table's sheet by the name the workbook gives it.
 */
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';

/** `wanted` as a sheet name not among `taken` (compared as Excel does, ignoring case). */
export function uniqueSheetName(taken: readonly string[], wanted: string): string {
  const clean = wanted.replace(/[[\]:*?/\\]/gu, '_').slice(0, 31) || '表格';
  const used = new Set(taken.map((name) => name.toLowerCase()));
  let name = clean;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - String(n).length - 1)}_${n}`;
  return name;
}

/** The sheet of each table, by table key: the tables' sheets come first, in campaign.yaml's order. */
export function tableSheetNames(tables: readonly Pick<TableDef, 'key' | 'name'>[]): Record<string, string> {
  const names: Record<string, string> = {};
  const taken: string[] = [];
  for (const table of tables) {
    const name = uniqueSheetName(taken, table.name);
    taken.push(name);
    names[table.key] = name;
  }
  return names;
}
