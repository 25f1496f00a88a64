/**
 * The sheet of a one-row-per-unit table (统计表) in the campaign's own layout (the 附件2 layout
 * of the first campaign): title, the 填报单位/填报日期 line, the header with its groups merged,
 * one row per roster unit with each value in its column's number format, a 合计 row of SUMIF
 * formulas with cached results for the columns that may be summed (a percentage computed by its
 * defining rule, or left empty; dates, choices and text empty), and a note under the table on
 * what the totals leave out. Printed on A4 landscape, the header frozen and repeated on every page.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { displayWidth } from '../../intake/kernel/text/display-width.js';
import { formatBeijing, formatChineseDate } from '../../intake/kernel/time.js';
import type { MergeResult, TableTotals, UnitResult } from '../../pipeline/merge/merge-result.js';
import { UNIT_STATUS_LABEL } from '../../pipeline/merge/merge-result.js';
import { cellValue, columnWidth, headerSpans, subLabel, valueStyle } from './column-layout.js';
import { type DeferredCell, putRows, type SharedRows } from './deferred-rows.js';
import { rowHeight } from './list-sheet.js';
import { landscapePageSetup, pageNumberFooter } from './print-setup.js';
import { namedCells, namesCell } from './problem-cells.js';
import { uniqueSheetName } from './sheet-names.js';
import { FONT, looksLikeFormula, mergeWithBorder, STYLES, styleBody, styleHeader, text } from './sheet-styles.js';

/** Status text of a unit whose table has errors; the 合计 formulas leave such rows out by it. */
export const EXCLUDED_STATUS = `${UNIT_STATUS_LABEL.invalid}（未计入合计）`;

/** A sheet name Excel accepts, unique in the workbook (sheet-names.ts). */
export function sheetName(workbook: Workbook, wanted: string): string {
  return uniqueSheetName(
    workbook.worksheets.map((sheet) => sheet.name),
    wanted,
  );
}

/** Where the parts of the sheet are, by row and column number. */
export interface Frame {
  table: TableDef;
  statusColumn: number;
  headerTop: number;
  headerBottom: number;
  firstData: number;
  lastData: number;
}

/** A table's sheet (统计表 or list): its name unique in the workbook, printed on A4 landscape with page numbers. */
export function addTableSheet(workbook: Workbook, table: TableDef): Worksheet {
  return workbook.addWorksheet(sheetName(workbook, table.name), {
    pageSetup: landscapePageSetup({ horizontalCentered: true }),
    headerFooter: pageNumberFooter(),
  });
}

/** The unit columns and the header stay in view when scrolling, and the header is printed on every page. */
export function keepHeaderInView(sheet: Worksheet, frame: Frame): void {
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: frame.headerBottom }];
  sheet.pageSetup.printTitlesRow = `${frame.headerTop}:${frame.headerBottom}`;
}

/** Whether two texts share a run of two characters other than digits and Latin letters (a word: 隐患, 政务). */
function shareWord(a: string, b: string): boolean {
  for (let start = 0; start + 2 <= b.length; start++) {
    const pair = b.slice(start, start + 2);
    if (!/[0-9A-Za-z\s]/u.test(pair) && a.includes(pair)) return true;
  }
  return false;
}

/**
 * The campaign's title before the table's name, without saying the same words twice:
 * 2026年汛期安全隐患排查整治 + 汛期安全隐患排查整治情况统计表 → 2026年汛期安全隐患排查整治情况统计表.
 * A name that repeats words of the title otherwise goes on a line of its own, since run together
 * the two read as one muddled name (…排查整治工作防汛安全隐患排查情况统计表); a name that repeats
 * none follows the title on the line (政府信息公开保密审查专项检查自查情况统计表).
 */
export function titledTableName(title: string, name: string): string {
  for (let start = 0; start < title.length - 3; start++) {
    if (name.startsWith(title.slice(start))) return `${title.slice(0, start)}${name}`;
  }
  return shareWord(title, name) ? `${title}\n${name}` : `${title}${name}`;
}

/** A line of the 18-point title, in points (the row is 6 more: 36 for one line, as before). */
const TITLE_LINE_HEIGHT = 30;

/** 附件2 label, title and the 填报单位 / 填报日期 line; returns the row after them. */
export function writeTitle(sheet: Worksheet, campaign: Campaign, table: TableDef, result: MergeResult, lastColumn: number): number {
  let row = 1;
  if (table.attachmentLabel) {
    const cell = sheet.getCell(row, 1);
    cell.value = table.attachmentLabel;
    cell.font = { name: '黑体', size: 12 };
    row++;
  }
  sheet.mergeCells(row, 1, row, lastColumn);
  const title = sheet.getCell(row, 1);
  const titled = `${titledTableName(campaign.file.title, table.name)}（汇总）`;
  title.value = titled;
  title.font = { name: '方正小标宋简体', size: 18 };
  const lines = titled.split('\n').length;
  title.alignment = { horizontal: 'center', vertical: 'middle', ...(lines > 1 ? { wrapText: true } : {}) };
  sheet.getRow(row).height = lines * TITLE_LINE_HEIGHT + 6;
  row++;

  const half = Math.max(2, Math.floor(lastColumn / 2));
  sheet.mergeCells(row, 1, row, half);
  const unitLine = sheet.getCell(row, 1);
  unitLine.value = `${table.unitField}：${campaign.file.secretariat || campaign.file.issuingOffice}（汇总）`;
  unitLine.font = { name: FONT, size: 11 };
  sheet.mergeCells(row, half + 1, row, lastColumn);
  const asOf = sheet.getCell(row, half + 1);
  // 附件2's header line 填报日期: the date the data speaks for (数据截至), not the day the file was written.
  asOf.value = `${table.dateField}：${result.asOf ? formatChineseDate(result.asOf) : '—'}　　截止时间：${formatBeijing(campaign.file.deadline)}　　数据截至：${result.asOf ? formatBeijing(result.asOf) : '—'}（北京时间）`;
  asOf.font = { name: FONT, size: 11 };
  // Wrapped, so a table of few columns prints the line whole (two lines) rather than cut.
  asOf.alignment = { horizontal: 'right', vertical: 'middle', wrapText: true };
  sheet.getRow(row).height = 30;
  return row + 1;
}

/** Two-row header: ungrouped columns span both rows; a group spans its sub-columns. */
export function writeHeader(sheet: Worksheet, frame: Omit<Frame, 'firstData' | 'lastData'>, lastLabel = '报送情况'): void {
  const { headerTop, headerBottom, statusColumn, table } = frame;
  const spanBoth = (column: number, value: string) => {
    mergeWithBorder(sheet, headerTop, column, headerBottom, column, styleHeader);
    sheet.getCell(headerTop, column).value = value;
  };
  spanBoth(1, '序号');
  spanBoth(2, table.unitField);
  let column = 3;
  for (const span of headerSpans(table.columns)) {
    if (span.kind === 'group') {
      const end = column + span.columns.length - 1;
      mergeWithBorder(sheet, headerTop, column, headerTop, end, styleHeader);
      sheet.getCell(headerTop, column).value = span.label;
      span.columns.forEach((sub, index) => {
        const cell = sheet.getCell(headerBottom, column + index);
        cell.value = subLabel(sub);
        styleHeader(cell);
      });
      column = end + 1;
    } else {
      spanBoth(column, span.label);
      column++;
    }
  }
  spanBoth(statusColumn, lastLabel);
  sheet.getRow(headerTop).height = 68;
  sheet.getRow(headerBottom).height = 20;
}

/**
 * One unit's row. A table with errors still shows what could be read, greyed, and the wrong cells
 * in red: as written when unreadable, and the cells of a broken rule with their values.
 */
function unitCells(unit: UnitResult, index: number, frame: Frame): DeferredCell[] {
  const sent = unit.tables[frame.table.key];
  const excluded = sent !== undefined && sent.file !== null && !sent.counted;
  const named = excluded ? namedCells(unit.problems) : null;
  const values = frame.table.columns.map((definition): DeferredCell => {
    const value = sent?.values?.[definition.key];
    const wrong =
      excluded && (value === null || value === undefined)
        ? unit.problems.find(
            (item) =>
              item.severity === 'error' &&
              item.field === definition.displayName &&
              item.found !== undefined &&
              (item.file === undefined || item.file === sent.file),
          )
        : undefined;
    const shown = value !== null && value !== undefined ? cellValue(definition, value) : wrong ? text(wrong.found) : null;
    if (typeof shown === 'string' && looksLikeFormula(shown)) return { value: shown, style: STYLES.literal };
    if (wrong) return { value: shown, style: STYLES.alert };
    const address = sent?.cells[definition.key];
    const broken = named !== null && address !== undefined && namesCell(named, sent!.file!, address);
    return { value: shown, style: valueStyle(definition, broken ? 'alert' : excluded ? 'excluded' : 'body') };
  });
  const label = UNIT_STATUS_LABEL[unit.status];
  return [
    { value: index + 1, style: STYLES.body.center },
    { value: text(unit.unit), style: STYLES.body.left },
    ...values,
    {
      value: excluded ? EXCLUDED_STATUS : unit.late && unit.status !== 'late' ? `${label}（逾期）` : label,
      style: unit.status === 'onTime' ? STYLES.body.center : STYLES.alert,
    },
  ];
}

/** The 合计 row and the note under it. */
function writeTotals(sheet: Worksheet, result: MergeResult, totals: TableTotals, frame: Frame, sendUp: boolean): void {
  const { firstData, lastData, statusColumn } = frame;
  const totalRow = lastData + 1;
  mergeWithBorder(sheet, totalRow, 1, totalRow, 2, (cell) => (cell.style = STYLES.bold));
  sheet.getCell(totalRow, 1).value = '合计';
  const statusLetter = sheet.getColumn(statusColumn).letter;
  frame.table.columns.forEach((definition, offset) => {
    const cell = sheet.getCell(totalRow, 3 + offset);
    const total = totals.totals[definition.key] ?? null;
    cell.style = valueStyle(definition, 'bold');
    if (definition.summable) {
      const letter = sheet.getColumn(3 + offset).letter;
      // A formula, so the clerk's later hand edits add up (rows of tables with errors left out); its result cached for previewers.
      cell.value =
        result.units.length > 0
          ? {
              formula: `SUMIF($${statusLetter}$${firstData}:$${statusLetter}$${lastData},"<>${EXCLUDED_STATUS}",${letter}${firstData}:${letter}${lastData})`,
              result: total ?? 0,
            }
          : 0;
    } else if (total !== null) {
      // Not a sum (a percentage): the value its defining rule computes from the totals.
      cell.value = total;
    }
  });
  const counted = sheet.getCell(totalRow, statusColumn);
  counted.value = `计入 ${totals.included.length} 个单位`;
  styleBody(counted);
  // The explanation goes under the table, where it has the full width to itself.
  sheet.mergeCells(totalRow + 1, 1, totalRow + 1, statusColumn);
  const note = sheet.getCell(totalRow + 1, 1);
  note.value =
    totals.excluded.length > 0
      ? `注：合计为统计表无错误的 ${totals.included.length} 个单位的数据之和；数据有误、未计入合计的单位：${totals.excluded.join('、')}（该行灰色为可读出的数据，红色为填写有误之处${sendUp ? '' : '，详见「问题清单」'}）。`
      : `注：合计为 ${totals.included.length} 个单位的数据之和。`;
  note.font = { name: FONT, size: 10 };
  note.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  sheet.getRow(totalRow + 1).height = 30;
}

/**
 * The columns' widths, which print the sheet on A4 landscape at about 90 %: headers wrap between
 * words' characters only where a CJK line may break; 涉密/非涉密 need 3 characters. Returns them,
 * from column 1, for the rows' heights: rows whose text wraps (备注) get the height it needs, since
 * LibreOffice and WPS print the default height.
 */
export function fitColumnWidths(sheet: Worksheet, result: MergeResult, frame: Frame): number[] {
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = Math.min(24, Math.max(12, ...result.units.map((unit) => displayWidth(unit.unit) + 2)));
  frame.table.columns.forEach((definition, offset) => {
    sheet.getColumn(3 + offset).width = columnWidth(definition);
  });
  sheet.getColumn(frame.statusColumn).width = 14;
  return Array.from({ length: frame.statusColumn }, (_, index) => sheet.getColumn(index + 1).width ?? 10);
}

/** A data row's height: what its wrapped text needs, at least 20 points. */
export const dataRowHeight = (values: readonly unknown[], widths: readonly number[]): number => Math.max(20, rowHeight(values, widths));

/** A table's data row with the height its cells need. */
export const measuredRow = (cells: DeferredCell[], widths: readonly number[]) => ({
  cells,
  height: dataRowHeight(
    cells.map((cell) => cell.value),
    widths,
  ),
});

export function buildRowTableSheet(
  workbook: Workbook,
  campaign: Campaign,
  table: TableDef,
  result: MergeResult,
  sendUp: boolean,
  deferred?: SharedRows,
): void {
  const sheet = addTableSheet(workbook, table);
  const statusColumn = 3 + table.columns.length;
  const headerTop = writeTitle(sheet, campaign, table, result, statusColumn);
  const firstData = headerTop + 2;
  const frame: Frame = {
    table,
    statusColumn,
    headerTop,
    headerBottom: headerTop + 1,
    firstData,
    lastData: firstData + result.units.length - 1,
  };
  writeHeader(sheet, frame);
  const widths = fitColumnWidths(sheet, result, frame);
  // Thousands of units: their rows as XML into the package (deferred-rows.ts) when the workbook defers rows.
  const row = (index: number) => measuredRow(unitCells(result.units[index]!, index, frame), widths);
  // The key names the sheet kind too: a list table's rows are shared under its bare key.
  putRows(workbook, sheet, { first: frame.firstData, count: result.units.length, row }, `row-table:${table.key}`, deferred);
  writeTotals(sheet, result, result.tables[table.key]!, frame, sendUp);
  keepHeaderInView(sheet, frame);
}
