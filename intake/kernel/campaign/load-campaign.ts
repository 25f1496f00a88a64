/**
 * Reads and validates a campaign folder: campaign.yaml and the roster (roster.csv, or
 * roster.xlsx when the clerk keeps it in Excel). Every mistake becomes one Chinese line naming
 * the file, the line and the key; together they form one CONFIG error (exit code 2).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HuizongError } from '../errors.js';
import { decodeText } from '../text/decode-text.js';
import { buildCampaign, type Campaign } from './campaign.js';
import { type CampaignFile, campaignSchema } from './campaign-schema.js';
import { parseRosterCsv, type RosterParseResult, rosterFromRows } from './roster.js';
import { issueLines } from './yaml-issues.js';
import { parseYamlWithLines } from './yaml-with-lines.js';

export const CAMPAIGN_FILE = 'campaign.yaml';
export const ROSTER_CSV = 'roster.csv';
export const ROSTER_XLSX = 'roster.xlsx';

export async function loadCampaign(dir: string, options: { bundled?: boolean } = {}): Promise<Campaign> {
  const absolute = resolve(dir);
  const file = await loadCampaignFile(absolute);
  const roster = await loadRoster(absolute);
  return buildCampaign(absolute, file, roster.units, options.bundled ?? false);
}

export async function loadCampaignFile(dir: string): Promise<CampaignFile> {
  const path = join(dir, CAMPAIGN_FILE);
  let text: string;
  try {
    text = decodeText(await readFile(path)).text;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message;
    throw new HuizongError('CONFIG', `无法读取活动配置 ${path}：${reason}`, {
      details: ['可用 `npx huizong init <文件夹>` 生成一个新的活动文件夹'],
    });
  }
  return parseCampaignText(text);
}

/**
 * campaign.yaml's text validated: the campaign, or a CONFIG error with one Chinese line per
 * mistake (line, key, what to write). `check`, the loader and the console's 活动设置 say the same.
 */
export function parseCampaignText(text: string): CampaignFile {
  const yaml = parseYamlWithLines(CAMPAIGN_FILE, text);
  // reportInput: without it zod leaves `input` out, and a wrong type reads as a missing key.
  const result = campaignSchema.safeParse(yaml.data, { reportInput: true });
  if (!result.success) {
    const details = issueLines(CAMPAIGN_FILE, yaml, result.error.issues);
    throw new HuizongError('CONFIG', `${CAMPAIGN_FILE} 有 ${details.length} 处错误`, { details });
  }
  return result.data;
}

async function readRosterXlsx(path: string): Promise<RosterParseResult> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(row.getCell(column).text.trim());
    rows.push(cells);
  });
  return rosterFromRows(rows);
}

export async function loadRoster(dir: string): Promise<RosterParseResult> {
  const csvPath = join(dir, ROSTER_CSV);
  const xlsxPath = join(dir, ROSTER_XLSX);
  let result: RosterParseResult;
  let fileName: string;
  if (existsSync(csvPath)) {
    fileName = ROSTER_CSV;
    result = parseRosterCsv(decodeText(await readFile(csvPath)).text);
  } else if (existsSync(xlsxPath)) {
    fileName = ROSTER_XLSX;
    try {
      result = await readRosterXlsx(xlsxPath);
    } catch (error) {
      throw new HuizongError('CONFIG', `无法读取单位名单 ${xlsxPath}：${(error as Error).message}`);
    }
  } else {
    throw new HuizongError('CONFIG', `活动文件夹 ${dir} 中没有单位名单`, {
      details: [`请放入 ${ROSTER_CSV}（表头：单位名称,别名,邮箱）或 ${ROSTER_XLSX}`],
    });
  }
  if (result.issues.length > 0) {
    throw new HuizongError('CONFIG', `单位名单 ${fileName} 有 ${result.issues.length} 处错误`, {
      details: result.issues.map((issue) => `${fileName} ${issue.message}`),
    });
  }
  return result;
}
