/**
 * Every table of a campaign in the grids of one file (the sheets of a workbook, the tables of a
 * Word document or of the mail body), each found by its own header and saying which table it is.
 * Two tables may share a file (two sheets, two Word tables, one sheet under another). Where two
 * of the campaign's tables would claim the same header, the one whose columns it holds more of
 * takes it. A list is one list however it is cut: its header repeated further down the sheet or
 * at the top of the next Word table (a list split into two tables), or the next Word table
 * carrying on without a header (a table split at a page break): its rows are read on.
 *
 * Pure: grids and tables in, found tables out.
 */
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { type Problem, warning } from '../../intake/kernel/problems.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';
import { dataRows } from './data-rows.js';
import { captionsOf, type FoundTable, placeTables, type TablePlace } from './find-table.js';
import type { Grid } from './grid.js';

/** Sheets stand side by side; the tables of a document (or mail body) follow one another. */
export type GridFlow = 'sheets' | 'document';

interface Placed extends TablePlace {
  grid: number;
  /** Every grid holding part of it (a list joined across Word tables). */
  grids: number[];
  order: number;
  def: TableDef;
}

const overlaps = (a: Placed, b: Placed) =>
  a.grid === b.grid && a.headerRow < Math.max(b.end, b.headerRow + 1) && b.headerRow < Math.max(a.end, a.headerRow + 1);

/** Of two tables claiming one header, the one with more of its columns there (then the first listed). */
function better(a: Placed, b: Placed): boolean {
  if (a.positions.size !== b.positions.size) return a.positions.size > b.positions.size;
  const share = (item: Placed) => item.positions.size / item.def.columns.length;
  if (share(a) !== share(b)) return share(a) > share(b);
  return a.order < b.order;
}

function withoutOverlaps(places: readonly Placed[]): Placed[] {
  return places.filter((place) => !places.some((other) => other !== place && overlaps(place, other) && better(other, place)));
}

const sameUnit = (a: FoundTable, b: FoundTable) =>
  b.unitName === null || b.unitName.text.trim() === '' || (a.unitName !== null && looseKey(a.unitName.text) === looseKey(b.unitName.text));

/** The rows of a continuation, named by their own table when it is another one ("第2个表格第3行"). */
function rowsFrom(place: Placed, into: Placed, rows: FoundTable['rows']): FoundTable['rows'] {
  if (place.found.source === into.found.source) return rows;
  return rows.map((row) => ({ ...row, location: `${place.found.source}${row.location}` }));
}

/** A list's header repeated (further down, or on the next Word table) carries the same list on. */
function joinRepeatedHeaders(places: readonly Placed[], flow: GridFlow): Placed[] {
  const kept: Placed[] = [];
  for (const place of places) {
    const previous = kept.at(-1);
    const follows =
      previous !== undefined &&
      previous.def.key === place.def.key &&
      place.def.kind === 'list' &&
      (previous.grid === place.grid || (flow === 'document' && place.grid === previous.grid + 1)) &&
      sameUnit(previous.found, place.found);
    if (!follows) {
      kept.push({ ...place, grids: [...place.grids], found: { ...place.found, rows: [...place.found.rows] } });
      continue;
    }
    previous.found.rows.push(...rowsFrom(place, previous, place.found.rows));
    const hidden = rowsFrom(place, previous, place.found.hiddenRows ?? []);
    if (hidden.length > 0) previous.found.hiddenRows = [...(previous.found.hiddenRows ?? []), ...hidden];
    if (place.grid !== previous.grid) {
      Object.assign(previous, { grid: place.grid, end: place.end, headerRow: place.headerRow, positions: place.positions });
      previous.grids.push(place.grid);
    }
  }
  return kept;
}

/**
 * A Word table after a list's table, with no header of its own and as wide: the list carried on
 * over a page break (the table was split there). Its rows are read with the list's columns.
 */
function readOnWithoutHeader(places: readonly Placed[], grids: readonly Grid[], tables: readonly TableDef[]): void {
  const captions = captionsOf(tables);
  const claimed = new Set(places.map((place) => place.grid));
  for (const place of places) {
    if (place.def.kind !== 'list') continue;
    let current = place.grid;
    while (place.end >= (grids[current]?.rows.length ?? 0)) {
      const next = grids[current + 1];
      if (!next || claimed.has(current + 1) || next.rows[0]?.length !== grids[current]!.rows[0]?.length) break;
      const scan = {
        grid: next,
        positions: place.positions,
        columns: place.def.columns,
        kind: 'list' as const,
        isHeaderAt: () => false,
        captions,
      };
      const { rows, end } = dataRows(scan, 0);
      if (rows.length === 0) break;
      place.found.rows.push(...rows.map((row) => ({ ...row, location: `${next.label}${row.location}` })));
      place.end = end;
      current++;
      claimed.add(current);
      place.grids.push(current);
    }
  }
}

/**
 * Every table of the campaign in these grids, in the order they stand, and the labels of the
 * grids they fill (a Word document's text outside them may be the written report).
 */
export function campaignTablesIn(
  grids: readonly Grid[],
  tables: readonly TableDef[],
  flow: GridFlow,
): { tables: FoundTable[]; grids: Set<string> } {
  const placed: Placed[] = [];
  grids.forEach((grid, index) => {
    tables.forEach((def, order) => {
      for (const place of placeTables(grid, def, tables)) placed.push({ ...place, grid: index, grids: [index], order, def });
    });
  });
  const ordered = withoutOverlaps(placed).sort((a, b) => a.grid - b.grid || a.headerRow - b.headerRow);
  const joined = joinRepeatedHeaders(ordered, flow);
  if (flow === 'document') readOnWithoutHeader(joined, grids, tables);
  return {
    tables: joined.map((place) => place.found),
    grids: new Set(joined.flatMap((place) => place.grids.map((index) => grids[index]!.label))),
  };
}

/** Every table of the campaign in these grids, in the order they stand. */
export function findCampaignTables(grids: readonly Grid[], tables: readonly TableDef[], flow: GridFlow): FoundTable[] {
  return campaignTablesIn(grids, tables, flow).tables;
}

/** The warning for a workbook in which none of the campaign's tables was found. */
export function tablesNotFound(campaign: Pick<Campaign, 'tables'>, file: string): Problem {
  const names = campaign.tables.map((table) => table.name).join('」或「');
  return warning('table.not_found', `这个 Excel 文件中没有找到「${names}」的表头`, { file, expected: '与通知附件一致的表头' });
}
