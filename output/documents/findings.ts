/**
 * Findings as a leader reads them in a report: the problems of a unit's table and the gaps of
 * its written report turned into clauses of the official register — “” quotes, （涉密）, no
 * 「」, no double colons, no file names or cells (those are in the workbook's 问题清单). Pure.
 */
import type { Problem } from '../../intake/kernel/problems.js';
import { chineseDate } from './helpers.js';

const fullWidthParens = (text: string) => text.replace(/\(/g, '（').replace(/\)/g, '）');

/**
 * A grouped column as a sentence names it: 组·列 → 组（列）, the group's measure word left to the
 * table (检查计算机数量(台)·涉密 → 检查计算机数量（涉密）). In a rule's expression each column is
 * named so (隐患·已整改 <= 隐患·一般 + 隐患·重大 → 隐患（已整改） <= 隐患（一般） + 隐患（重大）):
 * a column's part ends at a space, an operator or a bracket, never at the end of the expression.
 */
const GROUPED = /(?:[(（][^()（）\s]*[)）])?\s*·\s*([^\s·+\-−×*/÷=<>≤≥≠,，、;；:：()（）]+)/gu;

/** 「检查计算机数量(台)·涉密」 → 检查计算机数量（涉密）: the column (or each column of an expression) as a sentence names it. */
export function fieldName(field: string): string {
  return fullWidthParens(field.trim().replace(GROUPED, (_, part: string) => `（${part}）`));
}

/** A rule's comparisons as printed, not as typed: 整改时限 >= 发现日期 → 整改时限 ≥ 发现日期. */
const COMPARISON_SIGNS: readonly [RegExp, string][] = [
  [/>=/gu, '≥'],
  [/<=/gu, '≤'],
  [/!=/gu, '≠'],
];

/** >= <= != as printed (≥ ≤ ≠): the documents and the console's pages write a rule alike. */
export function printedComparisons(text: string): string {
  return COMPARISON_SIGNS.reduce((result, [typed, printed]) => result.replace(typed, printed), text);
}

/** Each day in the text as a document writes it (the date helper): 2026-05-10 → 2026年5月10日. */
const isoDays = (text: string) => text.replace(/(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/gu, (day) => chineseDate(day));

/**
 * A text in “”: quotes already in it become ‘’ (GB/T 15834: quotes within quotes), so a unit's
 * “学雷锋”文明宣传 reads “‘学雷锋’文明宣传”, not ““学雷锋”文明宣传”.
 */
export function quoted(text: string): string {
  let open = true;
  const inner = text
    .replace(/[“「]/gu, '‘')
    .replace(/[”」]/gu, '’')
    .replace(/"/gu, () => {
      const mark = open ? '‘' : '’';
      open = !open;
      return mark;
    });
  return `“${inner}”`;
}

/** 「…」 → “…”, ASCII parentheses → full-width, days and comparisons as printed, a trailing stop dropped. */
export function register(text: string): string {
  const signs = printedComparisons(text);
  return fullWidthParens(isoDays(signs).replace(/「([^」]*)」/gu, (_, inner: string) => quoted(fieldName(inner))))
    .replace(/[。；;]+$/u, '')
    .trim();
}

/**
 * Which row of which list a problem is in, as a report names it (重大隐患整改台账第1项“堤防护坡坍塌”);
 * null for a problem of a statistics table or of a whole list.
 */
export type RowOfProblem = (problem: Problem) => string | null;

/**
 * Which table a problem is in, as a report names it (安全生产检查情况统计表), when the unit sent
 * several and the reader could not tell; null when there is no need or no telling.
 */
export type TableOfProblem = (problem: Problem) => string | null;

/**
 * One table problem as a clause: 检查计算机数量（涉密）一栏填写为“若干”，不是数字; in a list, the
 * row first: 重大隐患整改台账第1项“堤防护坡坍塌”不符合规则…; in one of several tables, the table
 * first: 安全生产检查情况统计表中“隐患（已整改）”为 14… , 安全生产检查情况统计表不符合规则….
 */
export function tableFinding(problem: Problem, rowOf: RowOfProblem = () => null, tableOf: TableOfProblem = () => null): string {
  const row = rowOf(problem);
  return placed(problem, tableClause(problem), row, row === null ? tableOf(problem) : null);
}

/** The clause after the row it is in, or after its table (中 before a column: 整改率（%）一栏…, “隐患（已整改）”为…). */
function placed(problem: Problem, clause: string, row: string | null, table: string | null): string {
  if (clause === '') return clause;
  if (row !== null) return `${row}${clause}`;
  if (table === null) return clause;
  const field = problem.field ? fieldName(problem.field) : '';
  const ofColumn = clause.startsWith('“') || (field !== '' && clause.startsWith(field));
  return `${table}${ofColumn ? '中' : ''}${clause}`;
}

/**
 * Why a value is not one the column takes, in the register: the reason its reader gave, from
 * the problem's summary (填写为「found」，<reason>，应为<expected>; read-field.ts), without the advice
 * to the unit in brackets (（百分比栏填百分数，85.7% 填 85.7）) — 不是数字, 应为整数, 是 95% 还是 0.95%，
 * 无法确定, 单位“处”与本栏的单位“天”不同. A summary of another shape (a caller's own): 不是数字.
 */
function invalidReason(problem: Problem): string {
  const head = `填写为「${problem.found ?? ''}」，`;
  if (!problem.summary.startsWith(head)) return '不是数字';
  const rest = problem.summary.slice(head.length);
  const tail = problem.expected === undefined ? /，应为[^，]*$/u.exec(rest)?.[0] : `，应为${problem.expected}`;
  if (tail === undefined || !rest.endsWith(tail)) return '不是数字';
  const reason = rest.slice(0, rest.length - tail.length).replace(/[（(][^（）()]*[)）]$/u, '');
  return register(reason) || '不是数字';
}

/**
 * A choice not among the column's options, the options in brackets so the list does not run on
 * into the sentence: 不是可选的值（可选：环境整治、关爱帮扶）. From the summary (填写为「found」，
 * 不是可选的值，可选：…; choice.ts); a summary of another shape: 不是可选的值.
 */
function optionsClause(problem: Problem): string {
  const head = `填写为「${problem.found ?? ''}」，`;
  const rest = problem.summary.startsWith(head) ? problem.summary.slice(head.length) : '';
  const parts = /^(.*?)[，,]\s*可选[：:]\s*(.+?)[。；;]?$/u.exec(rest);
  if (!parts) return '不是可选的值';
  return `${register(parts[1]!)}（可选：${register(parts[2]!)}）`;
}

function tableClause(problem: Problem): string {
  const field = problem.field ? fieldName(problem.field) : '';
  switch (problem.code) {
    case 'value.invalid':
      return `${field}一栏填写为${quoted(problem.found ?? '')}，${invalidReason(problem)}`;
    case 'value.not_an_option':
      return `${field}一栏填写为${quoted(problem.found ?? '')}，${optionsClause(problem)}`;
    case 'table.missing_column':
      return `缺少“${field}”一栏`;
    case 'table.no_data':
      return '只有表头，没有填写数据';
    case 'table.several_rows':
      return '填写了多行数据，无法确定哪一行是本单位的数据';
    default: {
      // A rule's own message or a code this file does not know yet: the summary, in the register.
      const summary = register(problem.summary);
      return field !== '' && !summary.includes(field) ? `${field}一栏${summary.replace(/^[：:，,]/u, '')}` : summary;
    }
  }
}

/**
 * The table problems of a unit as one clause joined by “；”. A table is named once for the
 * findings of it that follow one another (安全生产检查情况统计表不符合规则…；整改率（%）一栏…),
 * and again after a finding of another table or of a list's row.
 */
export function tableFindings(
  problems: readonly Problem[],
  rowOf: RowOfProblem = () => null,
  tableOf: TableOfProblem = () => null,
): string {
  let last: string | null = null;
  const clauses: string[] = [];
  for (const problem of problems) {
    if (problem.severity !== 'error') continue;
    const clause = tableClause(problem);
    if (clause === '') continue;
    const row = rowOf(problem);
    const table = row === null ? tableOf(problem) : null;
    clauses.push(placed(problem, clause, row, table === last ? null : table));
    last = table;
  }
  return clauses.join('；');
}

export interface ReportGaps {
  missingAreas: readonly string[];
  chars: number;
  minChars: number;
  checksProblems: boolean;
  mentionsProblems: boolean;
  checksRectification: boolean;
  mentionsRectification: boolean;
}

/** The gaps of a written report as one clause: 未涉及“社会网站监管”方面，篇幅较短（仅42字），未写明发现的问题和整改情况. */
export function reportFindings(gaps: ReportGaps): string {
  const clauses: string[] = [];
  if (gaps.missingAreas.length > 0)
    clauses.push(`未涉及${gaps.missingAreas.map((area) => `“${area}”`).join('')}${gaps.missingAreas.length > 1 ? '等方面' : '方面'}`);
  if (gaps.chars < gaps.minChars) clauses.push(`篇幅过短（仅${gaps.chars}字）`);
  const unsaid = [
    gaps.checksProblems && !gaps.mentionsProblems ? '发现的问题' : '',
    gaps.checksRectification && !gaps.mentionsRectification ? '整改情况' : '',
  ].filter((item) => item !== '');
  if (unsaid.length > 0) clauses.push(`未写明${unsaid.join('和')}`);
  return clauses.join('，');
}
