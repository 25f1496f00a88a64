/**
 * Where a rule is judged, from the columns it names: columns of one 统计表 → that table's row;
 * columns of one list (台账) → each of its rows; 行数( ) / 求和( ) or columns of two 统计表 → per
 * unit across tables. A list's columns named beside another table's make no sense row by row or
 * unit by unit: that is a mistake, said in Chinese.
 */
import type { TableDef } from '../tables.js';
import { aggregatedTablesOf, columnsOf, type Expr, type RuleScope } from './rule-ast.js';

export function ruleScope(operands: readonly Expr[], tables: readonly TableDef[]): RuleScope | { mistake: string } {
  const direct = [...new Set(operands.flatMap(columnsOf).map((ref) => ref.table))];
  const aggregated = [...new Set(operands.flatMap(aggregatedTablesOf))];
  const kindOf = (key: string) => tables.find((table) => table.key === key)!;
  const lists = direct.filter((key) => kindOf(key).kind === 'list');
  if (lists.length > 0) {
    if (direct.length > 1 || aggregated.length > 0) {
      const list = kindOf(lists[0]!).name;
      return {
        mistake: `「${list}」每个单位有若干行，它的列只能与同一张表的列写在一条规则中（逐行核对）；与其他表比较请用 行数(${list}) 或 求和(${list}.列名)`,
      };
    }
    return { kind: 'list-row', table: lists[0]! };
  }
  if (direct.length === 1 && aggregated.length === 0) return { kind: 'row', table: direct[0]! };
  const involved = [...new Set([...direct, ...aggregated])];
  if (involved.length === 0) return { mistake: '规则中没有任何一列，至少要写一个列名' };
  return { kind: 'unit', tables: involved };
}
