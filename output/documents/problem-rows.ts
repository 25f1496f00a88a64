/**
 * The list row a problem is in, as a report names it: the list's name, the row's number in the
 * unit's list and the first text the row holds — 重大隐患整改台账第1项“堤防护坡坍塌”. A problem
 * names its cells (工作表「附件2」E5、D5); its row is the one of the same file that holds one of
 * them. A leader reading the report then knows which item is wrong without the workbook. In a
 * campaign of several tables, a problem of a 统计表 names its table the same way. Pure.
 */
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { isSerialName } from '../../intake/kernel/campaign/tables.js';
import type { Problem } from '../../intake/kernel/problems.js';
import type { ListRowResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { cellsOfLocation, type NamedCell, problemOfFile, sheetOfRow } from '../workbook/problem-cells.js';
import { quoted, type RowOfProblem, type TableOfProblem } from './findings.js';

/** A row's label longer than this is cut: the report names the item, it does not quote it. */
const LABEL_CHARS = 20;

/** The row holds one of the cells named, on the row's own sheet (problem-cells.ts reads the location). */
function holds(row: ListRowResult, named: readonly NamedCell[]): boolean {
  const sheet = sheetOfRow(row.location);
  return Object.values(row.cells).some((address) => named.some((cell) => cell.sheet === sheet && cell.address === address));
}

/** The first text the row holds in a column of 文字 (not its 序号), cut and quoted (its own quotes as ‘’). */
function labelOf(table: TableDef, row: ListRowResult): string {
  for (const column of table.columns) {
    if (column.type !== 'text' || isSerialName(column.name)) continue;
    const value = row.values[column.key];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const text = value.trim().replace(/\s+/gu, ' ');
    return quoted(text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS)}…` : text);
  }
  return '';
}

export function problemRows(campaign: Pick<Campaign, 'tables'>, unit: UnitResult): RowOfProblem {
  const lists = campaign.tables.filter((table) => table.kind === 'list');
  return (problem: Problem) => {
    const named = cellsOfLocation(problem.location);
    if (named.length === 0) return null;
    for (const table of lists) {
      const sent = unit.tables[table.key];
      // A rule across tables names no list cell (problem-cells.ts): only the list file's own problems.
      if (!sent?.file || problemOfFile(problem, sent.file) !== 'own') continue;
      const index = sent.rows.findIndex((row) => holds(row, named));
      if (index >= 0) return `${table.name}第${index + 1}项${labelOf(table, sent.rows[index]!)}`;
    }
    return null;
  };
}

/**
 * The table a problem of a unit's file is in, named when the campaign asks for several tables
 * (with one, the reader knows which): the table sent in the problem's file, or — several read
 * from one file — the one with the problem's column. A rule across tables (several files) or a
 * problem of no file names none.
 */
export function problemTables(campaign: Pick<Campaign, 'tables'>, unit: UnitResult): TableOfProblem {
  if (campaign.tables.length < 2) return () => null;
  return (problem: Problem) => {
    if (!problem.file) return null;
    const inFile = campaign.tables.filter((table) => {
      const file = unit.tables[table.key]?.file;
      return file != null && problemOfFile(problem, file) === 'own';
    });
    const named =
      inFile.length > 1 ? inFile.filter((table) => table.columns.some((column) => column.displayName === problem.field)) : inFile;
    return named.length === 1 ? named[0]!.name : null;
  };
}
