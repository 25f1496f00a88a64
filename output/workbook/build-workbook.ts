/**
 * The district workbook, built from the merge result: a sheet per table of the campaign in its own
 * layout (row-table-sheet.ts for a 统计表, list-table-sheet.ts for a list) and the list sheets 报送情况, 问题清单, 来信记录, 报告分析 (list-sheets.ts; 报告分析 when a report is asked for).
 * A pure builder: data in, an exceljs Workbook out, no I/O.
 */
import type ExcelJSNamespace from 'exceljs';
import type { Workbook } from 'exceljs';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { asksForReport } from '../../intake/kernel/campaign/materials.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { deferListSheetRows, type SharedRows } from './deferred-rows.js';
import { messageSheet, problemSheet, reportSheet, statusSheet } from './list-sheets.js';
import { buildListTableSheet } from './list-table-sheet.js';
import { buildRowTableSheet } from './row-table-sheet.js';

export { rowHeight } from './list-sheet.js';

export interface WorkbookOptions {
  /** The workbook to send up: the tables' sheets only (no addresses, paths or problem list). */
  sendUp?: boolean;
  /**
   * The data rows (a list table's, a 统计表's one row per unit, the list sheets') go to the package writer as
   * XML (deferred-rows.ts, xlsx-buffer.ts) rather than into exceljs cells: the written file is the
   * same, the in-memory workbook lacks them. The map shares them with the other workbook built
   * from the same result (pass the same map).
   */
  deferRows?: SharedRows;
}

export function buildWorkbook(
  excel: typeof ExcelJSNamespace,
  campaign: Campaign,
  result: MergeResult,
  options: WorkbookOptions = {},
): Workbook {
  const workbook = new excel.Workbook();
  if (options.deferRows) deferListSheetRows(workbook, options.deferRows);
  workbook.creator = 'huizong';
  // Fixed metadata keeps repeated merges of the same mail identical.
  const stamp = result.asOf ? new Date(result.asOf) : new Date(campaign.deadlineMs);
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.title = `${campaign.file.title}汇总表`;

  // A sheet per table, in the order of campaign.yaml; the workbook to send up carries them all.
  for (const table of campaign.tables) {
    if (table.kind === 'list') buildListTableSheet(workbook, campaign, table, result, options.sendUp === true, options.deferRows);
    else buildRowTableSheet(workbook, campaign, table, result, options.sendUp === true, options.deferRows);
  }
  if (options.sendUp) return workbook;
  statusSheet(workbook, campaign, result);
  problemSheet(workbook, result);
  messageSheet(workbook, result);
  // 报告分析 only where a report is asked for: otherwise every unit would read 「（未收到）」.
  if (asksForReport(campaign.materials)) reportSheet(workbook, campaign, result);
  return workbook;
}
