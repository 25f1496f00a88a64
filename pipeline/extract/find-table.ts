/**
 * Finds the statistics table in a grid by its header text, wherever it sits: below title rows
 * and the 填报区域或单位 / 填报日期 lines, not starting at A1, with extra columns such as 序号,
 * with the two-row header of 涉密/非涉密 groups merged or not. Never by fixed cell addresses.
 *
 * Pure: grid and column definitions in, raw (unvalidated) cell values out.
 */
import type { ColumnDef } from '../../intake/kernel/campaign/campaign.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import type { FormulaNote, Grid, GridCell } from './grid.js';
import { type FoldedText, foldText, headerKeys, ideographs, matchesFolded, valueAfterLabel } from './header-match.js';

export interface RawValue {
  text: string;
  number?: number;
  error?: string;
  address: string;
  /** Set when the file stored the formula without its result (see GridCell.formula). */
  formula?: FormulaNote;
}

export interface FoundRow {
  /** "第6行" (sheet row number, or row within a Word table). */
  location: string;
  /** Text of the row's cells outside the table's columns (序号, a 合计 label, a unit name). */
  label: string;
  cells: Record<string, RawValue>;
}

export interface HeaderFieldValue {
  text: string;
  location: string;
}

export interface FoundTable {
  /** The grid's label ("" for the only sheet). */
  source: string;
  /** Address of the first header cell found, e.g. "A4". */
  headerAddress: string;
  unitName: HeaderFieldValue | null;
  date: HeaderFieldValue | null;
  rows: FoundRow[];
  /** Display names of columns whose header was not found. */
  missingColumns: string[];
}

export interface TableFields {
  unitField: string;
  dateField: string;
}

interface TopEntry {
  keys: Set<string>;
  columns: ColumnDef[];
  grouped: boolean;
}

/** Columns grouped by their top header cell: one entry per ungrouped column or per group. */
function topEntries(columns: readonly ColumnDef[]): TopEntry[] {
  const entries: TopEntry[] = [];
  for (const column of columns) {
    const last = entries.at(-1);
    if (column.subHeaderTexts && last?.grouped && last.columns[0]?.headerTexts[0] === column.headerTexts[0]) {
      last.columns.push(column);
    } else {
      entries.push({ keys: headerKeys(column.headerTexts), columns: [column], grouped: column.subHeaderTexts !== undefined });
    }
  }
  return entries;
}

const cellAt = (grid: Grid, r: number, c: number): GridCell | undefined => grid.rows[r]?.[c];

/** Folded cell texts by grid, computed once: every row is tested against every header entry. */
const foldedRows = new WeakMap<Grid, { maxIdeographs: number; rows: (FoldedText | null)[][] }>();

function folded(grid: Grid, r: number): (FoldedText | null)[] {
  const cache = foldedRows.get(grid)!;
  cache.rows[r] ??= (grid.rows[r] ?? []).map((cell) => foldText(cell.text, cache.maxIdeographs));
  return cache.rows[r];
}

/** The most ideographs any label of these columns has (see foldText). */
function maxLabelIdeographs(columns: readonly ColumnDef[]): number {
  return Math.max(
    0,
    ...columns.flatMap((column) => [...column.headerTexts, ...(column.subHeaderTexts ?? [])]).map((label) => ideographs(label)),
  );
}

function matchingColumns(grid: Grid, r: number, keys: ReadonlySet<string>): number[] {
  const found: number[] = [];
  folded(grid, r).forEach((cell, c) => {
    if (matchesFolded(cell, keys)) found.push(c);
  });
  return found;
}

/** A header row has at least half of the top entries (and at least two). */
function isHeaderRow(grid: Grid, r: number, entries: readonly TopEntry[]): boolean {
  const needed = Math.max(2, Math.ceil(entries.length / 2));
  // Fewer candidate cells than entries needed: no need to try each entry.
  if (folded(grid, r).reduce((count, cell) => (cell === null ? count : count + 1), 0) < needed) return false;
  const matched = entries.filter((entry) => matchingColumns(grid, r, entry.keys).length > 0).length;
  return matched >= needed;
}

interface ColumnMap {
  positions: Map<string, number>;
  missing: ColumnDef[];
  lastHeaderRow: number;
  headerAddress: string;
}

function mapColumns(grid: Grid, r: number, entries: readonly TopEntry[]): ColumnMap {
  const positions = new Map<string, number>();
  const used = new Set<number>();
  const missing: ColumnDef[] = [];
  let lastHeaderRow = r;
  let firstColumn = Number.POSITIVE_INFINITY;
  const width = grid.rows[r]?.length ?? 0;

  for (const entry of entries) {
    const candidates = matchingColumns(grid, r, entry.keys).filter((c) => !used.has(c));
    const start = candidates[0];
    if (start === undefined) {
      missing.push(...entry.columns);
      continue;
    }
    firstColumn = Math.min(firstColumn, start);
    if (!entry.grouped) {
      const column = entry.columns[0]!;
      positions.set(column.key, start);
      used.add(start);
      continue;
    }
    // The group's span: the merged copies of its header, or the empty cells right of it.
    let end = start;
    while (end + 1 < width) {
      const next = cellAt(grid, r, end + 1)!;
      const sameMerge = next.mergedCopy === true && candidates.includes(end + 1);
      if (!sameMerge && next.text.trim() !== '') break;
      end++;
    }
    for (let c = start; c <= end; c++) used.add(c);
    for (const column of entry.columns) {
      const keys = headerKeys(column.subHeaderTexts ?? []);
      let placed = false;
      for (let sub = r + 1; sub <= r + 2 && !placed; sub++) {
        for (let c = start; c <= end; c++) {
          const cell = cellAt(grid, sub, c);
          if (cell && !cell.mergedCopy && matchesFolded(folded(grid, sub)[c] ?? null, keys) && ![...positions.values()].includes(c)) {
            positions.set(column.key, c);
            lastHeaderRow = Math.max(lastHeaderRow, sub);
            placed = true;
            break;
          }
        }
      }
      if (!placed) missing.push(column);
    }
  }
  const headerAddress = cellAt(grid, r, Number.isFinite(firstColumn) ? firstColumn : 0)?.address ?? '';
  return { positions, missing, lastHeaderRow, headerAddress };
}

function rowIsBlank(grid: Grid, r: number, positions: ReadonlyMap<string, number>): boolean {
  return [...positions.values()].every((c) => (cellAt(grid, r, c)?.text ?? '').trim() === '');
}

/** A row "1 2 3 4 …" under the header that numbers the columns (some templates have one). */
function isColumnNumberRow(grid: Grid, r: number, positions: ReadonlyMap<string, number>, columns: readonly ColumnDef[]): boolean {
  const numbers = columns
    .filter((column) => column.type === 'count' && positions.has(column.key))
    .map((column) => compact(cellAt(grid, r, positions.get(column.key)!)?.text ?? ''));
  if (numbers.length < 5 || numbers.some((text) => !/^\d+$/.test(text))) return false;
  return numbers.every((text, index) => index === 0 || Number(text) === Number(numbers[index - 1]) + 1);
}

function rowLabel(grid: Grid, r: number, positions: ReadonlyMap<string, number>): string {
  const mapped = new Set(positions.values());
  return (grid.rows[r] ?? [])
    .filter((cell, c) => !mapped.has(c) && !cell.mergedCopy && cell.text.trim() !== '')
    .map((cell) => cell.text.trim())
    .join(' ');
}

function readRow(grid: Grid, r: number, positions: ReadonlyMap<string, number>): FoundRow {
  const cells: Record<string, RawValue> = {};
  for (const [key, c] of positions) {
    const cell = cellAt(grid, r, c);
    if (!cell) continue;
    cells[key] = {
      text: cell.text,
      address: cell.address,
      ...(cell.number !== undefined ? { number: cell.number } : {}),
      ...(cell.error !== undefined ? { error: cell.error } : {}),
      ...(cell.formula !== undefined ? { formula: cell.formula } : {}),
    };
  }
  return { location: `第${r + 1}行`, label: rowLabel(grid, r, positions), cells };
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
        if (neighbour.mergedCopy || neighbour.text.trim() === '') continue;
        if (otherLabels.some((other) => valueAfterLabel(neighbour.text, other) !== null)) break;
        return { text: neighbour.text.trim(), location: neighbour.address };
      }
      return { text: '', location: cell.address };
    }
  }
  return null;
}

export function findTables(grid: Grid, columns: readonly ColumnDef[], fields: TableFields): FoundTable[] {
  const entries = topEntries(columns);
  foldedRows.set(grid, { maxIdeographs: maxLabelIdeographs(columns), rows: [] });
  const tables: FoundTable[] = [];
  let searchFrom = 0;
  let fieldsFrom = 0;
  for (let r = 0; r < grid.rows.length; r++) {
    if (r < searchFrom || !isHeaderRow(grid, r, entries)) continue;
    const map = mapColumns(grid, r, entries);
    let data = map.lastHeaderRow + 1;
    if (data < grid.rows.length && isColumnNumberRow(grid, data, map.positions, columns)) data++;
    const rows: FoundRow[] = [];
    // Tolerate blank rows between header and data, but stop at the first blank after data.
    let blanksBeforeData = 0;
    while (data < grid.rows.length && !isHeaderRow(grid, data, entries)) {
      if (rowIsBlank(grid, data, map.positions)) {
        if (rows.length > 0 || ++blanksBeforeData > 2) break;
      } else {
        rows.push(readRow(grid, data, map.positions));
      }
      data++;
    }
    const lookUp: [number, number] = [fieldsFrom, r];
    const lookDown: [number, number] = [data, Math.min(grid.rows.length, data + 5)];
    const field = (label: string, other: string) =>
      fieldIn(grid, lookUp, label, [other], tables.length === 0) ?? fieldIn(grid, lookDown, label, [other], false);
    const unitName = field(fields.unitField, fields.dateField);
    const date = field(fields.dateField, fields.unitField);
    tables.push({
      source: grid.label,
      headerAddress: map.headerAddress,
      unitName,
      date,
      rows,
      missingColumns: map.missing.map((column) => column.displayName),
    });
    searchFrom = data;
    fieldsFrom = data;
  }
  return tables;
}
