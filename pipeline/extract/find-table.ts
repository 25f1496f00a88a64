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
import { type FoldedText, foldText, headerKey, headerKeys, ideographs, matchesFolded, valueAfterLabel } from './header-match.js';
import { headerSimilarity } from './header-similarity.js';

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
  /** Headers read by alias or similarity, unsure ones, and columns the unit added. */
  headerNotes?: HeaderNote[];
}

export interface HeaderNote {
  /** matched: read as `column`; unsure: close to `column` but not taken; extra: not read. */
  kind: 'matched' | 'unsure' | 'extra';
  column?: string;
  /** The header text as the unit wrote it. */
  header: string;
  address: string;
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
  const exact = entries.filter((entry) => matchingColumns(grid, r, entry.keys).length > 0);
  if (exact.length >= needed) return true;
  // Retyped headers count too (检查计算机数（台）for 检查计算机数量(台)), by each column's tolerance.
  const all = Array.from({ length: grid.rows[r]?.length ?? 0 }, (_, c) => c);
  const similar = entries.filter((entry) => {
    if (exact.includes(entry)) return false;
    const column = entry.columns[0]!;
    const best = scoreCells(grid, r, column.headerTexts, all)[0];
    return best !== undefined && best.score >= column.similarity;
  });
  return exact.length + similar.length >= needed;
}

interface ColumnMap {
  positions: Map<string, number>;
  missing: ColumnDef[];
  lastHeaderRow: number;
  headerAddress: string;
  notes: HeaderNote[];
}

/** How far ahead of the runner-up the most similar header must be to be taken. */
const SIMILARITY_MARGIN = 0.1;
/** Below the tolerance by less than this: close enough to mention, not to take. */
const NEAR_MISS = 0.15;

interface Scored {
  c: number;
  score: number;
}

/** Cells of row r scored against labels, best first (cells already used left out). */
function scoreCells(grid: Grid, r: number, labels: readonly string[], candidates: readonly number[]): Scored[] {
  const keys = labels.map((label) => headerKey(label));
  return candidates
    .map((c) => {
      const cell = folded(grid, r)[c];
      return { c, score: cell ? Math.max(...keys.map((key) => headerSimilarity(cell.header, key))) : 0 };
    })
    .filter((item) => item.score > 0)
    .sort((a, b) => b.score - a.score || a.c - b.c);
}

/**
 * The retyped header for a column nobody wrote exactly: the most similar cell, when it reaches
 * the column's tolerance and is clearly ahead of the next one. Otherwise null, with a note when
 * something came close (the clerk decides; never a guess).
 */
function similarCell(
  grid: Grid,
  r: number,
  labels: readonly string[],
  threshold: number,
  candidates: readonly number[],
  column: string,
  notes: HeaderNote[],
): number | null {
  if (threshold >= 1) return null;
  const [best, next] = scoreCells(grid, r, labels, candidates);
  if (!best || best.score < threshold - NEAR_MISS) return null;
  const cell = cellAt(grid, r, best.c)!;
  const clear = best.score >= threshold && (!next || best.score - next.score >= SIMILARITY_MARGIN);
  if (clear) {
    notes.push({ kind: 'matched', column, header: cell.text.trim(), address: cell.address });
    return best.c;
  }
  const close = [best, ...(next && next.score >= threshold - NEAR_MISS ? [next] : [])].map((item) => cellAt(grid, r, item.c)!.text.trim());
  notes.push({ kind: 'unsure', column, header: close.join('」或「'), address: cell.address });
  return null;
}

function mapColumns(grid: Grid, r: number, entries: readonly TopEntry[]): ColumnMap {
  const positions = new Map<string, number>();
  const used = new Set<number>();
  const missing: ColumnDef[] = [];
  const notes: HeaderNote[] = [];
  let lastHeaderRow = r;
  let firstColumn = Number.POSITIVE_INFINITY;
  const width = grid.rows[r]?.length ?? 0;
  const unsure = new Set<string>();

  const place = (entry: TopEntry, start: number) => {
    firstColumn = Math.min(firstColumn, start);
    if (!entry.grouped) {
      positions.set(entry.columns[0]!.key, start);
      used.add(start);
      return;
    }
    // The group's span: the merged copies of its header, or the empty cells right of it.
    const text = cellAt(grid, r, start)!.text;
    let end = start;
    while (end + 1 < width) {
      const next = cellAt(grid, r, end + 1)!;
      const sameMerge = next.mergedCopy === true && next.text === text;
      if (!sameMerge && next.text.trim() !== '') break;
      end++;
    }
    for (let c = start; c <= end; c++) used.add(c);
    const span = Array.from({ length: end - start + 1 }, (_, index) => start + index);
    for (const column of entry.columns) {
      const keys = headerKeys(column.subHeaderTexts ?? []);
      let placed = false;
      for (let sub = r + 1; sub <= r + 2 && !placed; sub++) {
        for (const c of span) {
          const cell = cellAt(grid, sub, c);
          if (cell && !cell.mergedCopy && matchesFolded(folded(grid, sub)[c] ?? null, keys) && ![...positions.values()].includes(c)) {
            positions.set(column.key, c);
            lastHeaderRow = Math.max(lastHeaderRow, sub);
            placed = true;
            break;
          }
        }
      }
      // 涉密的 / 非涉密的: a retyped sub-header, by similarity within the group's span.
      for (let sub = r + 1; sub <= r + 2 && !placed; sub++) {
        const free = span.filter((c) => ![...positions.values()].includes(c) && !cellAt(grid, sub, c)?.mergedCopy);
        const c = similarCell(grid, sub, column.subHeaderTexts ?? [], column.subSimilarity ?? 1, free, column.displayName, notes);
        if (c !== null) {
          positions.set(column.key, c);
          lastHeaderRow = Math.max(lastHeaderRow, sub);
          placed = true;
        }
      }
      if (!placed) missing.push(column);
    }
  };

  const waiting: TopEntry[] = [];
  for (const entry of entries) {
    const start = matchingColumns(grid, r, entry.keys).find((c) => !used.has(c));
    if (start === undefined) {
      waiting.push(entry);
      continue;
    }
    const cell = cellAt(grid, r, start)!;
    // Taken by an alias, not the label: say which header was read as which column.
    if (
      !headerKeys([entry.columns[0]!.headerTexts[0]!]).has(folded(grid, r)[start]?.header ?? '') &&
      !headerKeys([entry.columns[0]!.headerTexts[0]!]).has(folded(grid, r)[start]?.loose ?? '')
    ) {
      notes.push({ kind: 'matched', column: entryName(entry), header: cell.text.trim(), address: cell.address });
    }
    place(entry, start);
  }
  // Then the headers units retyped, among the cells no exact match took.
  for (const entry of waiting) {
    const free = Array.from({ length: width }, (_, c) => c).filter((c) => !used.has(c) && !cellAt(grid, r, c)?.mergedCopy);
    const column = entry.columns[0]!;
    const start = similarCell(grid, r, column.headerTexts, column.similarity, free, entryName(entry), notes);
    if (start === null) {
      if (notes.some((note) => note.kind === 'unsure' && note.column === entryName(entry)))
        for (const item of entry.columns) unsure.add(item.key);
      missing.push(...entry.columns.filter((item) => !unsure.has(item.key)));
      continue;
    }
    place(entry, start);
  }
  notes.push(...extraColumns(grid, r, lastHeaderRow, positions, used));
  const headerAddress = cellAt(grid, r, Number.isFinite(firstColumn) ? firstColumn : 0)?.address ?? '';
  return { positions, missing, lastHeaderRow, headerAddress, notes };
}

const entryName = (entry: TopEntry) => (entry.grouped ? entry.columns[0]!.headerTexts[0]! : entry.columns[0]!.displayName);

/**
 * Header cells the unit added (其中：笔记本电脑(台)) inside the table's span or right of it:
 * their values are not read, and the clerk is told. Cells left of the table (序号, 单位) are
 * row labels, not extra columns.
 */
function extraColumns(
  grid: Grid,
  r: number,
  lastHeaderRow: number,
  positions: ReadonlyMap<string, number>,
  used: ReadonlySet<number>,
): HeaderNote[] {
  const mapped = new Set(positions.values());
  if (mapped.size === 0) return [];
  const first = Math.min(...mapped);
  const notes: HeaderNote[] = [];
  const seen = new Set<number>();
  for (let row = r; row <= lastHeaderRow; row++) {
    (grid.rows[row] ?? []).forEach((cell, c) => {
      if (c < first || mapped.has(c) || seen.has(c) || cell.mergedCopy || cell.text.trim() === '') return;
      // In the top row, a group's own header spans its sub-columns.
      if (row === r && used.has(c)) return;
      if (row > r && !used.has(c) && (grid.rows[r]?.[c]?.text.trim() ?? '') !== '') return;
      seen.add(c);
      notes.push({ kind: 'extra', header: cell.text.trim(), address: cell.address });
    });
  }
  return notes;
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
      headerNotes: map.notes,
    });
    searchFrom = data;
    fieldsFrom = data;
  }
  return tables;
}
