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
import './campaign-schema.js';
import { parseYamlWithLines } from './yaml-with-lines.js';

export const DECISIONS_FILE = 'decisions.yaml';

const messageRef = z
  .string({ error: '应为来信编号（见汇总表「来信记录」）' })
  .trim()
  .regex(/^[0-9a-f]{8,64}$/i, { error: '来信编号应为 8 位以上的十六进制字符（见汇总表「来信记录」）' })
  .transform((id) => id.toLowerCase());

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
        final: z.boolean().default(false),
        /** New deadline for the units that have not reported, used by the circular. */
        newDeadline: z.iso.datetime({ offset: true, error: '应为带时区的 ISO 8601 时间，例如 "2013-08-25T18:00:00+08:00"' }).optional(),
        /** The circular's document number (the 12 of 伊滨办〔2013〕12号). */
        number: z
          .number({ error: '应为正整数，例如 12' })
          .int({ error: '应为正整数，例如 12' })
          .min(1, { error: '应为正整数，例如 12' })
          .optional(),
        /** The circular's date (成文日期), Beijing date. */
        date: z.iso.date({ error: '应为日期，例如 "2013-08-21"' }).optional(),
      })
      .default({ add: [], remove: [], exempt: [], final: false }),
  })
  .default({ assign: [], ignore: [], circular: { add: [], remove: [], exempt: [], final: false } });

export type Decisions = z.infer<typeof decisionsSchema>;

export const NO_DECISIONS: Decisions = decisionsSchema.parse(undefined);

/** Reads decisions.yaml; a missing file means no decisions. Unknown unit names are CONFIG errors. */
export async function loadDecisions(campaignDir: string, unitNames: readonly string[]): Promise<Decisions> {
  let text: string;
  try {
    text = decodeText(await readFile(join(campaignDir, DECISIONS_FILE))).text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_DECISIONS;
    throw new HuizongError('CONFIG', `无法读取 ${DECISIONS_FILE}：${(error as Error).message}`);
  }
  return parseDecisions(text, unitNames);
}

/** The decisions a decisions.yaml text says (the console checks its edits with it before writing). */
export function parseDecisions(text: string, unitNames: readonly string[]): Decisions {
  const yaml = parseYamlWithLines(DECISIONS_FILE, text);
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
  const unknown = named.filter((item) => !known.has(item.unit));
  if (unknown.length > 0) {
    throw new HuizongError('CONFIG', `${DECISIONS_FILE} 中有名单里没有的单位`, {
      details: unknown.map((item) => `${DECISIONS_FILE}${lineOf(item.path)}：「${item.unit}」不在单位名单中，请使用名单中的单位名称`),
    });
  }
  return result.data;
}
