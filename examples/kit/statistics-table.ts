/**
 * Writes a unit's statistics table (附件2) as an .xlsx the way units fill it in: the notice's
 * layout, with the variations seen in practice (title rows, an extra 序号 column, the table not
 * at A1, unmerged group headers, values typed as text). For demo and test mail.
 */
import ExcelJS from 'exceljs';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';

export type CellInput = number | string | null;

export interface TableSpec {
  unitName: string;
  /** Text after 填报日期：, e.g. "2013年8月15日". */
  date: string;
  values: Record<string, CellInput>;
  /** Extra rows (villages, a 合计 row): each is a label and values. */
  extraRows?: { label: string; values: Record<string, CellInput> }[];
  /** Empty rows and columns before the table. */
  offset?: { rows: number; columns: number };
  /** A 序号 column before the table's first column. */
  serialColumn?: boolean;
  /** Group headers merged across their sub-columns (default) or written once, unmerged. */
  mergeGroups?: boolean;
  /** Header fields in one cell each ("填报区域或单位：庞村镇") or label and value in two cells. */
  fieldsInOneCell?: boolean;
  sheetName?: string;
  /** Another sheet before the table's (e.g. last year's numbers, instructions). */
  leadingSheet?: string;
}

/**
 * A unit's values for the campaign's table from the numbers in column order (the count columns),
 * every text column holding `text`: how demo and test mail say what a unit typed.
 */
export function countValues(campaign: Campaign, counts: readonly CellInput[], text: string | null = null): Record<string, CellInput> {
  return Object.fromEntries(
    campaign.columns.map((column) => [column.key, column.type === 'count' ? (counts[campaign.countColumns.indexOf(column)] ?? 0) : text]),
  );
}

export async function buildStatisticsTable(campaign: Campaign, spec: TableSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'demo';
  workbook.created = new Date('2013-08-15T00:00:00Z');
  workbook.modified = workbook.created;
  if (spec.leadingSheet) workbook.addWorksheet(spec.leadingSheet).getCell('A1').value = '填表说明：请如实填写。';
  const sheet = workbook.addWorksheet(spec.sheetName ?? 'Sheet1');
  const table = campaign.file.table;
  const top = 1 + (spec.offset?.rows ?? 0);
  const left = 1 + (spec.offset?.columns ?? 0);
  const first = left + (spec.serialColumn ? 1 : 0);
  const width = campaign.columns.length;

  sheet.getCell(top, left).value = table.attachmentLabel || null;
  sheet.getCell(top + 1, left).value = table.name;
  sheet.mergeCells(top + 1, left, top + 1, first + width - 1);
  if (spec.fieldsInOneCell ?? true) {
    sheet.getCell(top + 2, left).value = `${table.unitField}：${spec.unitName}`;
    sheet.getCell(top + 3, left).value = `${table.dateField}：${spec.date}`;
  } else {
    sheet.getCell(top + 2, left).value = `${table.unitField}：`;
    sheet.getCell(top + 2, left + 2).value = spec.unitName;
    sheet.getCell(top + 3, left).value = `${table.dateField}：`;
    sheet.getCell(top + 3, left + 2).value = spec.date;
  }
  const headerTop = top + 4;
  if (spec.serialColumn) {
    sheet.getCell(headerTop, left).value = '序号';
    sheet.mergeCells(headerTop, left, headerTop + 1, left);
  }
  let column = first;
  for (const entry of table.columns) {
    if ('group' in entry) {
      sheet.getCell(headerTop, column).value = entry.group;
      if (spec.mergeGroups ?? true) sheet.mergeCells(headerTop, column, headerTop, column + entry.columns.length - 1);
      entry.columns.forEach((sub, index) => {
        sheet.getCell(headerTop + 1, column + index).value = sub.label;
      });
      column += entry.columns.length;
    } else {
      sheet.getCell(headerTop, column).value = entry.label;
      sheet.mergeCells(headerTop, column, headerTop + 1, column);
      column++;
    }
  }
  const writeRow = (r: number, label: string | null, values: Record<string, CellInput>) => {
    if (spec.serialColumn) sheet.getCell(r, left).value = label;
    campaign.columns.forEach((definition, index) => {
      const value = values[definition.key];
      sheet.getCell(r, first + index).value = value === undefined ? null : value;
    });
  };
  writeRow(headerTop + 2, '1', spec.values);
  (spec.extraRows ?? []).forEach((row, index) => {
    writeRow(headerTop + 3 + index, row.label, row.values);
  });
  for (let c = first; c < first + width; c++) sheet.getColumn(c).width = 12;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
