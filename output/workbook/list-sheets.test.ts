import { beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import type { UnitResult } from '../../pipeline/merge/merge-result.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { unitResult } from '../../test/support/merge-fixture.js';
import { adoptedTablesText } from './list-sheets.js';

// The flood-season campaign: 附件1 a 统计表, 附件2 a 台账.
let campaign: Campaign;
beforeAll(async () => {
  campaign = await fixtureCampaign('yinhuan-2026');
});

const [STAT, LIST] = ['汛期安全隐患排查整治情况统计表', '重大隐患整改台账'];
const [FIRST, SECOND] = ['1'.repeat(64), '2'.repeat(64)];

/** 庞村镇 with its 统计表 and 台账 taken from the files and messages given. */
function unit(stat: [string, string], list: [string, string] | null): UnitResult {
  const base = unitResult(campaign, '庞村镇', { status: 'onTime' });
  const take = (key: string, [file, messageId]: [string, string]) => ({ ...base.tables[key]!, file, messageId });
  return {
    ...base,
    tables: { ...base.tables, [STAT]: take(STAT, stat), ...(list ? { [LIST]: take(LIST, list) } : {}) },
  };
}

describe('采用的统计表', () => {
  it('names the one file when every table came from it, or only one table was sent', () => {
    expect(adoptedTablesText(campaign, unit(['统计表.xlsx', FIRST], ['统计表.xlsx', FIRST]))).toBe('统计表.xlsx');
    expect(adoptedTablesText(campaign, unit(['统计表.xlsx', FIRST], null))).toBe('统计表.xlsx');
  });

  it('names each file with its tables when a later file replaced one of them', () => {
    expect(adoptedTablesText(campaign, unit(['统计表.xlsx', FIRST], ['台账（更正）.xlsx', SECOND]))).toBe(
      '统计表.xlsx（附件1）\n台账（更正）.xlsx（附件2）',
    );
  });

  it('tells two files of the same name apart by their messages', () => {
    expect(adoptedTablesText(campaign, unit(['统计表.xlsx', FIRST], ['统计表.xlsx', SECOND]))).toBe(
      `统计表.xlsx（附件1，来信 ${FIRST.slice(0, 12)}）\n统计表.xlsx（附件2，来信 ${SECOND.slice(0, 12)}）`,
    );
  });
});
