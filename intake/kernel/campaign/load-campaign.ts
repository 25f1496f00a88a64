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

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? String(part) : `${text}.${String(part)}`),
    '',
  );
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
  const yaml = parseYamlWithLines(CAMPAIGN_FILE, text);
  // reportInput: without it zod leaves `input` out, and a wrong type reads as a missing key.
  const result = campaignSchema.safeParse(yaml.data, { reportInput: true });
  if (!result.success) {
    const details = result.error.issues.map((issue) => {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      // Point at the offending node, or at its nearest existing parent when the key is missing.
      const line = yaml.lineOf(path);
      // A rule's mistake carries its offset in the line: say the column too.
      const at = (issue as { params?: { at?: number } }).params?.at;
      const position = at === undefined ? undefined : yaml.positionIn(path, at);
      const where = position
        ? `${CAMPAIGN_FILE} 第 ${position.line} 行第 ${position.col} 列`
        : line === undefined
          ? CAMPAIGN_FILE
          : `${CAMPAIGN_FILE} 第 ${line} 行`;
      const key = path.length > 0 ? formatPath(path) : '（顶层）';
      const input = (issue as { input?: unknown }).input;
      if (issue.code === 'invalid_type' && input === undefined) return `${where}，${key}：缺少此项，${issue.message}`;
      if (issue.code === 'invalid_type') return `${where}，${key}：类型不对，${issue.message}，实际写的是${describeInput(input)}`;
      return `${where}，${key}：${issue.message}`;
    });
    throw new HuizongError('CONFIG', `${CAMPAIGN_FILE} 有 ${details.length} 处错误`, { details });
  }
  return result.data;
}

/** What a campaign.yaml value is, in the clerk's words ("993" in quotes is text, not a number). */
function describeInput(input: unknown): string {
  if (typeof input === 'string') return `文字「${input.slice(0, 40)}」${/^\s*-?\d+(\.\d+)?\s*$/.test(input) ? '（数字不要加引号）' : ''}`;
  if (typeof input === 'number') return `数字 ${input}`;
  if (typeof input === 'boolean') return input ? 'true' : 'false';
  if (input === null) return '空值';
  if (Array.isArray(input)) return '一个列表';
  return '一组设置';
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
