/**
 * Findings as a leader reads them in a report: the problems of a unit's table and the gaps of
 * its written report turned into clauses of the official register — “” quotes, （涉密）, no
 * 「」, no double colons, no file names or cells (those are in the workbook's 问题清单). Pure.
 */
import type { Problem } from '../../intake/kernel/problems.js';

/** 「检查计算机数量(台)·涉密」 → 检查计算机数量（涉密）: the column as a sentence names it (the measure word left to the table). */
export function fieldName(field: string): string {
  const [name, ...parts] = field.split('·');
  const bare = parts.length > 0 ? name!.replace(/[(（][^()（）]*[)）]\s*$/u, '') : name!;
  return `${fullWidthParens(bare.trim())}${parts.map((part) => `（${part.trim()}）`).join('')}`;
}

const fullWidthParens = (text: string) => text.replace(/\(/g, '（').replace(/\)/g, '）');

/** 「…」 → “…”, ASCII parentheses → full-width, a trailing stop dropped. */
export function register(text: string): string {
  return fullWidthParens(text.replace(/「([^」]*)」/gu, (_, inner: string) => `“${fieldName(inner)}”`))
    .replace(/[。；;]+$/u, '')
    .trim();
}

/** One table problem as a clause: 检查计算机数量（涉密）一栏填写为“若干”，不是数字. */
export function tableFinding(problem: Problem): string {
  const field = problem.field ? fieldName(problem.field) : '';
  switch (problem.code) {
    case 'value.invalid':
      return `${field}一栏填写为“${problem.found ?? ''}”，不是数字`;
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

/** The table problems of a unit as one clause joined by “；”. */
export function tableFindings(problems: readonly Problem[]): string {
  return problems
    .filter((problem) => problem.severity === 'error')
    .map(tableFinding)
    .filter((clause) => clause !== '')
    .join('；');
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
