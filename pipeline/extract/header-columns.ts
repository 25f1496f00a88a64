/**
 * A table's header in a grid: which row is a header of the table (at least half of its columns'
 * texts, exactly or retyped), and which grid column holds each of the table's columns — a group
 * (检查计算机数量(台) over 涉密 / 非涉密) by its sub-headers in the rows below, merged or not; a
 * retyped header by similarity, only when clearly the best; the headers the unit added, noted.
 *
 * Pure: grid and column definitions in, positions and notes out.
 */
import type { ColumnDef } from '../../intake/kernel/campaign/campaign.js';
import type { Grid, GridCell } from './grid.js';
import { type FoldedText, foldText, headerKey, headerKeys, ideographs, matchesFolded } from './header-match.js';
import { headerSimilarity } from './header-similarity.js';

export interface HeaderNote {
  /** matched: read as `column`; unsure: close to `column` but not taken; extra: not read. */
  kind: 'matched' | 'unsure' | 'extra';
  column?: string;
  /** The header text as the unit wrote it. */
  header: string;
  address: string;
}

export interface TopEntry {
  keys: Set<string>;
  columns: ColumnDef[];
  grouped: boolean;
}

/** Columns grouped by their top header cell: one entry per ungrouped column or per group. */
export function topEntries(columns: readonly ColumnDef[]): TopEntry[] {
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

export const cellAt = (grid: Grid, r: number, c: number): GridCell | undefined => grid.rows[r]?.[c];

/** Folded cell texts by grid, computed once: every row is tested against every header entry. */
const foldedRows = new WeakMap<Grid, { maxIdeographs: number; rows: (FoldedText | null)[][] }>();

/**
 * Prepares a grid for header search among these columns (those of every table looked for in
 * it: the folds are shared while the longest label stays the same).
 */
export function prepareGrid(grid: Grid, columns: readonly ColumnDef[]): void {
  const maxIdeographs = Math.max(
    0,
    ...columns.flatMap((column) => [...column.headerTexts, ...(column.subHeaderTexts ?? [])]).map((label) => ideographs(label)),
  );
  if (foldedRows.get(grid)?.maxIdeographs !== maxIdeographs) foldedRows.set(grid, { maxIdeographs, rows: [] });
}

function folded(grid: Grid, r: number): (FoldedText | null)[] {
  const cache = foldedRows.get(grid)!;
  cache.rows[r] ??= (grid.rows[r] ?? []).map((cell) => foldText(cell.text, cache.maxIdeographs));
  return cache.rows[r];
}

function matchingColumns(grid: Grid, r: number, keys: ReadonlySet<string>): number[] {
  const found: number[] = [];
  folded(grid, r).forEach((cell, c) => {
    if (matchesFolded(cell, keys)) found.push(c);
  });
  return found;
}

/** A header row has at least half of the top entries (and at least two). */
export function isHeaderRow(grid: Grid, r: number, entries: readonly TopEntry[]): boolean {
  const needed = Math.max(2, Math.ceil(entries.length / 2));
  // Fewer candidate cells than entries needed: no need to try each entry.
  if (folded(grid, r).reduce((count, cell) => (cell === null ? count : count + 1), 0) < needed) return false;
  const exact = entries.filter((entry) => matchingColumns(grid, r, entry.keys).length > 0);
  if (exact.length >= needed) return true;
  // Retyped headers count too (检查计算机数（台）for 检查计算机数量(台)), by each column's tolerance;
  // counted only until enough are found (the exact ones first, above).
  const all = Array.from({ length: grid.rows[r]?.length ?? 0 }, (_, c) => c);
  let found = exact.length;
  for (const entry of entries) {
    if (exact.includes(entry)) continue;
    const column = entry.columns[0]!;
    const best = scoreCells(grid, r, column.headerTexts, all)[0];
    if (best !== undefined && best.score >= column.similarity && ++found >= needed) return true;
  }
  return false;
}

export interface ColumnMap {
  /** Grid column of each table column, by key. */
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
/** Folded labels, computed once per label list (the campaign's columns are the same for every grid). */
const labelKeys = new WeakMap<readonly string[], string[]>();

function scoreCells(grid: Grid, r: number, labels: readonly string[], candidates: readonly number[]): Scored[] {
  const keys = labelKeys.get(labels) ?? labels.map((label) => headerKey(label));
  labelKeys.set(labels, keys);
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

const entryName = (entry: TopEntry) => (entry.grouped ? entry.columns[0]!.headerTexts[0]! : entry.columns[0]!.displayName);

/** The mapping being built for one header row. */
interface Mapping extends ColumnMap {
  grid: Grid;
  r: number;
  used: Set<number>;
  firstColumn: number;
}

/** A group's span: the merged copies of its header, or the empty cells right of it. */
function groupSpan(map: Mapping, start: number): number[] {
  const { grid, r } = map;
  const width = grid.rows[r]?.length ?? 0;
  const text = cellAt(grid, r, start)!.text;
  let end = start;
  while (end + 1 < width) {
    const next = cellAt(grid, r, end + 1)!;
    const sameMerge = next.mergedCopy === true && next.text === text;
    if (!sameMerge && next.text.trim() !== '') break;
    end++;
  }
  return Array.from({ length: end - start + 1 }, (_, index) => start + index);
}

/** A grouped column under its group: its sub-header exactly, else retyped (涉密的), in the two rows below. */
function placeSubColumn(map: Mapping, column: ColumnDef, span: readonly number[]): boolean {
  const { grid, r, positions } = map;
  const keys = headerKeys(column.subHeaderTexts ?? []);
  for (let sub = r + 1; sub <= r + 2; sub++) {
    for (const c of span) {
      const cell = cellAt(grid, sub, c);
      if (cell && !cell.mergedCopy && matchesFolded(folded(grid, sub)[c] ?? null, keys) && ![...positions.values()].includes(c)) {
        positions.set(column.key, c);
        map.lastHeaderRow = Math.max(map.lastHeaderRow, sub);
        return true;
      }
    }
  }
  for (let sub = r + 1; sub <= r + 2; sub++) {
    const free = span.filter((c) => ![...positions.values()].includes(c) && !cellAt(grid, sub, c)?.mergedCopy);
    const c = similarCell(grid, sub, column.subHeaderTexts ?? [], column.subSimilarity ?? 1, free, column.displayName, map.notes);
    if (c !== null) {
      positions.set(column.key, c);
      map.lastHeaderRow = Math.max(map.lastHeaderRow, sub);
      return true;
    }
  }
  return false;
}

function place(map: Mapping, entry: TopEntry, start: number): void {
  map.firstColumn = Math.min(map.firstColumn, start);
  if (!entry.grouped) {
    map.positions.set(entry.columns[0]!.key, start);
    map.used.add(start);
    return;
  }
  const span = groupSpan(map, start);
  for (const c of span) map.used.add(c);
  for (const column of entry.columns) if (!placeSubColumn(map, column, span)) map.missing.push(column);
}

/** Entries whose header text is in the row: placed; the others returned, to be tried by similarity. */
function placeExact(map: Mapping, entries: readonly TopEntry[]): TopEntry[] {
  const { grid, r } = map;
  const waiting: TopEntry[] = [];
  for (const entry of entries) {
    const start = matchingColumns(grid, r, entry.keys).find((c) => !map.used.has(c));
    if (start === undefined) {
      waiting.push(entry);
      continue;
    }
    const cell = cellAt(grid, r, start)!;
    // Taken by an alias, not the label: say which header was read as which column.
    const label = headerKeys([entry.columns[0]!.headerTexts[0]!]);
    if (!label.has(folded(grid, r)[start]?.header ?? '') && !label.has(folded(grid, r)[start]?.loose ?? '')) {
      map.notes.push({ kind: 'matched', column: entryName(entry), header: cell.text.trim(), address: cell.address });
    }
    place(map, entry, start);
  }
  return waiting;
}

/** Then the headers units retyped, among the cells no exact match took. */
function placeSimilar(map: Mapping, waiting: readonly TopEntry[]): void {
  const { grid, r } = map;
  const width = grid.rows[r]?.length ?? 0;
  for (const entry of waiting) {
    const free = Array.from({ length: width }, (_, c) => c).filter((c) => !map.used.has(c) && !cellAt(grid, r, c)?.mergedCopy);
    const column = entry.columns[0]!;
    const start = similarCell(grid, r, column.headerTexts, column.similarity, free, entryName(entry), map.notes);
    if (start !== null) {
      place(map, entry, start);
      continue;
    }
    // A header close to this one but not taken is reported as unsure, not also as missing.
    const unsure = map.notes.some((note) => note.kind === 'unsure' && note.column === entryName(entry));
    if (!unsure) map.missing.push(...entry.columns);
  }
}

export function mapColumns(grid: Grid, r: number, entries: readonly TopEntry[]): ColumnMap {
  const map: Mapping = {
    grid,
    r,
    positions: new Map(),
    missing: [],
    lastHeaderRow: r,
    headerAddress: '',
    notes: [],
    used: new Set(),
    firstColumn: Number.POSITIVE_INFINITY,
  };
  placeSimilar(map, placeExact(map, entries));
  map.notes.push(...extraColumns(grid, r, map.lastHeaderRow, map.positions, map.used));
  const headerAddress = cellAt(grid, r, Number.isFinite(map.firstColumn) ? map.firstColumn : 0)?.address ?? '';
  return { positions: map.positions, missing: map.missing, lastHeaderRow: map.lastHeaderRow, headerAddress, notes: map.notes };
}

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
