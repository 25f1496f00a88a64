/**
 * The district workbook, built from the merge result: the statistics sheet in the 附件2 layout
 * (statistics-sheet.ts) and the list sheets 报送情况, 问题清单, 来信记录, 报告分析 (list-sheets.ts).
 * A pure builder: data in, an exceljs Workbook out, no I/O.
 */
import type ExcelJSNamespace from 'exceljs';
import type { Workbook } from 'exceljs';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { messageSheet, problemSheet, reportSheet, statusSheet } from './list-sheets.js';
import { buildStatisticsSheet } from './statistics-sheet.js';

export { rowHeight } from './list-sheet.js';

export interface WorkbookOptions {
  /** The workbook to send up: the statistics sheet only (no addresses, paths or problem list). */
  sendUp?: boolean;
}

export function buildWorkbook(
  excel: typeof ExcelJSNamespace,
  campaign: Campaign,
  result: MergeResult,
  options: WorkbookOptions = {},
): Workbook {
  const workbook = new excel.Workbook();
  workbook.creator = 'huizong';
  // Fixed metadata keeps repeated merges of the same mail identical.
  const stamp = result.asOf ? new Date(result.asOf) : new Date(campaign.deadlineMs);
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.title = `${campaign.file.title}汇总表`;

  buildStatisticsSheet(workbook, campaign, result, options.sendUp === true);
  if (options.sendUp) return workbook;
  statusSheet(workbook, result);
  problemSheet(workbook, result);
  messageSheet(workbook, result);
  reportSheet(workbook, campaign, result);
  return workbook;
}
