/**
 * The data rows under a table's header. A 统计表 has one row per unit: the rows up to the first
 * blank one or a note (a couple of blank rows between header and data tolerated). A list (明细表, 台账) has
 * zero or more: every row until the blank template rows the notice left for filling in (one
 * blank row between two filled ones is tolerated), a note below the table (填表人：…, 注：…), or
 * the header of another table; a 合计 row is not one of the list's rows. A 序号 column is read
 * but a row with only its 序号 filled is a blank template row. The template's own rows are no
 * unit's data (row-shapes.ts): the row numbering the columns right under the header is passed
 * over, a note standing before any data too, and a note after data ends the rows.
 *
 * A row the unit hid in its spreadsheet is a row it does not show: a list leaves it out (kept
 * aside in `hidden`, for validation to say which row and what it held), as units hide the rows
 * they mean to drop (作废, 已撤销) rather than delete them; a hidden blank row is no row at all. A
 * 统计表 reads its rows as before and marks a hidden one (validation warns when it is the one read).
 *
 * Pure: grid and column positions in, raw rows out.
 */
import type { ColumnDef, TableKind } from '../../intake/kernel/campaign/campaign.js';
import { isSerialName } from '../../intake/kernel/campaign/tables.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import type { Grid, GridCell } from './grid.js';
import { cellAt } from './header-columns.js';
import { isColumnNumberRow, isNoteRow } from './row-shapes.js';

/** A cell as the table's reader keeps it: what the grid said, without its merge bookkeeping. */
export type RawValue = Omit<GridCell, 'mergedCopy'>;

export interface FoundRow {
  /** "第6行" (sheet row number, or row within a Word table; "第2个表格第3行" for a list's rows read on from another table). */
  location: string;
  /** Text of the row's cells outside the table's columns (序号, a 合计 label, a unit name). */
  label: string;
  cells: Record<string, RawValue>;
  /** The spreadsheet hides this row (a 统计表's; a list's hidden rows are not among its rows). */
  hidden?: true;
}

/** The rows read under a header: where they ended, and a list's hidden rows left out. */
export interface ReadRows {
  rows: FoundRow[];
  end: number;
  hidden: FoundRow[];
}

/** A column that only numbers the rows (序号): kept when the campaign lists it, never required. */
export function isSerialColumn(column: Pick<ColumnDef, 'name'>): boolean {
  return isSerialName(column.name);
}

const TOTAL_LABEL = /^(合计|总计|小计|汇总|累计)/u;

export interface RowScan {
  grid: Grid;
  positions: ReadonlyMap<string, number>;
  columns: readonly ColumnDef[];
  kind: TableKind;
  /** Where a header of this or another table of the campaign starts (the rows end there). */
  isHeaderAt: (r: number) => boolean;
  /** The names of the campaign's tables and their 附件 labels, folded: a row of one of them is the next table's caption. */
  captions: ReadonlySet<string>;
}

const ATTACHMENT = /^附件\d+[:：]?/u;

/** A row holding only the caption of a table (附件2, 重大隐患整改台账, 附件2 重大隐患整改台账): the rows above are done. */
function isCaption(scan: RowScan, r: number): boolean {
  const texts = (scan.grid.rows[r] ?? []).filter((cell) => !cell.mergedCopy && cell.text.trim() !== '').map((cell) => compact(cell.text));
  if (texts.length === 0 || texts.length > 2) return false;
  return texts.every((text) => {
    const rest = text.replace(ATTACHMENT, '');
    return rest === '' || scan.captions.has(text) || scan.captions.has(rest);
  });
}

/** The positions that make a row filled: for a list, all but a 序号 column. */
function valuePositions(scan: RowScan): number[] {
  return scan.columns
    .filter((column) => scan.positions.has(column.key) && !(scan.kind === 'list' && isSerialColumn(column)))
    .map((column) => scan.positions.get(column.key)!);
}

function rowIsBlank(grid: Grid, r: number, positions: readonly number[]): boolean {
  return positions.every((c) => (cellAt(grid, r, c)?.text ?? '').trim() === '');
}

function rowLabel(grid: Grid, r: number, positions: ReadonlyMap<string, number>): string {
  const mapped = new Set(positions.values());
  return (grid.rows[r] ?? [])
    .filter((cell, c) => !mapped.has(c) && !cell.mergedCopy && cell.text.trim() !== '')
    .map((cell) => cell.text.trim())
    .join(' ');
}

export function readRow(grid: Grid, r: number, positions: ReadonlyMap<string, number>, prefix = ''): FoundRow {
  const cells: Record<string, RawValue> = {};
  for (const [key, c] of positions) {
    const cell = cellAt(grid, r, c);
    if (!cell) continue;
    cells[key] = {
      text: cell.text,
      address: cell.address,
      ...(cell.number !== undefined ? { number: cell.number } : {}),
      ...(cell.error !== undefined ? { error: cell.error } : {}),
      ...(cell.percent ? { percent: true as const } : {}),
      ...(cell.date !== undefined ? { date: cell.date } : {}),
      ...(cell.formula !== undefined ? { formula: cell.formula } : {}),
    };
  }
  return { location: `${prefix}第${r + 1}行`, label: rowLabel(grid, r, positions), cells };
}

/** The first text of the row, whichever column it is in. */
function firstText(grid: Grid, r: number): string {
  return compact((grid.rows[r] ?? []).find((cell) => cell.text.trim() !== '')?.text ?? '');
}

/** A note among the rows (填报说明：…, 填报人：…, a sentence merged across the table). */
function isNote(scan: RowScan, r: number, filled: readonly number[], afterData: boolean): boolean {
  const textColumns = new Set(
    scan.columns
      .filter((column) => column.type === 'text' && scan.positions.has(column.key))
      .map((column) => scan.positions.get(column.key)!),
  );
  return isNoteRow(scan.grid, r, filled, textColumns, afterData);
}

function isTotalRow(grid: Grid, r: number, positions: ReadonlyMap<string, number>): boolean {
  return TOTAL_LABEL.test(compact(rowLabel(grid, r, positions))) || TOTAL_LABEL.test(firstText(grid, r));
}

/** A 统计表's rows, as the first campaign read them: up to the first blank row after data. */
function statisticsRows(scan: RowScan, from: number): ReadRows {
  const { grid, positions } = scan;
  const filled = valuePositions(scan);
  const rows: FoundRow[] = [];
  let data = from;
  let blanksBeforeData = 0;
  while (data < grid.rows.length && !scan.isHeaderAt(data)) {
    if (rows.length > 0 && isCaption(scan, data)) break;
    if (rowIsBlank(grid, data, filled)) {
      if (rows.length > 0 || ++blanksBeforeData > 2) break;
    } else if (isNote(scan, data, filled, rows.length > 0)) {
      // A note under the header (填报说明 before the row to fill) is passed over; one below the data ends it.
      if (rows.length > 0) break;
    } else {
      // A 合计 row is kept: validation takes it when a unit wrote several rows and their total.
      const row = readRow(grid, data, positions);
      rows.push(grid.hiddenRows?.has(data) ? { ...row, hidden: true } : row);
    }
    data++;
  }
  return { rows, end: data, hidden: [] };
}

/** A list's rows: until two blank rows in a row (the blank template rows), a note, or another header. */
function listRows(scan: RowScan, from: number): ReadRows {
  const { grid, positions } = scan;
  const filled = valuePositions(scan);
  const rows: FoundRow[] = [];
  const hidden: FoundRow[] = [];
  let data = from;
  let blanks = 0;
  let noteUnderHeader = from;
  for (; data < grid.rows.length && !scan.isHeaderAt(data); data++) {
    // A hidden row is not there for the unit: passed over, kept aside when it holds an item.
    if (grid.hiddenRows?.has(data)) {
      if (!rowIsBlank(grid, data, filled) && !isTotalRow(grid, data, positions) && !isNote(scan, data, filled, true))
        hidden.push(readRow(grid, data, positions));
      if (data === noteUnderHeader) noteUnderHeader++;
      continue;
    }
    // A note (looked for first: one written in the 序号 column is no blank row) right under the
    // header (填报说明 before the rows to fill) is passed over; any other ends the list.
    if (isNote(scan, data, filled, rows.length > 0)) {
      if (data !== noteUnderHeader) break;
      noteUnderHeader++;
      continue;
    }
    if (rowIsBlank(grid, data, filled)) {
      // Blank template rows: two of them end the list (before any data, a third does).
      if (++blanks >= (rows.length > 0 ? 2 : 3)) break;
      continue;
    }
    if (isCaption(scan, data)) break;
    blanks = 0;
    if (!isTotalRow(grid, data, positions)) rows.push(readRow(grid, data, positions));
  }
  return { rows, end: data, hidden };
}

/**
 * The data rows from row `from` (just under the header), and the row where they end. A row
 * numbering the columns counts only there, right under the header. A list's is always passed
 * over (no list row holds 1 2 3 … in every column, dates and names included). A 统计表's is
 * passed over when a row follows it: a unit whose one row is 1 2 3 … in every column, having
 * deleted the template's numbering row, keeps its row.
 */
export function dataRows(scan: RowScan, from: number): ReadRows {
  const read = scan.kind === 'list' ? listRows : statisticsRows;
  if (from >= scan.grid.rows.length || !isColumnNumberRow(scan.grid, from, scan.positions)) return read(scan, from);
  const after = read(scan, from + 1);
  return scan.kind === 'list' || after.rows.length > 0 ? after : read(scan, from);
}
