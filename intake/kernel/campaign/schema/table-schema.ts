/**
 * One table a notice asks units to fill in (附件1, 附件2 …): its name, whether it is one row per
 * unit (统计表) or a list of zero to many rows per unit (明细表, 台账, 清单, 花名册), the 填报单位 /
 * 填报日期 lines above it, and its columns.
 */
import * as z from 'zod';
import { columnEntrySchema, columnKey, nonEmpty } from './column-schema.js';

/** Every spelling campaign.yaml accepts for `kind:`. */
export const TABLE_KIND_SPELLINGS: Readonly<Record<string, 'row' | 'list'>> = {
  row: 'row',
  统计表: 'row',
  汇总表: 'row',
  一行: 'row',
  list: 'list',
  明细表: 'list',
  台账: 'list',
  清单: 'list',
  花名册: 'list',
  名册: 'list',
  多行: 'list',
};

export const TABLE_KIND_LABEL = { row: '统计表（每个单位一行）', list: '明细表（每个单位若干行）' } as const;

const tableKind = z.preprocess(
  (value) => (typeof value === 'string' ? (TABLE_KIND_SPELLINGS[value.trim()] ?? value) : value),
  z.enum(['row', 'list'], { error: '应为 统计表（row，每个单位一行）或 明细表（list，每个单位若干行，也可写 台账、清单、花名册）' }),
);

export const tableSchema = z.strictObject({
  name: nonEmpty('表格名称'),
  /** How templates, rules and status --json name the table; default its name. */
  key: columnKey.optional(),
  /** Its label in the notice: 附件2. */
  attachmentLabel: z.string().default(''),
  kind: tableKind.default('row'),
  /** The label of the line above the table naming the unit (填报区域或单位). */
  unitField: nonEmpty('填报单位栏的标题').default('填报单位'),
  dateField: nonEmpty('填报日期栏的标题').default('填报日期'),
  columns: z.array(columnEntrySchema).min(1, { error: '表格至少要有一列' }),
});

export type TableEntry = z.infer<typeof tableSchema>;
