/**
 * The files the 输出 page offers, each under a fixed key: a download names a key, never a path.
 * The send-up workbook (汇总表（上报）) is listed when the workbook part of the program writes it.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Campaign } from '../../../../intake/kernel/campaign/campaign.js';
import { CIRCULAR, documentFileName, SUMMARY } from '../../../documents/documents.js';
import { workbookFileName } from '../../../workbook/write-workbook.js';

export interface OutputFile {
  key: string;
  label: string;
  name: string;
  path: string;
  /** Bytes and modification time, when the file exists. */
  size: number | null;
  modifiedAt: string | null;
}

export function outputFiles(campaign: Campaign, outDir: string): OutputFile[] {
  const workbook = workbookFileName(campaign);
  const entries = [
    { key: 'workbook', label: '汇总表（工作用）', name: workbook },
    { key: 'sendup', label: '汇总表（上报用）', name: workbook.replace(/\.xlsx$/, '（上报）.xlsx') },
    { key: 'summary', label: '汇总报告', name: documentFileName(campaign, SUMMARY, false) },
    { key: 'circular-final', label: '通报（定稿）', name: documentFileName(campaign, CIRCULAR, false) },
    { key: 'circular-draft', label: '通报（草稿）', name: documentFileName(campaign, CIRCULAR, true) },
  ];
  return entries.map((entry) => {
    const path = join(outDir, entry.name);
    const info = existsSync(path) ? statSync(path) : null;
    return { ...entry, path, size: info ? info.size : null, modifiedAt: info ? info.mtime.toISOString() : null };
  });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
