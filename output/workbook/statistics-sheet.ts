/**
 * The statistics sheet in the 附件2 layout: title, the 填报单位/填报日期 line, the two-row merged
 * header, one row per roster unit, a 合计 row of SUMIF formulas with cached results, and a note
 * under the table on what the totals leave out. Printed on A4 landscape, the header frozen and
 * repeated on every page.
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { displayWidth } from '../../intake/kernel/text/display-width.js';
import { formatBeijing, formatChineseDate } from '../../intake/kernel/time.js';
import type { MergeResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { UNIT_STATUS_LABEL } from '../../pipeline/merge/merge-result.js';
import { rowHeight } from './list-sheet.js';
import { landscapePageSetup, pageNumberFooter } from './print-setup.js';
import { FONT, looksLikeFormula, mergeWithBorder, STYLES, styleBody, styleHeader, text } from './sheet-styles.js';

/** Status text of a unit whose table has errors; the 合计 formulas leave such rows out by it. */
const EXCLUDED_STATUS = `${UNIT_STATUS_LABEL.invalid}（未计入合计）`;

/** Where the parts of the sheet are, by row and column number. */
interface Frame {
  statusColumn: number;
  headerTop: number;
  headerBottom: number;
  firstData: number;
  lastData: number;
}

/** 附件2 label, title and the 填报单位 / 填报日期 line; returns the row after them. */
function writeTitle(sheet: Worksheet, campaign: Campaign, result: MergeResult, lastColumn: number): number {
  const table = campaign.file.table;
  let row = 1;
  if (table.attachmentLabel) {
    const cell = sheet.getCell(row, 1);
    cell.value = table.attachmentLabel;
    cell.font = { name: '黑体', size: 12 };
    row++;
  }
  sheet.mergeCells(row, 1, row, lastColumn);
  const title = sheet.getCell(row, 1);
  title.value = `${campaign.file.title}${table.name}（汇总）`;
  title.font = { name: '方正小标宋简体', size: 18 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(row).height = 36;
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
  asOf.alignment = { horizontal: 'right' };
  return row + 1;
}

/** Two-row header: ungrouped columns span both rows; a group spans its sub-columns. */
function writeHeader(sheet: Worksheet, campaign: Campaign, frame: Frame): void {
  const { headerTop, headerBottom, statusColumn } = frame;
  const spanBoth = (column: number, value: string) => {
    mergeWithBorder(sheet, headerTop, column, headerBottom, column, styleHeader);
    sheet.getCell(headerTop, column).value = value;
  };
  spanBoth(1, '序号');
  spanBoth(2, campaign.file.table.unitField);
  let column = 3;
  for (const entry of campaign.file.table.columns) {
    if ('group' in entry) {
      const end = column + entry.columns.length - 1;
      mergeWithBorder(sheet, headerTop, column, headerTop, end, styleHeader);
      sheet.getCell(headerTop, column).value = entry.group;
      entry.columns.forEach((sub, index) => {
        const cell = sheet.getCell(headerBottom, column + index);
        cell.value = sub.label;
        styleHeader(cell);
      });
      column = end + 1;
    } else {
      spanBoth(column, entry.label);
      column++;
    }
  }
  spanBoth(statusColumn, '报送情况');
  sheet.getRow(headerTop).height = 68;
  sheet.getRow(headerBottom).height = 20;
}

/** One unit's row. A table with errors still shows what could be read, greyed, and the wrong cells as written, in red. */
function writeUnit(sheet: Worksheet, campaign: Campaign, unit: UnitResult, index: number, frame: Frame): void {
  const cells = sheet.getRow(frame.firstData + index);
  cells.getCell(1).value = index + 1;
  cells.getCell(2).value = text(unit.unit);
  const excluded = unit.tableFile !== null && !unit.countedInTotals;
  campaign.columns.forEach((definition, offset) => {
    const cell = cells.getCell(3 + offset);
    const value = unit.values?.[definition.key];
    const wrong =
      excluded && (value === null || value === undefined)
        ? unit.problems.find((item) => item.severity === 'error' && item.field === definition.displayName && item.found !== undefined)
        : undefined;
    cell.value = typeof value === 'number' ? value : typeof value === 'string' ? text(value) : wrong ? text(wrong.found) : null;
    if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) cell.style = STYLES.literal;
    else if (wrong) cell.style = STYLES.alert;
    else if (excluded) cell.style = STYLES.excluded;
    else styleBody(cell, definition.type === 'text' ? 'left' : 'center');
  });
  const status = cells.getCell(frame.statusColumn);
  const label = UNIT_STATUS_LABEL[unit.status];
  status.value = excluded ? EXCLUDED_STATUS : unit.late && unit.status !== 'late' ? `${label}（逾期）` : label;
  styleBody(cells.getCell(1));
  styleBody(cells.getCell(2), 'left');
  status.style = unit.status === 'onTime' ? STYLES.body.center : STYLES.alert;
}

/** The 合计 row and the note under it. */
function writeTotals(sheet: Worksheet, campaign: Campaign, result: MergeResult, frame: Frame, sendUp: boolean): void {
  const { firstData, lastData, statusColumn } = frame;
  const totalRow = lastData + 1;
  mergeWithBorder(sheet, totalRow, 1, totalRow, 2, (cell) => (cell.style = STYLES.bold));
  sheet.getCell(totalRow, 1).value = '合计';
  const statusLetter = sheet.getColumn(statusColumn).letter;
  campaign.columns.forEach((definition, offset) => {
    const cell = sheet.getCell(totalRow, 3 + offset);
    if (definition.type === 'count') {
      const letter = sheet.getColumn(3 + offset).letter;
      // A formula, so the clerk's later hand edits add up (rows of tables with errors left out); its result cached for previewers.
      cell.value =
        result.units.length > 0
          ? {
              formula: `SUMIF($${statusLetter}$${firstData}:$${statusLetter}$${lastData},"<>${EXCLUDED_STATUS}",${letter}${firstData}:${letter}${lastData})`,
              result: result.totals[definition.key] ?? 0,
            }
          : 0;
    }
    cell.style = STYLES.bold;
  });
  const counted = sheet.getCell(totalRow, statusColumn);
  counted.value = `计入 ${result.totalsIncluded.length} 个单位`;
  styleBody(counted);
  // The explanation goes under the table, where it has the full width to itself.
  sheet.mergeCells(totalRow + 1, 1, totalRow + 1, statusColumn);
  const note = sheet.getCell(totalRow + 1, 1);
  note.value =
    result.totalsExcluded.length > 0
      ? `注：合计为统计表无错误的 ${result.totalsIncluded.length} 个单位的数据之和；数据有误、未计入合计的单位：${result.totalsExcluded.join('、')}（该行灰色为可读出的数据，红色为填写有误之处${sendUp ? '' : '，详见「问题清单」'}）。`
      : `注：合计为 ${result.totalsIncluded.length} 个单位的数据之和。`;
  note.font = { name: FONT, size: 10 };
  note.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  sheet.getRow(totalRow + 1).height = 30;
}

/**
 * Widths that print the sheet on A4 landscape at about 90 %: headers wrap between words'
 * characters only where a CJK line may break; 涉密/非涉密 need 3 characters. Rows whose text wraps
 * (备注) get the height it needs: LibreOffice and WPS print the default height.
 */
function fitColumns(sheet: Worksheet, campaign: Campaign, result: MergeResult, frame: Frame): void {
  sheet.getColumn(1).width = 6;
  sheet.getColumn(2).width = Math.min(24, Math.max(12, ...result.units.map((unit) => displayWidth(unit.unit) + 2)));
  campaign.columns.forEach((definition, offset) => {
    sheet.getColumn(3 + offset).width = definition.type === 'text' ? 16 : definition.subHeaderTexts ? 7.5 : 9;
  });
  sheet.getColumn(frame.statusColumn).width = 14;
  const widths = Array.from({ length: frame.statusColumn }, (_, index) => sheet.getColumn(index + 1).width ?? 10);
  for (let r = frame.firstData; r <= frame.lastData; r++) {
    const values = widths.map((_, index) => sheet.getCell(r, index + 1).value);
    sheet.getRow(r).height = Math.max(20, rowHeight(values, widths));
  }
}

export function buildStatisticsSheet(workbook: Workbook, campaign: Campaign, result: MergeResult, sendUp: boolean): void {
  const table = campaign.file.table;
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), {
    pageSetup: landscapePageSetup({ horizontalCentered: true }),
    headerFooter: pageNumberFooter(),
  });
  const statusColumn = 3 + campaign.columns.length;
  const headerTop = writeTitle(sheet, campaign, result, statusColumn);
  const firstData = headerTop + 2;
  const frame: Frame = { statusColumn, headerTop, headerBottom: headerTop + 1, firstData, lastData: firstData + result.units.length - 1 };
  writeHeader(sheet, campaign, frame);
  result.units.forEach((unit, index) => {
    writeUnit(sheet, campaign, unit, index, frame);
  });
  writeTotals(sheet, campaign, result, frame, sendUp);
  fitColumns(sheet, campaign, result, frame);
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: frame.headerBottom }];
  sheet.pageSetup.printTitlesRow = `${frame.headerTop}:${frame.headerBottom}`;
}
