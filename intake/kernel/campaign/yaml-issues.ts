/**
 * zod's issues with a YAML file the clerk or IT person wrote (campaign.yaml, the office's
 * settings) as one Chinese line each: the file, the line (and column, for a rule), the key, what
 * is wrong and what was written.
 */
import type * as z from 'zod';
import type { YamlWithLines } from './yaml-with-lines.js';

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? String(part) : `${text}.${String(part)}`),
    '',
  );
}

/** What a value is, in the clerk's words ("993" in quotes is text, not a number). */
function describeInput(input: unknown): string {
  if (typeof input === 'string') return `文字「${input.slice(0, 40)}」${/^\s*-?\d+(\.\d+)?\s*$/.test(input) ? '（数字不要加引号）' : ''}`;
  if (typeof input === 'number') return `数字 ${input}`;
  if (typeof input === 'boolean') return input ? 'true' : 'false';
  if (input === null) return '空值';
  if (Array.isArray(input)) return '一个列表';
  return '一组设置';
}

/** Parse with `{ reportInput: true }`: without it zod leaves `input` out, and a wrong type reads as a missing key. */
export function issueLines(fileName: string, yaml: YamlWithLines, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    // Point at the offending node, or at its nearest existing parent when the key is missing.
    const line = yaml.lineOf(path);
    // A rule's mistake carries its offset in the line: say the column too.
    const at = (issue as { params?: { at?: number } }).params?.at;
    const position = at === undefined ? undefined : yaml.positionIn(path, at);
    const where = position
      ? `${fileName} 第 ${position.line} 行第 ${position.col} 列`
      : line === undefined
        ? fileName
        : `${fileName} 第 ${line} 行`;
    const key = path.length > 0 ? formatPath(path) : '（顶层）';
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'invalid_type' && input === undefined) return `${where}，${key}：缺少此项，${issue.message}`;
    if (issue.code === 'invalid_type') return `${where}，${key}：类型不对，${issue.message}，实际写的是${describeInput(input)}`;
    return `${where}，${key}：${issue.message}`;
  });
}
