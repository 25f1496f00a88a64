import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundledCampaignDir } from '../../../../intake/kernel/package-root.js';
import { applyDecisionEdit } from './decisions-edit.js';

const shipped = readFileSync(join(bundledCampaignDir(), 'decisions.yaml'), 'utf8');
const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));

describe('applyDecisionEdit', () => {
  it('adds an assignment and keeps every comment and the order of the keys', () => {
    const text = applyDecisionEdit(shipped, {
      kind: 'assign',
      message: '0123456789ab',
      unit: '庞村镇',
      reason: '已电话核实：系该镇工作人员用个人邮箱发送',
    });
    expect(comments(text)).toEqual(comments(shipped));
    expect(parse(text).assign).toEqual([{ message: '0123456789ab', unit: '庞村镇', reason: '已电话核实：系该镇工作人员用个人邮箱发送' }]);
    expect(text.indexOf('assign:')).toBeLessThan(text.indexOf('ignore:'));
    expect(text.indexOf('ignore:')).toBeLessThan(text.indexOf('circular:'));
  });

  it('writes an all-digit message id as a string, not a number', () => {
    const text = applyDecisionEdit(shipped, { kind: 'ignore', message: '123456789012', reason: '' });
    expect(parse(text).ignore).toEqual([{ message: '123456789012', reason: '' }]);
  });

  it('replaces an earlier decision about the same message, also one written by prefix', () => {
    const assigned = applyDecisionEdit(shipped.replace('ignore: []', 'ignore:\n  - message: 0123abcd\n    reason: 手写的决定'), {
      kind: 'assign',
      message: '0123abcd5678',
      unit: '李村镇',
      reason: '',
    });
    expect(parse(assigned).ignore).toEqual([]);
    expect(parse(assigned).assign).toHaveLength(1);
    const forgotten = applyDecisionEdit(assigned, { kind: 'forget-message', message: '0123abcd5678' });
    expect(parse(forgotten).assign).toEqual([]);
    expect(forgotten).toContain('assign: []');
  });

  it('keeps a hand-written decision of another message', () => {
    const hand = shipped.replace('assign: []', 'assign:\n  # 电话核实过\n  - message: aaaaaaaaaaaa\n    unit: 李村镇\n    reason: 手写');
    const text = applyDecisionEdit(hand, { kind: 'assign', message: 'bbbbbbbbbbbb', unit: '庞村镇', reason: '控制台' });
    expect(parse(text).assign.map((item: { message: string }) => item.message)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb']);
    expect(text).toContain('# 电话核实过');
  });

  it('moves a unit between the circular lists and back to the rules', () => {
    let text = applyDecisionEdit(shipped, { kind: 'circular-list', list: 'add', unit: '区财政局', reason: '报告敷衍' });
    text = applyDecisionEdit(text, { kind: 'circular-list', list: 'exempt', unit: '区财政局', reason: '经批准延期' });
    expect(parse(text).circular.add).toEqual([]);
    expect(parse(text).circular.exempt).toEqual([{ unit: '区财政局', reason: '经批准延期' }]);
    text = applyDecisionEdit(text, { kind: 'circular-unlist', unit: '区财政局' });
    expect(parse(text).circular).toMatchObject({ add: [], remove: [], exempt: [], final: false });
    expect(comments(text)).toEqual(comments(shipped));
  });

  it('sets final, the document number and date (a quoted date string), and removes them', () => {
    let text = applyDecisionEdit(shipped, { kind: 'circular-final', final: true });
    text = applyDecisionEdit(text, { kind: 'circular-meta', number: 12, date: '2013-08-21' });
    expect(parse(text).circular).toMatchObject({ final: true, number: 12, date: '2013-08-21' });
    expect(text).toContain('date: "2013-08-21"');
    text = applyDecisionEdit(text, { kind: 'circular-meta', number: null, date: null });
    expect(parse(text).circular.number).toBeUndefined();
    expect(parse(text).circular.date).toBeUndefined();
  });

  it('starts an empty or missing file', () => {
    expect(parse(applyDecisionEdit('', { kind: 'circular-final', final: true }))).toEqual({ circular: { final: true } });
    expect(parse(applyDecisionEdit('# 只有注释\n', { kind: 'assign', message: 'abcdefabcdef', unit: '庞村镇', reason: '' }))).toEqual({
      assign: [{ message: 'abcdefabcdef', unit: '庞村镇', reason: '' }],
    });
  });
});
