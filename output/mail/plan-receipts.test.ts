import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { genericTemplatesDir } from '../../intake/kernel/package-root.js';
import { warning } from '../../intake/kernel/problems.js';
import type { MergeResult, MessageRecord } from '../../pipeline/merge/merge-result.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { MAIL_TEMPLATES } from './mail-templates.js';
import { planReceipts } from './plan-receipts.js';
import { planReminders } from './plan-reminders.js';
import { OPENING_ROUND } from './reminder-rounds.js';

let campaign: Campaign;
let receiptTemplate: string;
let reminderTemplate: string;
beforeAll(async () => {
  campaign = await demoCampaign();
  receiptTemplate = (await readFile(join(genericTemplatesDir(), MAIL_TEMPLATES.receipt), 'utf8')).toString();
  reminderTemplate = (await readFile(join(genericTemplatesDir(), MAIL_TEMPLATES.reminder), 'utf8')).toString();
});

const ID = 'c'.repeat(64);
const PENDING_ID = 'd'.repeat(64);

/** The unit's own message, and a doubtful one from another sender that may be the unit's. */
function withDoubtfulMail(unit: string, status: 'onTime' | 'invalid'): MergeResult {
  const result = mergeResult(campaign, { [unit]: { status } });
  const own: MessageRecord = {
    id: ID,
    shortId: ID.slice(0, 12),
    receivedAt: '2013-08-15T02:00:00.000Z',
    receivedSource: 'internaldate',
    from: 'unit@example.gov.cn',
    subject: '自查材料',
    files: ['统计表.xlsx'],
    origin: '',
    unit,
    outcome: 'adopted',
    basis: '',
  };
  const doubtful: MessageRecord = {
    ...own,
    id: PENDING_ID,
    shortId: PENDING_ID.slice(0, 12),
    from: 'other@example.gov.cn',
    subject: '转发：材料',
    unit: null,
    outcome: 'pending',
  };
  const maybeMore = warning('unit.maybe_more', `另有来信（编号 ${doubtful.shortId}）可能属于本单位，待核实`, { unit });
  return {
    ...result,
    units: result.units.map((each) => (each.unit === unit ? { ...each, problems: [...each.problems, maybeMore] } : each)),
    messages: [own, doubtful],
  };
}

describe('receipts and reminders say only what the unit can act on', () => {
  const unit = '佃庄镇';

  it('leave out a doubtful message that may be the unit’s: the clerk attributes it, the unit gets a receipt then', () => {
    const plan = planReceipts({
      campaign,
      result: withDoubtfulMail(unit, 'onTime'),
      entries: [],
      machineWritten: new Map(),
      template: { source: receiptTemplate, where: MAIL_TEMPLATES.receipt },
      newDeadline: null,
      now: Date.parse('2013-08-20T02:00:00.000Z'),
    });
    const receipt = plan.planned.find((mail) => mail.unit === unit);
    expect(receipt?.text).toBeDefined();
    expect(receipt!.text).not.toContain('待核实');
    expect(receipt!.text).not.toContain(PENDING_ID.slice(0, 12));
    expect(receipt!.text).toContain('核对未发现问题');
    // The office still hears of it (the preview's list of what is not sent).
    expect(plan.skipped.map((item) => item.reason).join('\n')).toContain('待核实');
  });

  it('keep the unit’s own problems beside it', () => {
    const plan = planReceipts({
      campaign,
      result: withDoubtfulMail(unit, 'invalid'),
      entries: [],
      machineWritten: new Map(),
      template: { source: receiptTemplate, where: MAIL_TEMPLATES.receipt },
      newDeadline: null,
      now: Date.parse('2013-08-20T02:00:00.000Z'),
    });
    const text = plan.planned.find((mail) => mail.unit === unit)!.text;
    expect(text).toContain('需要注意的问题（共 1 条）');
    expect(text).toContain('不是数字');
    expect(text).not.toContain('待核实');
  });

  it('a reminder leaves it out too', () => {
    const plan = planReminders({
      campaign,
      result: withDoubtfulMail(unit, 'invalid'),
      entries: [],
      round: OPENING_ROUND,
      template: { source: reminderTemplate, where: MAIL_TEMPLATES.reminder },
      newDeadline: null,
      now: Date.parse('2013-08-20T02:00:00.000Z'),
    });
    const text = plan.planned.find((mail) => mail.unit === unit)!.text;
    expect(text).toContain('不是数字');
    expect(text).not.toContain('待核实');
    expect(text).not.toContain(PENDING_ID.slice(0, 12));
  });
});
