import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportParagraphs } from '../../examples/kit/report-docx.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../../test/support/demo-campaign.js';
import { analyzeReport } from './analyze-report.js';

let campaign: Campaign;
beforeAll(async () => {
  campaign = await demoCampaign();
});

describe('analyzeReport', () => {
  it('finds all five areas, problems and rectification in a complete report', () => {
    const analysis = analyzeReport(defaultReportParagraphs('庞村镇').join('\n'), campaign);
    expect(analysis.areas).toEqual({ system: true, release: true, network: true, website: true, social: true });
    expect(analysis.mentionsProblems).toBe(true);
    expect(analysis.mentionsRectification).toBe(true);
    expect(analysis.chars).toBeGreaterThan(500);
    expect(analysis.flags).toEqual([]);
  });

  it('flags missing areas, a short text and no rectification, for the clerk', () => {
    const analysis = analyzeReport('我单位认真开展了计算机检查，未发现问题。', campaign);
    expect(analysis.areas).toMatchObject({ network: true, social: false });
    expect(analysis.flags).toEqual([
      '未涉及：政府信息公开保密审查制度建设情况、政府信息公开发布各环节保密制度落实情况、机关、单位网站管理情况、社会网站监管情况',
      `报告仅 ${'我单位认真开展了计算机检查，未发现问题。'.length} 字，少于 500 字`,
      '未提及整改情况',
    ]);
  });

  it('says when a report cannot be read or is a scan', () => {
    expect(analyzeReport(null, campaign, { scanned: true })).toMatchObject({
      chars: null,
      scanned: true,
      flags: ['报告为扫描件，无法分析内容，请人工查看'],
    });
    expect(analyzeReport(null, campaign).flags).toEqual(['报告内容无法读取，请人工查看']);
  });
});
