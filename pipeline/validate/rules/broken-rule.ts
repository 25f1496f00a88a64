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

/** The reverse of a comparison, to say it from the other side (5 > x ↔ x < 5). */
const REVERSED = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

export function describeBrokenRule(rule: Rule, outcome: Extract<RuleOutcome, { status: 'broken' }>): BrokenRuleText {
  const op = rule.comparisons[outcome.at]!;
  const show = (value: number | string) => (rule.valueKind === 'date' && typeof value === 'number' ? dateOfDay(value) : String(value));
  const [leftText, rightText] = [rule.operandTexts[outcome.at]!, rule.operandTexts[outcome.at + 1]!];
  const [leftLiteral, rightLiteral] = [rule.operands[outcome.at]!, rule.operands[outcome.at + 1]!].map(
    (operand) => operand.kind === 'number' || operand.kind === 'text' || operand.kind === 'date',
  );
  const [left, right] = [show(outcome.left), show(outcome.right)];
  let sentence: string;
  let expected: string;
  if (rightLiteral) {
    sentence = `「${leftText}」为 ${left}，应${COMPARISON_TEXT[op]} ${right}`;
    expected = `${COMPARISON_TEXT[op]} ${right}`;
  } else if (leftLiteral) {
    const reversed = REVERSED[op];
    sentence = `「${rightText}」为 ${right}，应${COMPARISON_TEXT[reversed]} ${left}`;
    expected = `${COMPARISON_TEXT[reversed]} ${left}`;
  } else {
    sentence = `「${leftText}」为 ${left}，「${rightText}」为 ${right}，前者应${COMPARISON_TEXT[op]}后者`;
    expected = `${COMPARISON_TEXT[op]} ${right}（${rightText}）`;
  }
  const found = rightLiteral || leftLiteral ? (rightLiteral ? left : right) : `${left}（${leftText}），${right}（${rightText}）`;
  return { summary: rule.message ?? `不符合规则「${rule.source}」：${sentence}`, found, expected };
}
