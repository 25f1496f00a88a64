/**
 * campaign.yaml's `rules:` read against its tables: each entry a Rule, or a mistake saying where
 * (the entry, and the offset in its line) and what, in Chinese. `check`, the loader and the
 * console's rule editor all read rules here, so they say the same.
 */
import type { RuleEntry } from '../schema/rule-schema.js';
import type { TableDef } from '../tables.js';
import { legacyRule } from './legacy-rule.js';
import { parseRule, RuleSyntaxError } from './parse-rule.js';
import type { Rule } from './rule-ast.js';
import { RuleNames } from './rule-names.js';

export interface RuleMistake {
  /** Position in `rules:`. */
  index: number;
  message: string;
  /** Offset in the rule's line (for a line rule), or the side of an old `{type: lte}` rule. */
  at?: number;
  side?: 'left' | 'right';
}

export function readRules(entries: readonly RuleEntry[], tables: readonly TableDef[]): { rules: Rule[]; mistakes: RuleMistake[] } {
  const names = new RuleNames(tables);
  const rules: Rule[] = [];
  const mistakes: RuleMistake[] = [];
  entries.forEach((entry, index) => {
    if (typeof entry === 'object' && 'type' in entry) {
      const rule = legacyRule(entry, tables, index);
      if ('mistake' in rule) mistakes.push({ index, message: rule.mistake, side: rule.side });
      else rules.push(rule);
      return;
    }
    const line = typeof entry === 'string' ? entry : entry.rule;
    const message = typeof entry === 'string' ? undefined : entry.message;
    try {
      rules.push(parseRule(line, names, index, message));
    } catch (error) {
      if (!(error instanceof RuleSyntaxError)) throw error;
      mistakes.push({ index, message: error.message, at: error.at });
    }
  });
  return { rules, mistakes };
}

/** One rule line checked as the clerk types it (the console's rule editor): the rule or its mistake. */
export function checkRuleLine(line: string, tables: readonly TableDef[]): Rule | RuleMistake {
  const { rules, mistakes } = readRules([line], tables);
  return rules[0] ?? mistakes[0]!;
}
