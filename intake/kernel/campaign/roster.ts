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
 * Turns rows (the first being the header) into roster units. Shared by the CSV and the .xlsx
 * reader so both apply the same rules.
 */
export function rosterFromRows(rows: readonly (readonly string[])[]): RosterParseResult {
  const issues: RosterIssue[] = [];
  const header = (rows[0] ?? []).map((cell) => cell.replace(/\s+/g, ''));
  const column = (title: string) => header.indexOf(title);
  const nameColumn = column(ROSTER_HEADER.name);
  if (nameColumn < 0) {
    return {
      units: [],
      issues: [
        {
          row: 1,
          message: `第 1 行应为表头「${ROSTER_HEADER.name},${ROSTER_HEADER.aliases},${ROSTER_HEADER.emails}」，实际为「${header.join(',')}」`,
        },
      ],
    };
  }
  const aliasColumn = column(ROSTER_HEADER.aliases);
  const emailColumn = column(ROSTER_HEADER.emails);

  const units: RosterUnit[] = [];
  const owner = new Map<string, string>();
  rows.slice(1).forEach((row, index) => {
    const rowNumber = index + 2;
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
export function parseRosterCsv(text: string): RosterParseResult {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { units: [], issues: [{ row: line ?? 1, message: `CSV 格式有误：${(error as Error).message}` }] };
  }
  return rosterFromRows(rows);
}
