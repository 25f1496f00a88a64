/**
 * Builds grids for unit tests from rows of text, with merged ranges, the way xlsx-grid.ts
 * builds them from a sheet (merged copies repeat the master's text).
 */
import { columnLetters, type Grid, type GridCell } from '../../pipeline/extract/grid.js';

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function gridOf(rows: readonly (readonly (string | number | null)[])[], merges: readonly Merge[] = [], label = ''): Grid {
  const width = Math.max(...rows.map((row) => row.length));
  const cells: GridCell[][] = rows.map((row, r) =>
    Array.from({ length: width }, (_, c) => {
      const value = row[c] ?? null;
      const address = `${columnLetters(c)}${r + 1}`;
      return typeof value === 'number' ? { text: String(value), number: value, address } : { text: value ?? '', address };
    }),
  );
  for (const merge of merges) {
    const master = cells[merge.top]![merge.left]!;
    for (let r = merge.top; r <= merge.bottom; r++) {
      for (let c = merge.left; c <= merge.right; c++) {
        if (r === merge.top && c === merge.left) continue;
        cells[r]![c] = { ...master, address: `${columnLetters(c)}${r + 1}`, mergedCopy: true };
      }
    }
  }
  return { label, rows: cells };
}
