import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { decisionsSchema } from '../../intake/kernel/campaign/decisions.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { circularList } from './circular.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

const decide = (circular: object) => decisionsSchema.parse({ circular });

describe('circularList', () => {
  it('takes the units that have not reported and those that reported late, in roster order', () => {
    const result = mergeResult(campaign, {
      寇店镇: { status: 'late', firstReceivedAt: '2013-08-19T01:31:00Z' },
      佃庄镇: { status: 'missing' },
      区规划建设局: { status: 'incomplete', late: true, firstReceivedAt: '2013-08-20T02:00:00Z' },
      区安全生产监督管理局: { status: 'pending' },
      区招商局: { status: 'incomplete' },
    });
    const list = circularList(result, decide({}), '自查材料');
    expect(list.entries.map((entry) => [entry.unit, entry.kind])).toEqual([
      ['寇店镇', '逾期报送'],
      ['佃庄镇', '未报送'],
      ['区规划建设局', '逾期报送'],
    ]);
    expect(list.entries[0]!.reason).toBe('逾期报送自查材料，2013年8月19日9时31分才报送');
    expect(list.final).toBe(false);
    expect(list.newDeadline).toBeNull();
  });

  it('applies the clerk’s decisions: add with a reason, remove, exempt, final, new deadline', () => {
    const result = mergeResult(campaign, { 寇店镇: { status: 'late' }, 佃庄镇: { status: 'missing' }, 李村镇: { status: 'missing' } });
    const list = circularList(
      result,
      decide({
        add: [
          { unit: '区财政局', reason: '报告敷衍，工作开展不扎实' },
          { unit: '佃庄镇', reason: '且未说明原因' },
        ],
        remove: [{ unit: '寇店镇', reason: '系邮箱故障，已核实' }],
        exempt: [{ unit: '李村镇', reason: '经批准延期报送' }],
        final: true,
        newDeadline: '2013-08-25T18:00:00+08:00',
      }),
      '自查材料',
    );
    expect(list.entries).toEqual([
      {
        unit: '佃庄镇',
        kind: '未报送',
        reason: '截至通报时未报送自查材料；且未说明原因',
        situation: '未报送',
        status: '未报送',
        firstReceivedAt: null,
      },
      {
        unit: '区财政局',
        kind: '秘书科增加',
        reason: '报告敷衍，工作开展不扎实',
        situation: '报告敷衍，工作开展不扎实',
        status: '按时报送',
        firstReceivedAt: '2013-08-15T02:00:00.000Z',
      },
    ]);
    expect(list.removed).toEqual([{ unit: '寇店镇', reason: '系邮箱故障，已核实' }]);
    expect(list.exempt).toEqual([{ unit: '李村镇', reason: '经批准延期报送' }]);
    expect(list.final).toBe(true);
    expect(list.newDeadline).toBe('2013-08-25T18:00:00+08:00');
  });

  it('is empty when everyone reported on time', () => {
    expect(circularList(mergeResult(campaign, {}), decide({}), '自查材料').entries).toEqual([]);
  });

  describe('before the deadline has passed', () => {
    // The demo's deadline is 2013-08-18 18:00 (北京时间); the mailbox was read (an IMAP poll) before it.
    const EARLY = '2013-08-17T02:00:00.000Z';
    const early = (sketched: typeof sketches) => ({ ...mergeResult(campaign, sketched, EARLY), readAt: EARLY });
    const sketches = { 佃庄镇: { status: 'missing' }, 李村镇: { status: 'missing' } } as const;

    it('criticizes nobody: a unit that has not sent yet is not late', () => {
      const list = circularList(early(sketches), decide({}), '自查材料');
      expect(list.entries).toEqual([]);
      expect(list.deadlinePassed).toBe(false);
    });

    it('keeps only the units the clerk added, for the clerk’s reason', () => {
      const list = circularList(early(sketches), decide({ add: [{ unit: '佃庄镇', reason: '拒不报送' }] }), '自查材料');
      expect(list.entries.map((entry) => [entry.unit, entry.kind, entry.reason])).toEqual([['佃庄镇', '秘书科增加', '拒不报送']]);
    });

    it('goes by the time given when the data has none (no mail read yet)', () => {
      const result = mergeResult(campaign, sketches, null);
      expect(circularList(result, decide({}), '自查材料').entries).toEqual([]);
      expect(circularList(result, decide({}), '自查材料', '2013-08-19T00:00:00.000Z').entries.map((entry) => entry.unit)).toEqual([
        '李村镇',
        '佃庄镇',
      ]);
    });

    it('lists them once the data speaks for a time after the deadline', () => {
      const list = circularList(mergeResult(campaign, sketches), decide({}), '自查材料');
      expect(list.deadlinePassed).toBe(true);
      expect(list.entries.map((entry) => entry.kind)).toEqual(['未报送', '未报送']);
    });
  });

  it('lets an exemption win over an addition', () => {
    const list = circularList(
      mergeResult(campaign, {}),
      decide({ add: [{ unit: '庞村镇', reason: 'x' }], exempt: [{ unit: '庞村镇', reason: 'y' }] }),
      '自查材料',
    );
    expect(list.entries).toEqual([]);
  });
});
