/**
 * The sheet of a list table (明细表, 台账, 花名册: zero or more rows per unit): title, the header
 * in the campaign's own layout (groups merged), every unit's rows in roster order with the unit
 * first and each value in its column's number format, a 合计 row that sums only what may be
 * summed over the rows of the units whose list counts, and a note on who sent no rows and whose
 * list was left out. Rows of a list with errors are marked as the statistics sheet marks a unit's
 * row: greyed, the wrong cells as written in red, 数据有误（未计入合计） in the last column, which
 * the SUMIF formulas leave out. The list's own 序号 column is replaced by one numbering all rows.
 */
import type ExcelJSNamespace from 'exceljs';
import type { Workbook, Worksheet } from 'exceljs';
import type { Campaign, ColumnDef, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { isSerialName } from '../../intake/kernel/campaign/tables.js';
import type { Problem } from '../../intake/kernel/problems.js';
import type { ListRowResult, MergeResult, TableTotals, UnitResult } from '../../pipeline/merge/merge-result.js';
import { cellValue, valueStyle } from './column-layout.js';
import { type DeferredCell, putRows, type SharedRows } from './deferred-rows.js';
import { namedCells, namesCell, sheetOfRow, unreadableCell } from './problem-cells.js';
import {
  addTableSheet,
  dataRowHeight,
  EXCLUDED_STATUS,
  type Frame,
  fitColumnWidths,
  keepHeaderInView,
  measuredRow,
  writeHeader,
  writeTitle,
} from './row-table-sheet.js';
import { FONT, looksLikeFormula, mergeWithBorder, STYLES, styleBody, text } from './sheet-styles.js';

type Style = Partial<ExcelJSNamespace.Style>;

interface ListLine {
  unit: UnitResult;
  row: ListRowResult;
  /** The unit's list has errors: not in the totals. */
  excluded: boolean;
  file: string | null;
}

/** Every unit's rows, in roster order. */
function linesOf(table: TableDef, result: MergeResult): ListLine[] {
  return result.units.flatMap((unit) => {
    const sent = unit.tables[table.key];
    if (!sent || sent.file === null) return [];
    return sent.rows.map((row) => ({ unit, row, excluded: !sent.counted, file: sent.file }));
  });
}

/** The problem that names this row's cell of this column, when its value could not be read. */
function wrongCell(problems: readonly Problem[], line: ListLine, column: ColumnDef): Problem | undefined {
  const cell = line.row.cells[column.key];
  return cell && line.file !== null ? unreadableCell(problems, line.file, cell, column.displayName) : undefined;
}

/** The shared styles of each column's values, looked up once per sheet rather than per cell. */
interface ColumnStyles {
  body: Style;
  excluded: Style;
  alert: Style;
}

/** A value as its cell holds it; a list repeats few dates over many rows, so each date is made once. */
function shownValue(column: ColumnDef, value: number | string, days: Map<string, Date | string>): ReturnType<typeof cellValue> {
  if (column.type !== 'date' || typeof value !== 'string') return cellValue(column, value);
  let day = days.get(value);
  if (day === undefined) {
    day = cellValue(column, value) as Date | string;
    days.set(value, day);
  }
  return day;
}

/** One line's cells from column 1: number, unit, each value in its column's format, the status. */
function lineCells(
  line: ListLine,
  index: number,
  frame: Frame,
  styles: readonly ColumnStyles[],
  days: Map<string, Date | string>,
): DeferredCell[] {
  const cells: DeferredCell[] = [
    { value: index + 1, style: STYLES.body.center },
    { value: text(line.unit.unit), style: STYLES.body.left },
  ];
  // A row with errors: the cells its errors name (a rule broken inside the row names each cell it read) in red.
  const named = line.row.hasErrors && line.file !== null ? namedCells(line.unit.problems) : null;
  const sheet = named ? sheetOfRow(line.row.location) : '';
  frame.table.columns.forEach((column, offset) => {
    const value = line.row.values[column.key];
    const wrong = value === null || value === undefined ? wrongCell(line.unit.problems, line, column) : undefined;
    const shown = value !== null && value !== undefined ? shownValue(column, value, days) : wrong ? text(wrong.found) : null;
    const address = line.row.cells[column.key];
    const broken = named !== null && address !== undefined && namesCell(named, line.file!, address, sheet, true);
    const style =
      typeof shown === 'string' && looksLikeFormula(shown)
        ? STYLES.literal
        : wrong
          ? STYLES.alert
          : broken
            ? styles[offset]!.alert
            : line.excluded
              ? styles[offset]!.excluded
              : styles[offset]!.body;
    cells.push({ value: shown, style });
  });
  // The rows with the errors in red; the other rows of that list greyed like its values.
  cells.push({
    value: line.excluded ? EXCLUDED_STATUS : null,
    style: line.row.hasErrors ? STYLES.alert : line.excluded ? STYLES.excluded : STYLES.body.center,
  });
  return cells;
}

/** The units the note under the list names: no list, an empty list, a list left out. */
function noteText(table: TableDef, result: MergeResult, totals: TableTotals, sendUp: boolean): string {
  const notSent = result.units.filter((unit) => (unit.tables[table.key]?.file ?? null) === null);
  // A unit whose mail awaits confirmation (待核实) has not failed to send: said apart, as the documents say it.
  const pending = notSent.filter((unit) => unit.status === 'pending').map((unit) => unit.unit);
  const unsent = notSent.filter((unit) => unit.status !== 'pending').map((unit) => unit.unit);
  const empty = result.units
    .filter((unit) => unit.tables[table.key]?.file != null && unit.tables[table.key]!.rows.length === 0)
    .map((unit) => unit.unit);
  const parts = [`合计为 ${totals.included.length} 个单位的 ${totals.rows} 行之和`];
  if (totals.excluded.length > 0)
    parts.push(
      `数据有误、未计入合计的单位：${totals.excluded.join('、')}（其各行灰色为可读出的数据，红色为填写有误之处${sendUp ? '' : '，详见「问题清单」'}）`,
    );
  if (empty.length > 0) parts.push(`报送了本表但没有填写任何一行的单位：${empty.join('、')}`);
  if (unsent.length > 0) parts.push(`未报送本表的单位：${unsent.join('、')}`);
  if (pending.length > 0) parts.push(`有来信待核实、尚未计入的单位：${pending.join('、')}`);
  return `注：${parts.join('；')}。`;
}

/** The width of the last column (说明), which holds the 合计 row's count too. */
const STATUS_WIDTH = 16;

/** `listed`: every row the sheet lists, those of lists left out of the totals too. */
function writeTotals(sheet: Worksheet, frame: Frame, totals: TableTotals, listed: number, note: string): void {
  const { firstData, lastData, statusColumn } = frame;
  const totalRow = lastData + 1;
  mergeWithBorder(sheet, totalRow, 1, totalRow, 2, (cell) => (cell.style = STYLES.bold));
  sheet.getCell(totalRow, 1).value = '合计';
  const statusLetter = sheet.getColumn(statusColumn).letter;
  frame.table.columns.forEach((column, offset) => {
    const cell = sheet.getCell(totalRow, 3 + offset);
    const total = totals.totals[column.key] ?? null;
    cell.style = valueStyle(column, 'bold');
    if (column.summable) {
      const letter = sheet.getColumn(3 + offset).letter;
      cell.value =
        lastData >= firstData
          ? {
              formula: `SUMIF($${statusLetter}$${firstData}:$${statusLetter}$${lastData},"<>${EXCLUDED_STATUS}",${letter}${firstData}:${letter}${lastData})`,
              result: total ?? 0,
            }
          : 0;
    } else if (total !== null) cell.value = total;
  });
  const counted = sheet.getCell(totalRow, statusColumn);
  // The rows listed and those summed differ when a unit's list is left out (数据有误): say both, as the note does.
  counted.value = `共 ${listed} 行，计入合计 ${totals.rows} 行（${totals.included.length} 个单位）`;
  styleBody(counted);
  sheet.getRow(totalRow).height = dataRowHeight([counted.value], [STATUS_WIDTH]);
  sheet.mergeCells(totalRow + 1, 1, totalRow + 1, statusColumn);
  const cell = sheet.getCell(totalRow + 1, 1);
  cell.value = note;
  cell.font = { name: FONT, size: 10 };
  cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  sheet.getRow(totalRow + 1).height = Math.max(30, Math.ceil(note.length / 60) * 15);
}

/**
 * `deferred`: the data rows are handed to the package writer as XML (xlsx-buffer.ts) instead of
 * being exceljs cells; the file is the same, the in-memory workbook then lacks those rows. The
 * map holds each list's rows by table key, for the other workbook written from the same result.
 */
export function buildListTableSheet(
  workbook: Workbook,
  campaign: Campaign,
  table: TableDef,
  result: MergeResult,
  sendUp: boolean,
  deferred?: SharedRows,
): void {
  const sheet = addTableSheet(workbook, table);
  // The list's own 序号 restarts in each unit's file; one number runs over all the rows instead.
  const shown: TableDef = { ...table, columns: table.columns.filter((column) => !isSerialName(column.name)) };
  const lines = linesOf(table, result);
  const statusColumn = 3 + shown.columns.length;
  const headerTop = writeTitle(sheet, campaign, table, result, statusColumn);
  const firstData = headerTop + 2;
  const frame: Frame = {
    table: shown,
    statusColumn,
    headerTop,
    headerBottom: headerTop + 1,
    firstData,
    lastData: firstData + lines.length - 1,
  };
  writeHeader(sheet, frame, '说明');
  const styles = shown.columns.map((column) => ({
    body: valueStyle(column, 'body'),
    excluded: valueStyle(column, 'excluded'),
    alert: valueStyle(column, 'alert'),
  }));
  const days = new Map<string, Date | string>();
  const cellsOf = (index: number) => lineCells(lines[index]!, index, frame, styles, days);
  const totals = result.tables[table.key]!;
  writeTotals(sheet, frame, totals, lines.length, noteText(table, result, totals, sendUp));
  const widths = fitColumnWidths(sheet, result, frame);
  // Tens of thousands of rows: as XML into the package (deferred-rows.ts) when the workbook defers
  // rows, rendered once for both workbooks.
  const row = (index: number) => measuredRow(cellsOf(index), widths);
  putRows(workbook, sheet, { first: firstData, count: lines.length, row }, table.key, deferred);
  sheet.getColumn(statusColumn).width = STATUS_WIDTH;
  keepHeaderInView(sheet, frame);
}
