/**
 * The cells a unit's problems name, so a table shows them in red: a value that broke a rule
 * (合计 ≠ 一般隐患 + 重大隐患: all three cells; 整改时限 before 发现日期 in a list row: both) as
 * well as one that could not be read. A problem names its cells in `location` as it tells the
 * clerk: "D6、B6、C6", "工作表「附件2」E5、D5" (the sheet said once, before the first), or for a rule
 * across tables each cell with its own sheet; `file` is the file, or the files joined by "、".
 * A cell belongs to the file and sheet it was read from: matched by file, sheet and address.
 * Pure, shared by the workbook, the console's 单位 page and the reports (problem-rows.ts).
 */
import type { Problem } from '../../intake/kernel/problems.js';

/** One cell a problem names: the sheet as problems write it ("" for a file's only sheet) and the address. */
export interface NamedCell {
  sheet: string;
  address: string;
}

/** "工作表「附件2」E5" → ["工作表「附件2」", "E5"]; "D5" → ["", "D5"]. */
function splitSheet(part: string): [string, string] {
  const end = part.lastIndexOf('」');
  return end < 0 ? ['', part] : [part.slice(0, end + 1), part.slice(end + 1)];
}

/** The cells a location names, in its order; the sheet written before a cell holds for the cells after it that say none. */
export function cellsOfLocation(location: string | undefined): NamedCell[] {
  if (!location) return [];
  let sheet = '';
  return location.split('、').map((part, index) => {
    const [own, address] = splitSheet(part.trim());
    if (own !== '' || index === 0) sheet = own;
    return { sheet, address };
  });
}

/** A table's cell as problems name it: its address, and the grid label when the file has several sheets. */
export function cellOfTable(address: string, source: string | undefined): NamedCell {
  const [sheet, bare] = splitSheet(source && !address.startsWith(source) ? `${source}${address}` : address);
  return { sheet, address: bare };
}

/**
 * How a problem stands to a table's file: 'own' when it is the file's alone; 'across' when it
 * names this file among others (a rule across tables: "统计表.xlsx、台账.xlsx"); null otherwise.
 * A rule across tables names only the cells of the 统计表 it reads — a list gives it a row count
 * or a sum, no cell — so its cells are never a list's, even at the same address in the same file.
 */
export function problemOfFile(problem: Problem, file: string): 'own' | 'across' | null {
  if (!problem.file) return null;
  if (problem.file === file) return 'own';
  return problem.file.split('、').includes(file) ? 'across' : null;
}

export interface NamedCells {
  /** `file`, the sheet as the problem writes it ("" for a file's only sheet) and the address. */
  onSheet: Set<string>;
  /** `file` and the bare address, for a table whose sheet is not known here (a 统计表's row). */
  anySheet: Set<string>;
  /** The same, for the cells of rules across tables (never a list's cells). */
  acrossOnSheet: Set<string>;
  acrossAnySheet: Set<string>;
}

const SEP = '\u0000';

const memo = new WeakMap<readonly Problem[], NamedCells>();

/** By the unit's problem list (made once per merge): a list sheet asks for each cell of each row with errors. */
export function namedCells(problems: readonly Problem[]): NamedCells {
  let found = memo.get(problems);
  if (found) return found;
  found = { onSheet: new Set(), anySheet: new Set(), acrossOnSheet: new Set(), acrossAnySheet: new Set() };
  for (const item of problems) {
    if (item.severity !== 'error' || !item.file || !item.location) continue;
    const parts = item.file.split('、');
    const [onSheet, anySheet] = parts.length > 1 ? [found.acrossOnSheet, found.acrossAnySheet] : [found.onSheet, found.anySheet];
    for (const { sheet, address } of cellsOfLocation(item.location)) {
      for (const file of parts) {
        onSheet.add(`${file}${SEP}${sheet}${address}`);
        anySheet.add(`${file}${SEP}${address}`);
      }
    }
    // A file whose own name holds "、" ("附件1、2.xlsx") is matched whole too.
    if (parts.length > 1)
      for (const { sheet, address } of cellsOfLocation(item.location)) {
        found.onSheet.add(`${item.file}${SEP}${sheet}${address}`);
        found.anySheet.add(`${item.file}${SEP}${address}`);
      }
  }
  memo.set(problems, found);
  return found;
}

/**
 * Whether the unit's errors name this cell of this file. `sheet`: the sheet the table was read
 * from as problems write it ("" for the only sheet), or undefined when not known; `list`: the
 * table is a list, whose cells no rule across tables names.
 */
export function namesCell(cells: NamedCells, file: string, address: string, sheet?: string, list = false): boolean {
  const own = sheet === undefined ? cells.anySheet.has(`${file}${SEP}${address}`) : cells.onSheet.has(`${file}${SEP}${sheet}${address}`);
  if (own || list) return own;
  return sheet === undefined
    ? cells.acrossAnySheet.has(`${file}${SEP}${address}`)
    : cells.acrossOnSheet.has(`${file}${SEP}${sheet}${address}`);
}

/** The sheet part of a list row's location ("工作表「台账」第5行" → "工作表「台账」"; "第5行" → ""). */
export function sheetOfRow(location: string): string {
  return splitSheet(location)[0];
}

/**
 * The error that says what the unit wrote in a cell whose value could not be read (its `found`),
 * a list's or a 统计表's: an error of that file and column naming that cell, alone ("G6",
 * "第1个表格第4行第6列") or after its sheet ("工作表「台账」G6"). The workbook and the documents
 * print `found` in its place.
 */
export function unreadableCell(problems: readonly Problem[], file: string, address: string, field: string): Problem | undefined {
  return problems.find(
    (item) =>
      item.severity === 'error' &&
      item.field === field &&
      item.found !== undefined &&
      item.file === file &&
      (item.location === address || item.location?.endsWith(`」${address}`) === true),
  );
}
