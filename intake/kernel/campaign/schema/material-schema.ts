/**
 * What each unit must send (campaign.yaml `required:`): the tables (by name), the written report,
 * and other named files such as a scanned copy with the unit's seal, recognised by words in the
 * file's name. Without `required:`, every table and the report are required, as the first
 * campaign asked.
 */
import * as z from 'zod';
import { nonEmpty } from './column-schema.js';

export const materialEntrySchema = z.union(
  [
    /** A table's name or key, 书面总结报告 (or 报告), or the name of another file. */
    z.string().trim().min(1, { error: '材料名称不能为空' }),
    z.strictObject({ table: nonEmpty('表格名称') }),
    z.strictObject({ report: z.string().trim().default('书面总结报告') }),
    z.strictObject({
      file: nonEmpty('材料名称'),
      /** Words in the attachment's file name that show it is this material (default: the name). */
      keywords: z.array(nonEmpty('关键词')).optional(),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? '每项材料写表格名称、"书面总结报告"，或 { file: 材料名称, keywords: [文件名中的词] }' : undefined,
  },
);

export type MaterialEntry = z.infer<typeof materialEntrySchema>;
