/**
 * The roster for a new campaign: the office's own 名单 (.xlsx / .xls / .et / .csv, columns 单位名称 /
 * 别名 / 邮箱 in any order, under a title row, named as offices name them: 电子邮箱, 简称), or the
 * roster of an earlier campaign folder. Mistakes are values in Chinese, with the sheet's row.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadRoster } from '../../intake/kernel/campaign/load-campaign.js';
import { parseRosterCsv, type RosterParseResult, rosterFromRows } from '../../intake/kernel/campaign/roster.js';
import { isHuizongError } from '../../intake/kernel/errors.js';
import { loadExcelJs } from '../../intake/kernel/load-exceljs.js';
import { decodeText } from '../../intake/kernel/text/decode-text.js';
import { convertBatch } from '../convert/convert-batch.js';
import { cellContent } from '../extract/cell-value.js';
import { sniffKind } from '../extract/sniff.js';

export interface RosterRead extends RosterParseResult {
  /** What it was read from, as the clerk names it: "名单.xlsx", "上一次活动 2013年专项检查/roster.csv". */
  from: string;
}

/** The first sheet's rows as text. */
async function workbookRows(content: Buffer): Promise<string[][]> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((candidate) => candidate.state !== 'hidden' && candidate.state !== 'veryHidden');
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellContent(row.getCell(column).value).text.trim());
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** An office's 名单 file, by its content (an .xls saved as .xlsx is read all the same). */
export async function rosterFromFile(name: string, content: Buffer): Promise<RosterRead> {
  const kind = sniffKind(content, name);
  const failed = (message: string): RosterRead => ({ units: [], issues: [{ row: 1, message }], from: name });
  try {
    if (kind === 'xlsx') return { ...rosterFromRows(await workbookRows(content), { lenient: true }), from: name };
    if (kind === 'xls' || kind === 'ods') {
      const outcome = (await convertBatch([{ key: 'roster', source: kind, content }])).outcomes.get('roster');
      if (outcome?.status !== 'converted') return failed('无法读取这个旧版 Excel/WPS 名单（需要 LibreOffice），请另存为 .xlsx 或 .csv');
      return { ...rosterFromRows(await workbookRows(outcome.content), { lenient: true }), from: name };
    }
    if (kind === 'txt' || /\.(csv|txt)$/iu.test(name))
      return { ...parseRosterCsv(decodeText(content).text, { lenient: true }), from: name };
  } catch (error) {
    return failed(`名单文件无法打开：${(error as Error).message.slice(0, 120)}`);
  }
  return failed('名单应为 Excel（.xlsx、.xls）或 CSV 文件');
}

/** A file, or an earlier campaign's folder (its roster.csv or roster.xlsx). */
export async function readRosterSource(path: string): Promise<RosterRead> {
  if (!existsSync(path)) return { units: [], issues: [{ row: 1, message: `找不到 ${path}` }], from: path };
  if (statSync(path).isDirectory()) {
    try {
      return { ...(await loadRoster(path)), from: `活动文件夹 ${path} 中的单位名单` };
    } catch (error) {
      if (!isHuizongError(error)) throw error;
      return { units: [], issues: error.details.map((message) => ({ row: 1, message })), from: path };
    }
  }
  return rosterFromFile(basename(path), await readFile(path));
}
