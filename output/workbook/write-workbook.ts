/**
 * Writes the district workbooks atomically (the clerk may have the previous one open): the
 * working workbook with every sheet, and the one to send up with the statistics sheet only.
 */
import { join } from 'node:path';
import { strFromU8, strToU8 } from 'fflate';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { loadExcelJs } from '../../intake/kernel/load-exceljs.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { buildWorkbook, type WorkbookOptions } from './build-workbook.js';
import type { SharedRows } from './deferred-rows.js';
import { type PartsEdit, xlsxBuffer } from './xlsx-buffer.js';

export function workbookFileName(campaign: Pick<Campaign, 'file'>): string {
  return `${campaign.file.title}汇总表.xlsx`;
}

/** The workbook to send up: the statistics sheet only, nothing internal. */
export function sendUpWorkbookFileName(campaign: Pick<Campaign, 'file'>): string {
  return `${campaign.file.title}汇总表（上报）.xlsx`;
}

/**
 * exceljs has no quotePrefix: the cell styles with the text format (@, numFmtId 49) that the
 * builder gives text looking like a formula get it here, so Excel, WPS and LibreOffice keep
 * such text as text when the cell is edited or the sheet exported.
 */
export const addQuotePrefix: PartsEdit = (parts) => {
  const styles = parts['xl/styles.xml'];
  if (!styles) return;
  parts['xl/styles.xml'] = strToU8(
    strFromU8(styles).replace(/<xf ([^>]*numFmtId="49"[^>]*?)(\/?)>/g, (whole, attributes: string, close: string) =>
      attributes.includes('quotePrefix') ? whole : `<xf ${attributes} quotePrefix="1"${close}>`,
    ),
  );
};

async function write(path: string, campaign: Campaign, result: MergeResult, options: WorkbookOptions): Promise<string> {
  const excel = await loadExcelJs();
  const workbook = buildWorkbook(excel, campaign, result, options);
  const stamp = new Date(result.asOf ?? campaign.deadlineMs);
  await writeFileAtomic(path, await xlsxBuffer(workbook, stamp, addQuotePrefix));
  return path;
}

/**
 * The working workbook and the one to send up. Their tables' data rows are the same: they are
 * rendered once, for the first, and reused by the second (deferred-rows.ts).
 */
export async function writeWorkbooks(
  outDir: string,
  campaign: Campaign,
  result: MergeResult,
): Promise<{ workbook: string; sendUp: string }> {
  const shared: SharedRows = new Map();
  const workbook = await write(join(outDir, workbookFileName(campaign)), campaign, result, { deferRows: shared });
  const sendUp = await write(join(outDir, sendUpWorkbookFileName(campaign)), campaign, result, { sendUp: true, deferRows: shared });
  return { workbook, sendUp };
}
