/**
 * The first campaign's rule form, `{ type: lte, left: <键名>, right: <键名> }`: the left column
 * must not exceed the right one. Read into the same Rule as the line `左 <= 右`, keeping its own
 * problem code (rule.lte) and wording, so the 2013 campaign's outputs stay as they were.
 */
import type { LegacyRuleEntry } from '../schema/rule-schema.js';
import type { TableDef } from '../tables.js';
import type { ColumnRef, Rule } from './rule-ast.js';

/** The rule, or the Chinese mistake (a key that is no count column of a 统计表). */
export function legacyRule(
  entry: LegacyRuleEntry,
  tables: readonly TableDef[],
  index: number,
): Rule | { mistake: string; side: 'left' | 'right' } {
  const find = (key: string): { ref: ColumnRef; name: string } | null => {
    for (const table of tables) {
      if (table.kind !== 'row') continue;
      const column = table.columns.find((item) => item.key === key && item.type !== 'text' && item.type !== 'choice');
      if (column) return { ref: { table: table.key, column: column.key }, name: column.name };
    }
    return null;
  };
  const left = find(entry.left);
  if (!left) return { mistake: `规则引用的列「${entry.left}」不存在或不是数量列`, side: 'left' };
  const right = find(entry.right);
  if (!right) return { mistake: `规则引用的列「${entry.right}」不存在或不是数量列`, side: 'right' };
  const tablesInvolved = [...new Set([left.ref.table, right.ref.table])];
  return {
    source: `${left.name} <= ${right.name}`,
    index,
    scope: tablesInvolved.length === 1 ? { kind: 'row', table: tablesInvolved[0]! } : { kind: 'unit', tables: tablesInvolved },
    operands: [
      { kind: 'column', ref: left.ref },
      { kind: 'column', ref: right.ref },
    ],
    operandTexts: [left.name, right.name],
    comparisons: ['<='],
    valueKind: 'number',
    ...(entry.message ? { message: entry.message } : {}),
    code: 'rule.lte',
  };
}
