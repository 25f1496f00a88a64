/** Writes the district workbook atomically (the clerk may have the previous one open). */
import { join } from 'node:path';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { loadExcelJs } from '../../pipeline/extract/xlsx-grid.js';
import type { MergeResult } from '../../pipeline/merge/merge-result.js';
import { buildWorkbook } from './build-workbook.js';
import { xlsxBuffer } from './xlsx-buffer.js';

export function workbookFileName(campaign: Campaign): string {
  return `${campaign.file.title}汇总表.xlsx`;
}

export async function writeWorkbook(outDir: string, campaign: Campaign, result: MergeResult): Promise<string> {
  const excel = await loadExcelJs();
  const workbook = buildWorkbook(excel, campaign, result);
  const buffer = await xlsxBuffer(workbook, new Date(result.asOf ?? campaign.deadlineMs));
  const path = join(outDir, workbookFileName(campaign));
  await writeFileAtomic(path, buffer);
  return path;
}
