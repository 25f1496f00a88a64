/**
 * A broken rule as the clerk and the unit read it: what each side of the failed comparison says
 * and what it should be, in Chinese, naming the rule's own words ("「已整改」为 12，「合计」为 10，
 * 前者应不大于后者"). The clerk's own `message:` replaces the sentence when the campaign gives one.
 */
import { COMPARISON_TEXT, type Rule } from '../../../intake/kernel/campaign/rules/rule-ast.js';
import { dateOfDay, type RuleOutcome } from './evaluate-rule.js';

export interface BrokenRuleText {
  summary: string;
  found: string;
  expected: string;
}

/** Days compare as earlier and later, not as smaller and larger (整改时限应不早于发现日期). */
const DATE_COMPARISON_TEXT: typeof COMPARISON_TEXT = {
  '=': '等于',
  '!=': '不等于',
  '<': '早于',
  '<=': '不晚于',
  '>': '晚于',
  '>=': '不早于',
};

/** The reverse of a comparison, to say it from the other side (5 > x ↔ x < 5). */
const REVERSED = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

export function describeBrokenRule(rule: Rule, outcome: Extract<RuleOutcome, { status: 'broken' }>): BrokenRuleText {
  const op = rule.comparisons[outcome.at]!;
  const words = rule.valueKind === 'date' ? DATE_COMPARISON_TEXT : COMPARISON_TEXT;
  const show = (value: number | string) => (rule.valueKind === 'date' && typeof value === 'number' ? dateOfDay(value) : String(value));
  const [leftText, rightText] = [rule.operandTexts[outcome.at]!, rule.operandTexts[outcome.at + 1]!];
  const [leftLiteral, rightLiteral] = [rule.operands[outcome.at]!, rule.operands[outcome.at + 1]!].map(
    (operand) => operand.kind === 'number' || operand.kind === 'text' || operand.kind === 'date',
  );
  const [left, right] = [show(outcome.left), show(outcome.right)];
  let sentence: string;
  let expected: string;
  if (rightLiteral) {
    sentence = `「${leftText}」为 ${left}，应${words[op]} ${right}`;
    expected = `${words[op]} ${right}`;
  } else if (leftLiteral) {
    const reversed = REVERSED[op];
    sentence = `「${rightText}」为 ${right}，应${words[reversed]} ${left}`;
    expected = `${words[reversed]} ${left}`;
  } else {
    sentence = `「${leftText}」为 ${left}，「${rightText}」为 ${right}，前者应${words[op]}后者`;
    expected = `${words[op]} ${right}（${rightText}）`;
  }
  const found = rightLiteral || leftLiteral ? (rightLiteral ? left : right) : `${left}（${leftText}），${right}（${rightText}）`;
  return { summary: rule.message ?? `不符合规则「${rule.source}」：${sentence}`, found, expected };
}
