/**
 * Finds a campaign's table in a grid by its header text, wherever it sits: below title rows
 * and the 填报区域或单位 / 填报日期 lines, not starting at A1, with extra columns such as 序号,
 * with the two-row header of 涉密/非涉密 groups merged or not. Never by fixed cell addresses.
 * The header is matched in header-columns.ts, the data rows read in data-rows.ts (one row for a
 * 统计表, zero or more for a list).
 *
 * Pure: grid and table definition in, raw (unvalidated) cell values out.
 */
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import { dataRows, type FoundRow, isSerialColumn } from './data-rows.js';
import type { Grid } from './grid.js';
import { type HeaderNote, isHeaderRow, mapColumns, prepareGrid, type TopEntry, topEntries } from './header-columns.js';
import { fieldValue, valueAfterLabel } from './header-match.js';

export type { FoundRow, RawValue } from './data-rows.js';
export type { HeaderNote } from './header-columns.js';

export interface HeaderFieldValue {
  text: string;
  location: string;
}

export interface FoundTable {
  /** Which table of the campaign this is (campaign tables[].key). */
  table: string;
  /** The grid's label ("" for the only sheet). */
  source: string;
  /** Address of the first header cell found, e.g. "A4". */
  headerAddress: string;
  unitName: HeaderFieldValue | null;
  date: HeaderFieldValue | null;
  rows: FoundRow[];
  /** A list's rows the unit hid in its spreadsheet: left out of `rows`, to be said. */
  hiddenRows?: FoundRow[];
  /** Display names of columns whose header was not found. */
  missingColumns: string[];
  /** Headers read by alias or similarity, unsure ones, and columns the unit added. */
  headerNotes?: HeaderNote[];
}

/** A table found, with where it lies in its grid (campaign-tables.ts joins and chooses by it). */
export interface TablePlace {
  found: FoundTable;
  headerRow: number;
  /** The row its data ended at (exclusive). */
  end: number;
  /** Grid column of each table column, by key. */
  positions: ReadonlyMap<string, number>;
}

/** The value written after a label, in the same text or the next non-empty cell to its right. */
function fieldIn(
  grid: Grid,
  rowRange: [number, number],
  label: string,
  otherLabels: readonly string[],
  withPreamble: boolean,
): HeaderFieldValue | null {
  if (withPreamble) {
    for (const line of grid.preamble ?? []) {
      const value = valueAfterLabel(line.text, label, otherLabels);
      if (value !== null) return { text: value, location: line.location };
    }
  }
  for (let r = rowRange[0]; r < rowRange[1]; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!;
      if (cell.mergedCopy) continue;
      const inline = valueAfterLabel(cell.text, label, otherLabels);
      if (inline === null) continue;
      if (inline !== '') return { text: inline, location: cell.address };
      for (let next = c + 1; next < row.length; next++) {
        const neighbour = row[next]!;
        // A cell holding only the template's "（盖章）：" stands between the label and the value.
        const value = fieldValue(neighbour.text);
        if (neighbour.mergedCopy || value === '') continue;
        if (otherLabels.some((other) => valueAfterLabel(neighbour.text, other) !== null)) break;
        return { text: value, location: neighbour.address };
      }
      return { text: '', location: cell.address };
    }
  }
  return null;
}

/** The names of the campaign's tables and their 附件 labels, folded as rows are compared. */
export function captionsOf(tables: readonly TableDef[]): Set<string> {
  return new Set(
    tables
      .flatMap((table) => [table.name, table.attachmentLabel])
      .map(compact)
      .filter((text) => text !== ''),
  );
}

/** Tells the rows where a header of the table itself or of another table of the campaign stands. */
function headerTest(grid: Grid, table: TableDef, others: readonly TableDef[]): { own: TopEntry[]; isHeaderAt: (r: number) => boolean } {
  const own = topEntries(table.columns);
  const all = [own, ...others.filter((other) => other.key !== table.key).map((other) => topEntries(other.columns))];
  return { own, isHeaderAt: (r) => all.some((entries) => isHeaderRow(grid, r, entries)) };
}

/**
 * Every place the table's header stands in the grid, with its rows. `others`: the campaign's
 * other tables, whose headers end this one's rows (two tables in one sheet).
 */
export function placeTables(grid: Grid, table: TableDef, others: readonly TableDef[] = []): TablePlace[] {
  prepareGrid(
    grid,
    [table, ...others].flatMap((item) => item.columns),
  );
  const { own, isHeaderAt } = headerTest(grid, table, others);
  const captions = captionsOf([table, ...others]);
  const places: TablePlace[] = [];
  let searchFrom = 0;
  let fieldsFrom = 0;
  for (let r = 0; r < grid.rows.length; r++) {
    if (r < searchFrom || !isHeaderRow(grid, r, own)) continue;
    const map = mapColumns(grid, r, own);
    const scan = { grid, positions: map.positions, columns: table.columns, kind: table.kind, isHeaderAt, captions };
    const { rows, end, hidden } = dataRows(scan, map.lastHeaderRow + 1);
    const lookUp: [number, number] = [fieldsFrom, r];
    const lookDown: [number, number] = [end, Math.min(grid.rows.length, end + 5)];
    const field = (label: string, other: string) =>
      fieldIn(grid, lookUp, label, [other], places.length === 0) ?? fieldIn(grid, lookDown, label, [other], false);
    const found: FoundTable = {
      table: table.key,
      source: grid.label,
      headerAddress: map.headerAddress,
      unitName: field(table.unitField, table.dateField),
      date: field(table.dateField, table.unitField),
      rows,
      ...(hidden.length > 0 ? { hiddenRows: hidden } : {}),
      // A 序号 column is kept when there, never asked for.
      missingColumns: map.missing.filter((column) => !isSerialColumn(column)).map((column) => column.displayName),
      headerNotes: map.notes,
    };
    places.push({ found, headerRow: r, end, positions: map.positions });
    searchFrom = end;
    fieldsFrom = end;
  }
  return places;
}

/** The table wherever its header stands in the grid. */
export function findTables(grid: Grid, table: TableDef, others: readonly TableDef[] = []): FoundTable[] {
  return placeTables(grid, table, others).map((place) => place.found);
}
