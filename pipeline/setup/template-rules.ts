/**
 * The rules the templates carry, as lines a clerk reads: each formula of a template
 * (合计 = 一般隐患 + 重大隐患), each column named the shortest way the campaign's rule reader takes
 * for it (合计 alone where it is unique, else 组·列, else 表.列). Every line is checked by the same
 * reader as `huizong check`; one it refuses is left out and reported. Rules across tables that the
 * names suggest (行数(重大隐患整改台账) = 重大隐患) are only proposed, never written as rules. Pure.
 */
import { checkRuleLine } from '../../intake/kernel/campaign/rules/read-rules.js';
import type { ColumnDef, TableDef } from '../../intake/kernel/campaign/tables.js';
import { nameOfLabel } from '../../intake/kernel/campaign/tables.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import { type Derived, guess, likely } from './derived.js';
import type { DraftTable } from './table/derive-table.js';
import { formulaText } from './table/formula-rules.js';

export interface TemplateRules {
  rules: Derived<string>[];
  /** Rules the names suggest: written commented out, for the clerk to take or leave. */
  suggestions: Derived<string>[];
  /** Formulas that could not become rules, in Chinese. */
  problems: string[];
}

/** The shortest name by which a rule names this column and no other. */
function ruleName(table: TableDef, column: ColumnDef, tables: readonly TableDef[]): string {
  const forms = [
    ...(column.subHeaderTexts ? [column.subHeaderTexts[0]!] : []),
    column.name,
    column.displayName,
    `${table.name}.${column.name}`,
  ];
  for (const form of forms) {
    const rule = checkRuleLine(`${form} = ${form}`, tables);
    if (
      'operands' in rule &&
      rule.operands[0]?.kind === 'column' &&
      rule.operands[0].ref.column === column.key &&
      rule.operands[0].ref.table === table.key
    )
      return form;
  }
  return `${table.name}.${column.name}`;
}

function formulaRules(drafts: readonly DraftTable[], defs: readonly TableDef[]): Omit<TemplateRules, 'suggestions'> {
  const rules: Derived<string>[] = [];
  const problems: string[] = [];
  drafts.forEach((draft, index) => {
    const def = defs[index]!;
    for (const formula of draft.formulas) {
      const name = (position: number) => ruleName(def, def.columns[position]!, defs);
      const line = `${name(formula.target)} = ${formulaText(formula.expr, name)}`;
      const checked = checkRuleLine(line, defs);
      if ('operands' in checked) rules.push(likely(line, formula.from, ['模板中的公式', formula.note].filter(Boolean).join('；')));
      else problems.push(`${formula.from} 的公式写成规则“${line}”时出错：${checked.message}`);
    }
    for (const unread of draft.unreadFormulas) problems.push(`${unread.from} 的公式 ${unread.formula} 没有写成规则：${unread.reason}`);
  });
  return { rules, problems };
}

/** A list whose name holds a count column's name (重大隐患整改台账 · 重大隐患): one row per counted thing. */
function suggestedRules(defs: readonly TableDef[]): Derived<string>[] {
  const suggestions: Derived<string>[] = [];
  for (const list of defs.filter((table) => table.kind === 'list')) {
    for (const table of defs.filter((other) => other.kind === 'row')) {
      const counted = table.columns.filter(
        (column) =>
          column.type === 'count' && compact(list.name).includes(compact(column.subHeaderTexts?.[0] ?? nameOfLabel(column.displayName))),
      );
      const best = counted.sort((a, b) => (b.subHeaderTexts?.[0] ?? b.name).length - (a.subHeaderTexts?.[0] ?? a.name).length)[0];
      if (!best || (best.subHeaderTexts?.[0] ?? best.name).length < 2) continue;
      const line = `行数(${list.name}) = ${ruleName(table, best, defs)}`;
      if ('operands' in checkRuleLine(line, defs))
        suggestions.push(
          guess(
            line,
            list.name,
            `「${list.name}」的名称含「${best.subHeaderTexts?.[0] ?? best.name}」：每个单位的台账行数也许应等于统计表中的这一栏；确认后去掉行首的 #`,
          ),
        );
    }
  }
  return suggestions;
}

export function templateRules(drafts: readonly DraftTable[], defs: readonly TableDef[]): TemplateRules {
  return { ...formulaRules(drafts, defs), suggestions: suggestedRules(defs) };
}
