/**
 * The clerk's decisions (decisions.yaml in the campaign folder): which unit a doubtful message
 * belongs to, which messages are not campaign mail, and who is (not) criticized in the circular.
 * Part of the input of every merge, so the same decisions always give the same outputs.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { HuizongError } from '../errors.js';
import { decodeText } from '../text/decode-text.js';
import { nearestName } from '../text/nearest-name.js';
import './campaign-schema.js';

import { DECISIONS_FILE } from './decisions-file.js';
import { parseYamlWithLines } from './yaml-with-lines.js';

export { DECISIONS_FILE };

/** "2013-02-30" is no date. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const messageRef = z
  .string({ error: '应为来信编号（见汇总表「来信记录」）' })
  .trim()
  .regex(/^[0-9a-f]{8,64}$/i, { error: '来信编号应为 8 位以上的十六进制字符（见汇总表「来信记录」）' })
  .transform((id) => id.toLowerCase());

/** Where decisions.yaml names a message: copied from the workbook, never a number even when all digits. */
const MESSAGE_KEYS = new Set(['message']);

const unitReason = z.strictObject({ unit: z.string().trim().min(1), reason: z.string().default('') });

export const decisionsSchema = z
  .strictObject({
    /** Attribute a doubtful (待核实) message to a unit. */
    assign: z.array(z.strictObject({ message: messageRef, unit: z.string().trim().min(1), reason: z.string().default('') })).default([]),
    /** Treat a message as not campaign mail. */
    ignore: z.array(z.strictObject({ message: messageRef, reason: z.string().default('') })).default([]),
    circular: z
      .strictObject({
        add: z.array(unitReason).default([]),
        remove: z.array(unitReason).default([]),
        exempt: z.array(unitReason).default([]),
        final: z.boolean({ error: '写 true 或 false' }).default(false),
        /** The number of the circular's 发文字号 (15 → 伊滨办〔2013〕15号). */
        number: z
          .number({ error: '应为发文字号中的序号，写一个正整数，例如 15' })
          .int({ error: '应为发文字号中的序号，写一个正整数，例如 15' })
          .min(1, { error: '应为发文字号中的序号，写一个正整数，例如 15' })
          .optional(),
        /** 成文日期 (a Beijing date); the year of the 发文字号 follows it. */
        date: z
          .string({ error: '应为成文日期，写成 "2013-08-22" 的样子（加引号）' })
          .trim()
          .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '应为成文日期，写成 "2013-08-22" 的样子（年-月-日）' })
          .refine((value) => isCalendarDate(value), { error: '不是一个存在的日期' })
          .optional(),
        /** New deadline for the units that have not reported, used by the circular. */
        newDeadline: z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间，例如 "2013-08-25T18:00:00+08:00"' }).optional(),
      })
      .default({ add: [], remove: [], exempt: [], final: false }),
  })
  .default({ assign: [], ignore: [], circular: { add: [], remove: [], exempt: [], final: false } });

export type Decisions = z.infer<typeof decisionsSchema>;

export const NO_DECISIONS: Decisions = decisionsSchema.parse(undefined);

export interface DecisionChecks {
  /**
   * The ids of the stored messages (`huizong check`): every message a decision names must be one
   * of them — by its full id or a prefix of exactly one. Absent: ids are not checked (a merge
   * reads the decisions as they are; a decision about a message not stored does nothing).
   */
  storedIds?: readonly string[];
}

/** Reads decisions.yaml; a missing file means no decisions. Unknown unit names (and, when asked, message ids) are CONFIG errors. */
export async function loadDecisions(campaignDir: string, unitNames: readonly string[], checks: DecisionChecks = {}): Promise<Decisions> {
  let text: string;
  try {
    text = decodeText(await readFile(join(campaignDir, DECISIONS_FILE))).text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_DECISIONS;
    throw new HuizongError('CONFIG', `无法读取 ${DECISIONS_FILE}：${(error as Error).message}`);
  }
  return parseDecisions(text, unitNames, checks);
}

/** The decisions a decisions.yaml text says (the console checks its edits with it before writing). */
export function parseDecisions(text: string, unitNames: readonly string[], checks: DecisionChecks = {}): Decisions {
  const yaml = parseYamlWithLines(DECISIONS_FILE, text, { textKeys: MESSAGE_KEYS });
  const lineOf = (path: readonly PropertyKey[]): string => {
    const line = yaml.lineOf(path);
    return line === undefined ? '' : ` 第 ${line} 行`;
  };
  const result = decisionsSchema.safeParse(yaml.data ?? undefined);
  if (!result.success) {
    throw new HuizongError('CONFIG', `${DECISIONS_FILE} 有错误`, {
      details: result.error.issues.map(
        (issue) => `${DECISIONS_FILE}${lineOf(issue.path)}，${issue.path.join('.') || '（顶层）'}：${issue.message}`,
      ),
    });
  }
  const known = new Set(unitNames);
  const named = [
    ...result.data.assign.map((item, index) => ({ unit: item.unit, path: ['assign', index, 'unit'] })),
    ...(['add', 'remove', 'exempt'] as const).flatMap((list) =>
      result.data.circular[list].map((item, index) => ({ unit: item.unit, path: ['circular', list, index, 'unit'] })),
    ),
  ];
  const details = named
    .filter((item) => !known.has(item.unit))
    .map((item) => {
      const close = nearestName(item.unit, unitNames);
      return `${DECISIONS_FILE}${lineOf(item.path)}：「${item.unit}」不在单位名单中，${close ? `是否指${close}？` : '请使用名单中的单位名称'}`;
    });
  // The circular prints the clerk's reason for an added unit: without one there is nothing true to print.
  result.data.circular.add.forEach((item, index) => {
    if (item.reason.trim() === '')
      details.push(
        `${DECISIONS_FILE}${lineOf(['circular', 'add', index, 'unit'])}：增加通报「${item.unit}」须写明理由（reason），通报中将写入这条理由`,
      );
  });
  if (checks.storedIds) details.push(...unknownMessages(result.data, checks.storedIds, lineOf));
  if (details.length > 0) throw new HuizongError('CONFIG', `${DECISIONS_FILE} 有错误`, { details });
  return result.data;
}

/** How many stored messages a written id (a prefix, lower case) names. */
export function messagesNamed(id: string, storedIds: readonly string[]): number {
  let count = 0;
  for (const stored of storedIds) if (stored.startsWith(id)) count++;
  return count;
}

/** Each assign/ignore whose message is not exactly one stored message, with its line. */
function unknownMessages(decisions: Decisions, storedIds: readonly string[], lineOf: (path: readonly PropertyKey[]) => string): string[] {
  const named = [
    ...decisions.assign.map((item, index) => ({ id: item.message, path: ['assign', index, 'message'] })),
    ...decisions.ignore.map((item, index) => ({ id: item.message, path: ['ignore', index, 'message'] })),
  ];
  const details: string[] = [];
  for (const { id, path } of named) {
    const count = messagesNamed(id, storedIds);
    if (count === 1) continue;
    details.push(
      count === 0
        ? `${DECISIONS_FILE}${lineOf(path)}：存档中没有编号为「${id}」的来信（编号见汇总表「来信记录」或控制台的来信记录），这条决定不起作用`
        : `${DECISIONS_FILE}${lineOf(path)}：编号「${id}」对应 ${count} 封来信，请多写几位，写到只对应一封为止`,
    );
  }
  return details;
}
