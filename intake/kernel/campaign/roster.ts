/**
 * The roster: every unit that must report, in the order the clerk wants them listed, with the
 * aliases and sender addresses that identify it. Parsing is pure (text in, units out); reading
 * the file and guessing its encoding lives in load-roster.ts.
 */
import { parse } from 'csv-parse/sync';

export interface RosterUnit {
  /** Official name, as printed in the workbook and documents. */
  name: string;
  /** Other names the unit goes by (庞村镇人民政府, 庞村). */
  aliases: string[];
  /** Registered sender addresses, lower-cased. */
  emails: string[];
}

export const ROSTER_HEADER = { name: '单位名称', aliases: '别名', emails: '邮箱' } as const;

/** A roster mistake, with the 1-based row number as the clerk sees it in Excel. */
export interface RosterIssue {
  row: number;
  message: string;
}

export interface RosterParseResult {
  units: RosterUnit[];
  issues: RosterIssue[];
}

const LIST_SEPARATOR = /[;；,，、\s]+/u;

function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * What an office's own 名单 calls the three columns (电子邮箱, 简称, 单位), for reading one the
 * office keeps (`huizong init --roster`, the console's 新建活动). A campaign's roster.csv keeps
 * the exact header, as README shows it.
 */
const HEADER_WORDS = {
  name: ['单位名称', '单位', '名称', '单位全称', '报送单位', '部门名称', '部门', '单位(部门)名称'],
  aliases: ['别名', '简称', '别称', '其他名称', '又称', '曾用名'],
  emails: ['邮箱', '电子邮箱', '邮箱地址', '电子邮件', '邮件地址', '联系邮箱', 'e-mail', 'email', '电子信箱'],
} as const;

export interface RosterReadOptions {
  /** An office's 名单: the header may stand below a title row and use other words (电子邮箱, 简称). */
  lenient?: boolean;
}

interface RosterHeader {
  /** Index of the header row. */
  row: number;
  name: number;
  aliases: number;
  emails: number;
}

const fold = (cell: string) => cell.replace(/\s+/g, '').normalize('NFKC').toLowerCase();

function findHeader(rows: readonly (readonly string[])[], options: RosterReadOptions): RosterHeader | null {
  const candidates = options.lenient ? rows.slice(0, 6) : rows.slice(0, 1);
  for (const [index, row] of candidates.entries()) {
    const header = row.map(fold);
    const column = (words: readonly string[]) =>
      (options.lenient ? words : words.slice(0, 1)).map((word) => header.indexOf(fold(word))).find((at) => at >= 0) ?? -1;
    const name = column(HEADER_WORDS.name);
    if (name >= 0) return { row: index, name, aliases: column(HEADER_WORDS.aliases), emails: column(HEADER_WORDS.emails) };
  }
  return null;
}

/**
 * Turns rows (the header first, or for an office's 名单 within the first rows) into roster units.
 * Shared by the CSV and the .xlsx reader so both apply the same rules. Row numbers are the sheet's.
 */
export function rosterFromRows(rows: readonly (readonly string[])[], options: RosterReadOptions = {}): RosterParseResult {
  const issues: RosterIssue[] = [];
  const found = findHeader(rows, options);
  if (!found) {
    const header = (rows[0] ?? []).map((cell) => cell.replace(/\s+/g, ''));
    return {
      units: [],
      issues: [
        {
          row: 1,
          message: options.lenient
            ? `前几行中没有找到「${ROSTER_HEADER.name}」一栏（也可写“单位”“名称”），请在名单的表头写明单位名称、别名、邮箱`
            : `第 1 行应为表头「${ROSTER_HEADER.name},${ROSTER_HEADER.aliases},${ROSTER_HEADER.emails}」，实际为「${header.join(',')}」`,
        },
      ],
    };
  }
  const { name: nameColumn, aliases: aliasColumn, emails: emailColumn } = found;

  const units: RosterUnit[] = [];
  const owner = new Map<string, string>();
  rows.slice(found.row + 1).forEach((row, index) => {
    const rowNumber = found.row + index + 2;
    const name = (row[nameColumn] ?? '').trim();
    if (name === '') {
      if (row.some((cell) => cell.trim() !== '')) issues.push({ row: rowNumber, message: `第 ${rowNumber} 行没有填写单位名称` });
      return;
    }
    const aliases = aliasColumn >= 0 ? splitList(row[aliasColumn]).filter((alias) => alias !== name) : [];
    const emails = emailColumn >= 0 ? splitList(row[emailColumn]).map((email) => email.toLowerCase()) : [];
    for (const email of emails) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
        issues.push({ row: rowNumber, message: `第 ${rowNumber} 行「${name}」的邮箱「${email}」格式不正确` });
    }
    for (const label of [name, ...aliases]) {
      const previous = owner.get(label);
      if (previous !== undefined && previous !== name) {
        issues.push({
          row: rowNumber,
          message: `第 ${rowNumber} 行「${name}」的名称或别名「${label}」已属于「${previous}」，同一名称不能指向两个单位`,
        });
      } else if (previous === name && label === name) {
        issues.push({ row: rowNumber, message: `第 ${rowNumber} 行单位「${name}」重复出现` });
      }
      owner.set(label, name);
    }
    for (const email of emails) {
      const previous = owner.get(`@${email}`);
      if (previous !== undefined && previous !== name)
        issues.push({ row: rowNumber, message: `第 ${rowNumber} 行邮箱「${email}」已登记给「${previous}」` });
      owner.set(`@${email}`, name);
    }
    units.push({ name, aliases, emails });
  });
  if (units.length === 0 && issues.length === 0) issues.push({ row: 2, message: '名单中没有任何单位' });
  return { units, issues };
}

/** Parses roster CSV text (already decoded). */
export function parseRosterCsv(text: string, options: RosterReadOptions = {}): RosterParseResult {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { units: [], issues: [{ row: line ?? 1, message: `CSV 格式有误：${(error as Error).message}` }] };
  }
  return rosterFromRows(rows, options);
}

const csvCell = (text: string) => (/[",\r\n]/u.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** roster.csv as `huizong init` writes it: the exact header, lists joined by ;, a BOM so Excel reads it as UTF-8. */
export function formatRosterCsv(units: readonly RosterUnit[]): string {
  const lines = [
    [ROSTER_HEADER.name, ROSTER_HEADER.aliases, ROSTER_HEADER.emails].join(','),
    ...units.map((unit) => [unit.name, unit.aliases.join(';'), unit.emails.join(';')].map(csvCell).join(',')),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
