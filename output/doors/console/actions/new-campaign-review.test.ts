import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../../../intake/kernel/package-root.js';
import { type CampaignDraft, deriveCampaign } from '../../../../pipeline/setup/derive-campaign.js';
import { draftMistakes } from '../../../../pipeline/setup/draft-checks.js';
import { draftCampaignYaml } from '../../../../pipeline/setup/draft-yaml.js';
import { readSetupFiles } from '../../../../pipeline/setup/read-setup-files.js';
import { draftColumns } from '../../../../pipeline/setup/table/derive-table.js';
import { applyReview, deadlineFrom, typeChoiceOf } from './new-campaign-review.js';

const TEMPLATE = join(packageRoot(), 'test', 'fixtures', 'setup', 'gongkai-2026', '附件1 政务公开工作统计表.xlsx');
let draft: CampaignDraft;

beforeAll(async () => {
  const files = await readSetupFiles([{ name: '附件1 政务公开工作统计表.xlsx', content: await readFile(TEMPLATE) }]);
  draft = deriveCampaign({ notice: null, templates: files, roster: null, today: '2026-03-02' });
});

describe('applyReview', () => {
  it('takes the clerk’s title, 文号 and deadline as the clerk’s, and leaves the rest as read', () => {
    const { draft: reviewed, mistakes } = applyReview(draft, {
      title: '2026年政务公开检查',
      documentNumber: '伊滨办〔2026〕9号',
      deadlineDate: '2026-03-20',
      deadlineTime: '17:30',
    });
    expect(mistakes).toEqual([]);
    expect(reviewed.title).toEqual({ value: '2026年政务公开检查', from: '秘书科', confidence: 'sure', note: '秘书科核定' });
    expect(reviewed.deadline.value).toBe('2026-03-20T17:30:00+08:00');
    expect(reviewed.issuingOffice).toBe(draft.issuingOffice);
    expect(draftCampaignYaml(reviewed)).toContain('documentNumber: 伊滨办〔2026〕9号');
  });

  it('changes a column’s type and unit from the select, and the campaign written still passes check', () => {
    const before = draftColumns(draft.tables[0]!.entries);
    const { draft: reviewed } = applyReview(draft, { 't0-c0': 'text', 't0-c1': 'amount-元' });
    const after = draftColumns(reviewed.tables[0]!.entries);
    expect(typeChoiceOf(after[0]!)).toBe('text');
    expect(typeChoiceOf(after[1]!)).toBe('amount-元');
    expect(after.slice(2)).toEqual(before.slice(2));
    expect(draftMistakes({ ...reviewed, roster: { units: [{ name: '甲', aliases: [], emails: [] }], from: 'x' } })).toEqual([]);
  });

  it('renames a table and the materials that name it, and refuses a deadline that is no date', () => {
    const { draft: reviewed, mistakes } = applyReview(draft, {
      't0-name': '统计表（改）',
      deadlineDate: '2026-02-30',
      deadlineTime: '25:00',
    });
    expect(reviewed.tables[0]!.name.value).toBe('统计表（改）');
    expect(reviewed.required.some((entry) => entry.value === '统计表（改）')).toBe(true);
    expect(mistakes[0]).toContain('不是有效的日期和时间');
    expect(reviewed.deadline).toBe(draft.deadline);
  });

  it('reads the rules as lines', () => {
    expect(applyReview(draft, { rules: ' a <= b \r\n\r\nc = d' }).draft.rules.map((rule) => rule.value)).toEqual(['a <= b', 'c = d']);
  });
});

describe('deadlineFrom', () => {
  it('is Beijing time, or null', () => {
    expect(deadlineFrom('2013-08-18', '18:00')).toBe('2013-08-18T18:00:00+08:00');
    expect(deadlineFrom('2013-8-18', '18:00')).toBeNull();
    expect(deadlineFrom('2013-08-18', '6 PM')).toBeNull();
  });
});
