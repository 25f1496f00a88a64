import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { type FingerprintInputs, inputFingerprint } from './input-fingerprint.js';

let base: FingerprintInputs;
beforeAll(async () => {
  const campaign: Campaign = await demoCampaign();
  base = {
    storedIds: ['a'.repeat(64), 'b'.repeat(64)],
    analyzerVersion: 5,
    campaign,
    decisions: NO_DECISIONS,
    templates: new Map([['汇总报告.txt', Buffer.from('【标题】汇总')]]),
    program: 'p1',
  };
});

describe('the input fingerprint', () => {
  it('is the same for the same inputs', () => {
    expect(inputFingerprint({ ...base, templates: new Map(base.templates!) })).toBe(inputFingerprint(base));
  });

  it('changes with every input the outputs are made from', () => {
    const variants: Partial<FingerprintInputs>[] = [
      { storedIds: [...base.storedIds, 'c'.repeat(64)] },
      { analyzerVersion: 6 },
      { campaign: { ...base.campaign, extractionFingerprint: 'other' } },
      { campaign: { ...base.campaign, roster: base.campaign.roster.slice(1) } },
      { campaign: { ...base.campaign, file: { ...base.campaign.file, title: '另一个活动' } } },
      { decisions: { ...NO_DECISIONS, circular: { ...NO_DECISIONS.circular, final: true } } },
      { templates: new Map([['汇总报告.txt', Buffer.from('【标题】汇总 ')]]) },
      { templates: new Map([...base.templates!, ['通报.txt', Buffer.from('')]]) },
      { templates: null },
      { program: 'p2' },
      // A mailbox read before the deadline drafts no circular: the first poll past it writes again.
      { readBeforeDeadline: true },
    ];
    const prints = variants.map((variant) => inputFingerprint({ ...base, ...variant }));
    expect(new Set([inputFingerprint(base), ...prints]).size).toBe(variants.length + 1);
  });

  it('stays the same whatever the mailbox was read when, past the deadline', () => {
    expect(inputFingerprint({ ...base, readBeforeDeadline: false })).toBe(inputFingerprint(base));
  });
});
