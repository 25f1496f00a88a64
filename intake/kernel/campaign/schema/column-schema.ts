/**
 * One column of a notice's table in campaign.yaml: its header text, the kind of value it holds
 * (field-types.ts), whether it must be filled and in what range. A group (检查计算机数量(台) over
 * 涉密 / 非涉密) is one entry whose sub-columns share its header, unit and type.
 */
import * as z from 'zod';
import { FIELD_TYPE_LABEL, FIELD_TYPE_SPELLINGS, type FieldType } from '../field-types.js';

export const nonEmpty = (what: string) =>
  z
    .string({ error: `应为${what}（文字）` })
    .trim()
    .min(1, { error: `${what}不能为空` });

/**
 * A column's key names it in templates (`values.<键名>`), in status --json and in rules. Any text
 * a template path can hold: Chinese is welcome, spaces and the signs Handlebars reads are not.
 */
export const COLUMN_KEY_PATTERN = /^[^\s.[\]{}()"'`!#%&*+,/;<=>@\\^|~]+$/u;

export const columnKey = z
  .string({ error: '应为列的键名（文字）' })
  .regex(COLUMN_KEY_PATTERN, { error: '键名不能含空格和 . [ ] { } ( ) + , / < = > 等符号' });

const TYPE_HINT = `应为 ${Object.values(FIELD_TYPE_LABEL).join('、')} 之一（也可写英文 count、decimal、percent、amount、date、choice、text）`;

export const fieldType = z.preprocess(
  (value) => (typeof value === 'string' ? (FIELD_TYPE_SPELLINGS[value.trim()] ?? value) : value),
  z.enum(['count', 'decimal', 'percent', 'amount', 'date', 'choice', 'text'] satisfies FieldType[], { error: TYPE_HINT }),
);

const similarity = z
  .number({ error: '应为 0.5 到 1 之间的数' })
  .min(0.5, { error: '不能小于 0.5' })
  .max(1, { error: '不能大于 1' })
  .optional();

/** A bound: a number, or for a date column a date ("2026-01-01"). */
const bound = z.union([z.number(), z.iso.date()], { error: '应为数字，日期列写日期（如 "2026-01-01"）' }).optional();

/** What a leaf column and a group (for all its sub-columns) may say about their values. */
const valueSettings = {
  type: fieldType.optional(),
  /** Unit of measure (个, 台, 处) stripped from "12台"; for 金额 the unit kept: 万元 or 元. */
  unit: z.string().optional(),
  /** Places after the decimal point (小数, 百分比, 金额). */
  places: z.number().int().min(0, { error: '不能小于 0' }).max(6, { error: '不能超过 6' }).optional(),
  /** 单选: the allowed values (default 是 / 否). */
  options: z.array(nonEmpty('选项')).min(1, { error: '至少写一个选项' }).optional(),
  /** 必填: a blank cell is an error, not a 0 or a blank. */
  required: z.boolean({ error: '写 true 或 false' }).optional(),
  min: bound,
  max: bound,
  /** Whether the district total is the sum of the units' values (default: 整数、小数、金额 yes). */
  sum: z.boolean({ error: '写 true 或 false' }).optional(),
  aliases: z.array(z.string()).default([]),
  /**
   * How close (0.5–1) a header a unit retyped must come to the label or an alias to be taken
   * for this column, when no text matches exactly (default 0.8; 1 = exact only).
   */
  similarity,
};

export const leafColumnSchema = z.strictObject({
  /** Default: the label without its unit of measure (检查机关、单位内设部门数量). */
  key: columnKey.optional(),
  label: nonEmpty('列标题'),
  ...valueSettings,
});

export const subColumnSchema = z.strictObject({
  key: columnKey.optional(),
  label: nonEmpty('子列标题'),
  ...valueSettings,
});

export const groupColumnSchema = z.strictObject({
  group: nonEmpty('分组标题'),
  ...valueSettings,
  columns: z.array(subColumnSchema).min(2, { error: '分组至少要有两列（例如 涉密、非涉密）' }),
});

/**
 * A column entry is a group when it says `group:`, else a leaf: each is checked by its own shape,
 * so a mistake inside one says what is wrong there (not only "neither shape fits").
 */
export const columnEntrySchema = z.any().transform((value: unknown, ctx): LeafColumnEntry | GroupColumnEntry => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: '每一列应写 label（列标题）；分组列应写 group 和 columns', input: value });
    return z.NEVER;
  }
  const schema = 'group' in value ? groupColumnSchema : leafColumnSchema;
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
});

export type LeafColumnEntry = z.infer<typeof leafColumnSchema>;
export type SubColumnEntry = z.infer<typeof subColumnSchema>;
export type GroupColumnEntry = z.infer<typeof groupColumnSchema>;
export type ColumnEntry = LeafColumnEntry | GroupColumnEntry;
