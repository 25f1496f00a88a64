import { describe, expect, it } from 'vitest';
import { ruleMessage } from './rule-messages.js';

describe('ruleMessage', () => {
  it('names a rule by its place in the box, the message kept word for word', () => {
    expect(ruleMessage('campaign.yaml 第 74 行第 5 列，rules[0]：「a」不是表格中的列，请照表头写列名')).toBe(
      '第 1 条规则：「a」不是表格中的列，请照表头写列名',
    );
    expect(ruleMessage('campaign.yaml 第 80 行，rules[3].rule：规则不能为空')).toBe('第 4 条规则：规则不能为空');
  });

  it('leaves a message about another part of the file whole', () => {
    const other = 'campaign.yaml 第 15 行，deadline：应为带时区的 ISO 8601 时间';
    expect(ruleMessage(other)).toBe(other);
  });
});
