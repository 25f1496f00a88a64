/**
 * A validation rule in campaign.yaml: a line a clerk can read (`合计 = 一般隐患 + 重大隐患`,
 * `0 <= 整改率 <= 100`, `行数(重大隐患整改台账) = 重大隐患`; rules/parse-rule.ts reads it), or the
 * first campaign's form `{ type: lte, left: <键名>, right: <键名> }`, which keeps working.
 */
import * as z from 'zod';
import { columnKey } from './column-schema.js';

export const legacyRuleSchema = z.strictObject({
  type: z.literal('lte', { error: '规则对象只支持 type: lte（左列不大于右列）；其他规则请写成一行，例如 "已整改 <= 合计"' }),
  left: columnKey,
  right: columnKey,
  /** Optional Chinese wording shown to the clerk instead of the generated one. */
  message: z.string().optional(),
});

/** A rule line with its own wording for the clerk, when the generated one will not do. */
export const explainedRuleSchema = z.strictObject({
  rule: z.string().trim().min(1, { error: '规则不能为空' }),
  message: z.string().optional(),
});

export const ruleEntrySchema = z.union([z.string().trim().min(1, { error: '规则不能为空' }), explainedRuleSchema, legacyRuleSchema], {
  error: (issue) =>
    issue.code === 'invalid_union' ? '每条规则写成一行文字，例如 "合计 = 一般隐患 + 重大隐患"，或 { rule: …, message: … }' : undefined,
});

export type LegacyRuleEntry = z.infer<typeof legacyRuleSchema>;
export type RuleEntry = z.infer<typeof ruleEntrySchema>;
