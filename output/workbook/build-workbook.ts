/**
 * The district workbook, built from the merge result: the 附件2 layout (title, two-row merged
 * header, one row per roster unit, a 合计 row of SUM formulas with cached results) and the sheets
 * 报送情况, 问题清单, 来信记录. A pure builder: data in, an exceljs Workbook out, no I/O.
 */
import type ExcelJSNamespace from 'exceljs';
import type { Borders, Cell, Workbook, Worksheet } from 'exceljs';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { describeProblem, SEVERITY_LABEL, shortId } from '../../intake/kernel/problems.js';
import { displayWidth } from '../../intake/kernel/text/display-width.js';
import { formatBeijing, formatChineseDate } from '../../intake/kernel/time.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { MESSAGE_OUTCOME_LABEL, RECEIVED_SOURCE_LABEL, UNIT_STATUS_LABEL } from '../../pipeline/merge/merge-result.js';
import { cellText } from './cell-text.js';

type ExcelJS = typeof ExcelJSNamespace;

const FONT = '宋体';
const THIN: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;

type Align = 'left' | 'center' | 'right';

/**
 * Cell styles are shared objects, never built per cell: exceljs recognises a style object it
 * has seen (a WeakMap) and skips re-deriving it, which for tens of thousands of cells is most
 * of the cost of writing the workbook. So a style is chosen here, never mutated on a cell.
 */
const STYLES = (() => {
  const body = (horizontal: Align, font: Partial<ExcelJSNamespace.Font> = {}): Partial<ExcelJSNamespace.Style> => ({
    font: { name: FONT, size: 10, ...font },
    alignment: { horizontal, vertical: 'middle', wrapText: true },
    border: THIN,
  });
  return {
    header: {
      font: { name: FONT, size: 10, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: THIN,
      fill: HEADER_FILL,
    } as Partial<ExcelJSNamespace.Style>,
    body: { left: body('left'), center: body('center'), right: body('right') } as Record<Align, Partial<ExcelJSNamespace.Style>>,
    bold: body('center', { bold: true }),
    alert: body('center', { color: { argb: 'FFC00000' } }),
    /** Values of a table with errors: shown, greyed, not in the totals. */
    excluded: body('center', { italic: true, color: { argb: 'FF7F7F7F' } }),
    /** Text from mail that a spreadsheet could take for a formula: kept as text (quotePrefix, see write-workbook.ts). */
    literal: { ...body('left'), numFmt: '@' } as Partial<ExcelJSNamespace.Style>,
    time: { ...body('center'), numFmt: 'yyyy-mm-dd hh:mm' } as Partial<ExcelJSNamespace.Style>,
  };
})();

function styleHeader(cell: Cell): void {
  cell.style = STYLES.header;
}

function styleBody(cell: Cell, align: Align = 'center'): void {
  cell.style = STYLES.body[align];
}

/** Every cell of a merged range gets the border, or Excel draws it only round the master. */
function mergeWithBorder(sheet: Worksheet, top: number, left: number, bottom: number, right: number, style: (cell: Cell) => void): void {
  if (bottom > top || right > left) sheet.mergeCells(top, left, bottom, right);
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) style(sheet.getCell(r, c));
}

const text = (value: string | null | undefined): string => cellText(value ?? '');

/** Text a spreadsheet program would read as a formula when the cell is edited or exported. */
const looksLikeFormula = (value: string) => /^[=+\-@]/.test(value.trimStart());

/** Status text of a unit whose table has errors; the 合计 formulas leave such rows out by it. */
const EXCLUDED_STATUS = `${UNIT_STATUS_LABEL.invalid}（未计入合计）`;

/**
 * An instant as an Excel date-time showing Beijing wall-clock time: Excel dates carry no zone,
 * and exceljs writes a Date as its UTC reading.
 */
const beijingDate = (iso: string): Date => new Date(Date.parse(iso) + 8 * 3_600_000);

export interface WorkbookOptions {
  /** The workbook to send up: the statistics sheet only (no addresses, paths or problem list). */
  sendUp?: boolean;
}
function buildStatisticsSheet(workbook: Workbook, campaign: Campaign, result: MergeResult, sendUp: boolean): void {
  const table = campaign.file.table;
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const statusColumn = 3 + campaign.columns.length;
  const lastColumn = statusColumn;
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
  row++;

  // Two-row header: ungrouped columns span both rows; a group spans its sub-columns.
  const headerTop = row;
  const headerBottom = row + 1;
  mergeWithBorder(sheet, headerTop, 1, headerBottom, 1, styleHeader);
  sheet.getCell(headerTop, 1).value = '序号';
  mergeWithBorder(sheet, headerTop, 2, headerBottom, 2, styleHeader);
  sheet.getCell(headerTop, 2).value = table.unitField;
  let column = 3;
  for (const entry of table.columns) {
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
      mergeWithBorder(sheet, headerTop, column, headerBottom, column, styleHeader);
      sheet.getCell(headerTop, column).value = entry.label;
      column++;
    }
  }
  mergeWithBorder(sheet, headerTop, statusColumn, headerBottom, statusColumn, styleHeader);
  sheet.getCell(headerTop, statusColumn).value = '报送情况';
  sheet.getRow(headerTop).height = 68;
  sheet.getRow(headerBottom).height = 20;

  const firstData = headerBottom + 1;
  result.units.forEach((unit, index) => {
    const r = firstData + index;
    const cells = sheet.getRow(r);
    cells.getCell(1).value = index + 1;
    cells.getCell(2).value = text(unit.unit);
    // A table with errors still shows what could be read, greyed, and the wrong cells as written, in red.
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
    const status = cells.getCell(statusColumn);
    const label = UNIT_STATUS_LABEL[unit.status];
    status.value = excluded ? EXCLUDED_STATUS : unit.late && unit.status !== 'late' ? `${label}（逾期）` : label;
    styleBody(cells.getCell(1));
    styleBody(cells.getCell(2), 'left');
    status.style = unit.status === 'onTime' ? STYLES.body.center : STYLES.alert;
  });

  const lastData = firstData + result.units.length - 1;
  const totalRow = lastData + 1;
  mergeWithBorder(sheet, totalRow, 1, totalRow, 2, (cell) => (cell.style = STYLES.bold));
  sheet.getCell(totalRow, 1).value = '合计';
  campaign.columns.forEach((definition, offset) => {
    const cell = sheet.getCell(totalRow, 3 + offset);
    if (definition.type === 'count') {
      const letter = sheet.getColumn(3 + offset).letter;
      const statusLetter = sheet.getColumn(statusColumn).letter;
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
  sheet.mergeCells(totalRow + 1, 1, totalRow + 1, lastColumn);
  const note = sheet.getCell(totalRow + 1, 1);
  note.value =
    result.totalsExcluded.length > 0
      ? `注：合计为统计表无错误的 ${result.totalsIncluded.length} 个单位的数据之和；数据有误、未计入合计的单位：${result.totalsExcluded.join('、')}（该行灰色为可读出的数据，红色为填写有误之处${sendUp ? '' : '，详见「问题清单」'}）。`
      : `注：合计为 ${result.totalsIncluded.length} 个单位的数据之和。`;
  note.font = { name: FONT, size: 10 };
  note.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  sheet.getRow(totalRow + 1).height = 30;

  sheet.getColumn(1).width = 6;
  // Widths that print the sheet on A4 landscape at about 90 %: headers wrap between words' characters
  // only where a CJK line may break; 涉密/非涉密 need 3 characters.
  sheet.getColumn(2).width = Math.min(24, Math.max(12, ...result.units.map((unit) => displayWidth(unit.unit) + 2)));
  campaign.columns.forEach((definition, offset) => {
    sheet.getColumn(3 + offset).width = definition.type === 'text' ? 16 : definition.subHeaderTexts ? 7.5 : 9;
  });
  sheet.getColumn(statusColumn).width = 14;
  // Rows whose text wraps (备注) get the height it needs: LibreOffice and WPS print the default height.
  const widths = Array.from({ length: lastColumn }, (_, index) => sheet.getColumn(index + 1).width ?? 10);
  for (let r = firstData; r <= lastData; r++) {
    const values = widths.map((_, index) => sheet.getCell(r, index + 1).value);
    sheet.getRow(r).height = Math.max(20, rowHeight(values, widths));
  }
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: headerBottom }];
  sheet.pageSetup.printTitlesRow = `${headerTop}:${headerBottom}`;
}

interface ColumnSpec {
  header: string;
  width: number;
}

/** Points per line of 10 pt 宋体 in a wrapped cell, and the cell's padding. */
const LINE_HEIGHT = 13.5;

/**
 * The height a row needs for its wrapped text. Excel grows rows by itself when it opens a file;
 * LibreOffice and WPS print the default height and cut the text, so the height is written.
 */
export function rowHeight(values: readonly unknown[], widths: readonly number[]): number {
  let lines = 1;
  values.forEach((value, index) => {
    if (typeof value !== 'string' || value === '') return;
    const usable = Math.max(1, (widths[index] ?? 10) - 1);
    const needed = value.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(displayWidth(part) / usable)), 0);
    lines = Math.max(lines, needed);
  });
  return Math.min(409, lines * LINE_HEIGHT + 3);
}

function listSheet(
  workbook: Workbook,
  name: string,
  columns: readonly ColumnSpec[],
  rows: readonly (readonly (string | number | Date | null)[])[],
): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `${name}　第 &P 页，共 &N 页` },
  });
  const widths = columns.map((spec) => spec.width);
  columns.forEach((spec, index) => {
    const cell = sheet.getCell(1, index + 1);
    cell.value = spec.header;
    styleHeader(cell);
    sheet.getColumn(index + 1).width = spec.width;
  });
  rows.forEach((values, r) => {
    values.forEach((value, c) => {
      const cell = sheet.getCell(r + 2, c + 1);
      if (value instanceof Date) {
        cell.value = value;
        cell.style = STYLES.time;
        return;
      }
      cell.value = typeof value === 'string' ? cellText(value) : value;
      if (typeof value === 'string' && looksLikeFormula(value)) cell.style = STYLES.literal;
      else styleBody(cell, typeof value === 'number' ? 'center' : 'left');
    });
    sheet.getRow(r + 2).height = rowHeight(values, widths);
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // The header row on every printed page.
  sheet.pageSetup.printTitlesRow = '1:1';
  if (rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  return sheet;
}

/** A receive time as a real Excel date-time (Beijing), blank when unknown. */
const when = (iso: string | null): Date | null => (iso && Number.isFinite(Date.parse(iso)) ? beijingDate(iso) : null);

export function buildWorkbook(excel: ExcelJS, campaign: Campaign, result: MergeResult, options: WorkbookOptions = {}): Workbook {
  const workbook = new excel.Workbook();
  workbook.creator = 'huizong';
  // Fixed metadata keeps repeated merges of the same mail identical.
  const stamp = result.asOf ? new Date(result.asOf) : new Date(campaign.deadlineMs);
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.title = `${campaign.file.title}汇总表`;

  buildStatisticsSheet(workbook, campaign, result, options.sendUp === true);
  if (options.sendUp) return workbook;

  listSheet(
    workbook,
    '报送情况',
    [
      { header: '序号', width: 6 },
      { header: '单位', width: 18 },
      { header: '报送情况', width: 12 },
      { header: '是否逾期', width: 9 },
      { header: '首次报送时间', width: 17 },
      { header: '最近报送时间', width: 17 },
      { header: '发件人', width: 22 },
      { header: '邮件标题', width: 24 },
      { header: '附件', width: 26 },
      { header: '采用的统计表', width: 20 },
      { header: '书面报告', width: 20 },
      { header: '错误', width: 6 },
      { header: '提示', width: 6 },
    ],
    result.units.map((unit, index) => [
      index + 1,
      unit.unit,
      UNIT_STATUS_LABEL[unit.status],
      unit.late ? '是' : unit.firstReceivedAt ? '否' : '',
      when(unit.firstReceivedAt),
      when(unit.receivedAt),
      unit.sender ?? '',
      unit.subject ?? '',
      unit.files.join('\n'),
      unit.tableFile ?? '',
      unit.report?.file ?? '',
      unit.problems.filter((item) => item.severity === 'error').length,
      unit.problems.filter((item) => item.severity === 'warning').length,
    ]),
  );

  listSheet(
    workbook,
    '问题清单',
    [
      { header: '序号', width: 6 },
      { header: '级别', width: 6 },
      { header: '单位', width: 16 },
      { header: '来信编号', width: 14 },
      { header: '文件', width: 26 },
      { header: '位置', width: 12 },
      { header: '栏目', width: 24 },
      { header: '发现', width: 14 },
      { header: '应为', width: 16 },
      { header: '说明', width: 50 },
    ],
    result.problems.map((item, index) => [
      index + 1,
      SEVERITY_LABEL[item.severity],
      item.unit ?? '（待核实）',
      item.messageId ?? '',
      item.file ?? '',
      item.location ?? '',
      item.field ?? '',
      item.found ?? '',
      item.expected ?? '',
      describeProblem(item),
    ]),
  );

  listSheet(
    workbook,
    '来信记录',
    [
      { header: '来信编号', width: 14 },
      { header: '接收时间', width: 17 },
      { header: '时间依据', width: 20 },
      { header: '发件人', width: 22 },
      { header: '邮件标题', width: 24 },
      { header: '附件', width: 26 },
      { header: '处理结果', width: 10 },
      { header: '归属单位', width: 16 },
      { header: '识别依据', width: 40 },
      { header: '来源', width: 22 },
    ],
    result.messages.map((message) => [
      shortId(message.id),
      when(message.receivedAt),
      RECEIVED_SOURCE_LABEL[message.receivedSource],
      message.from,
      message.subject,
      message.files.join('\n'),
      MESSAGE_OUTCOME_LABEL[message.outcome],
      message.unit ?? '',
      message.basis,
      message.origin,
    ]),
  );
  buildReportSheet(workbook, campaign, result);
  return workbook;
}

/** 报告分析: per unit, what its written report covers; a flag for the clerk, never a verdict. */
function buildReportSheet(workbook: Workbook, campaign: Campaign, result: MergeResult): void {
  const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? '是' : '否');
  listSheet(
    workbook,
    '报告分析',
    [
      { header: '序号', width: 6 },
      { header: '单位', width: 18 },
      { header: '书面报告', width: 28 },
      { header: '字数', width: 8 },
      ...campaign.checklist.map((area) => ({ header: area.title, width: 14 })),
      { header: '提及问题', width: 9 },
      { header: '提及整改', width: 9 },
      { header: '扫描件', width: 8 },
      { header: '请关注', width: 50 },
    ],
    result.units.map((unit, index) => {
      const analysis = unit.report?.analysis;
      const readable = analysis !== undefined && analysis.chars !== null;
      return [
        index + 1,
        unit.unit,
        unit.report?.file ?? '（未收到）',
        analysis?.chars ?? null,
        ...campaign.checklist.map((area) => (readable ? yesNo(analysis.areas[area.key]) : '')),
        readable ? yesNo(analysis.mentionsProblems) : '',
        readable ? yesNo(analysis.mentionsRectification) : '',
        analysis ? yesNo(analysis.scanned) : '',
        analysis?.flags.join('；') ?? '',
      ];
    }),
  );
}
