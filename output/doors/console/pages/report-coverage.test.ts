import { describe, expect, it } from 'vitest';
import type { UnitResult } from '../../../../pipeline/merge/merge-result.js';
import type { PageData } from './page-data.js';
import { reportCoverage } from './report-coverage.js';

const data = (checklist: { key: string; title: string }[]) =>
  ({ snapshot: { context: { campaign: { checklist } } } }) as unknown as PageData;
const unit = {
  report: {
    file: '总结.docx',
    analysis: { chars: 600, scanned: false, mentionsProblems: true, mentionsRectification: true, areas: { web: true }, flags: [] },
  },
} as unknown as UnitResult;

describe('the 书面报告 part of the 单位 page', () => {
  it('lists each area of the checklist with whether the report covers it', () => {
    const page = reportCoverage(data([{ key: 'web', title: '网站' }]), unit).text;
    expect(page).toContain('<th>检查目录</th>');
    expect(page).toContain('<td>网站</td><td>是</td>');
  });

  it('shows no empty 检查目录 table when the campaign has no checklist', () => {
    const page = reportCoverage(data([]), unit).text;
    expect(page).toContain('600 字');
    expect(page).not.toContain('检查目录');
  });
});
