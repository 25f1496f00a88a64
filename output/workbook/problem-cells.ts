/**
 * The cells a unit's errors name, so a table sheet shows them in red: a value that broke a rule
 * (合计 ≠ 一般隐患 + 重大隐患: all three cells; 整改时限 before 发现日期 in a list row: both) as
 * well as one that could not be read. A problem names its cells in `location` as it tells the
 * clerk: "D6、B6、C6", "工作表「附件2」E5、D5" (the sheet said once, before the first), or for a rule
 * across two files each cell with its own sheet; `file` is the file, or the files joined by "、".
 * Pure.
 */
import type { Problem } from '../../intake/kernel/problems.js';

export interface NamedCells {
  /** `file`, the sheet as the problem writes it ("" for a file's only sheet) and the address. */
  onSheet: Set<string>;
  /** `file` and the bare address, for a table whose sheet is not known here (a 统计表's row). */
  anySheet: Set<string>;
}

const SEP = '\u0000';

/** "工作表「附件2」E5" → ["工作表「附件2」", "E5"]; "D5" → ["", "D5"]. */
function splitSheet(part: string): [string, string] {
  const end = part.lastIndexOf('」');
  return end < 0 ? ['', part] : [part.slice(0, end + 1), part.slice(end + 1)];
}

const memo = new WeakMap<readonly Problem[], NamedCells>();

/** By the unit's problem list (made once per merge): a list sheet asks for each cell of each row with errors. */
export function namedCells(problems: readonly Problem[]): NamedCells {
  let found = memo.get(problems);
  if (found) return found;
  found = { onSheet: new Set(), anySheet: new Set() };
  for (const item of problems) {
    if (item.severity !== 'error' || !item.file || !item.location) continue;
    const files = new Set([item.file, ...item.file.split('、')]);
    let sheet = '';
    for (const [index, part] of item.location.split('、').entries()) {
      const [own, address] = splitSheet(part);
      // The sheet written before the first cell holds for the cells after it that say none.
      if (own !== '' || index === 0) sheet = own;
      for (const file of files) {
        found.onSheet.add(`${file}${SEP}${sheet}${address}`);
        found.anySheet.add(`${file}${SEP}${address}`);
      }
    }
  }
  memo.set(problems, found);
  return found;
}

/**
 * Whether the unit's errors name this cell of this file. `sheet`: the sheet the table was read
 * from as problems write it ("" for the only sheet), or undefined when not known.
 */
export function namesCell(cells: NamedCells, file: string, address: string, sheet?: string): boolean {
  return sheet === undefined ? cells.anySheet.has(`${file}${SEP}${address}`) : cells.onSheet.has(`${file}${SEP}${sheet}${address}`);
}

/** The sheet part of a list row's location ("工作表「台账」第5行" → "工作表「台账」"; "第5行" → ""). */
export function sheetOfRow(location: string): string {
  return splitSheet(location)[0];
}
