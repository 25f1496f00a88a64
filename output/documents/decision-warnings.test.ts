import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { decisionsSchema } from '../../intake/kernel/campaign/decisions.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { decisionWarnings } from './decision-warnings.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

const decide = (circular: object) => decisionsSchema.parse({ circular });

describe('decisions that are probably not what the clerk meant', () => {
  it('warns of a duplicate add, an add that is also exempted, and the exemption of a non-candidate', () => {
    const result = mergeResult(campaign, { 寇店镇: { status: 'late', late: true } });
    const warnings = decisionWarnings(
      decide({
        add: [
          { unit: '区财政局', reason: 'a' },
          { unit: '区财政局', reason: 'b' },
          { unit: '李村镇', reason: 'c' },
        ],
        exempt: [
          { unit: '庞村镇', reason: '经批准' },
          { unit: '李村镇', reason: 'x' },
        ],
      }),
      result,
    );
    expect(warnings).toEqual([
      'circular.add 中「区财政局」写了不止一次，通报中只列一次',
      '「李村镇」同时写在 circular.add 和 circular.exempt 中，按 exempt 处理，不予通报',
      'circular.exempt 中的「庞村镇」不在通报候选中（按时报送），这条决定不起作用',
    ]);
  });

  it('warns of a new deadline before the date of the circular', () => {
    expect(decisionWarnings(decide({ date: '2013-08-22', newDeadline: '2013-08-20T18:00:00+08:00' }), null)).toEqual([
      'circular.newDeadline（2013年8月20日18时）早于成文日期 circular.date（2013年8月22日），补报期限已过',
    ]);
    expect(decisionWarnings(decide({ date: '2013-08-22', newDeadline: '2013-08-25T18:00:00+08:00' }), null)).toEqual([]);
  });
});
