/**
 * Problems are values. Every bad input becomes one of these, never an exception and never
 * silence: it names the unit, the file, the cell or field, what was found and what was
 * expected, in Chinese, so the clerk can phone the unit without opening a log.
 */
import type { ErrorCode, ProblemCode, WarningCode } from './problem-codes.js';

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** Stable machine-readable code from the catalogue (problem-codes.ts), e.g. "value.invalid". */
  code: ProblemCode;
  /** The whole finding as a Chinese clause, including what was found and expected. */
  summary: string;
  /** Roster unit, once the message has been attributed. */
  unit?: string;
  /** Short id of the stored message (first 12 hex digits of its SHA-256). */
  messageId?: string;
  /** Attachment file name (inside an archive: "材料.zip/统计表.xlsx"). */
  file?: string;
  /** Where in the file: a cell ("Sheet1!D8"), a table position, a header. */
  location?: string;
  /** The field or column concerned, as the clerk names it. */
  field?: string;
  /** The offending value as written. */
  found?: string;
  /** What would have been accepted. */
  expected?: string;
  /**
   * The raw technical text behind the problem (a library's English exception), for `--debug`
   * and the analysis log only: never shown in the workbook or documents.
   */
  detail?: string;
}

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提示' };

export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** The one-line Chinese sentence shown in the CLI, the workbook and status --json. */
export function describeProblem(problem: Problem): string {
  const where: string[] = [];
  if (problem.unit) where.push(problem.unit);
  if (problem.file) where.push(`《${problem.file}》${problem.location ?? ''}`);
  else if (problem.location) where.push(problem.location);
  if (problem.field) where.push(`「${problem.field}」`);
  if (where.length === 0 && problem.messageId) where.push(`来信 ${problem.messageId}`);
  return where.length > 0 ? `${where.join('，')}：${problem.summary}` : problem.summary;
}

export function problem(
  severity: Severity,
  code: ProblemCode,
  summary: string,
  context: Omit<Problem, 'severity' | 'code' | 'summary'> = {},
): Problem {
  return { severity, code, summary, ...context };
}

export const error = (code: ErrorCode, summary: string, context?: Omit<Problem, 'severity' | 'code' | 'summary'>): Problem =>
  problem('error', code, summary, context);
export const warning = (code: WarningCode, summary: string, context?: Omit<Problem, 'severity' | 'code' | 'summary'>): Problem =>
  problem('warning', code, summary, context);

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((item) => item.severity === 'error');
}
