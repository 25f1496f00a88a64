/**
 * What a written report covers, for the clerk to look at: which areas of the checklist (附件1)
 * it addresses (by the campaign's keywords, not by code), its length, whether it mentions
 * problems found and rectification (整改). A flag for a human, never an automatic criticism.
 *
 * Pure: report text and campaign settings in, analysis out.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { compact } from '../../intake/kernel/text/normalize.js';

export interface ReportAnalysis {
  /** Characters of text, whitespace excluded; null when the text could not be read. */
  chars: number | null;
  /** Per checklist area key: does the report address it? Empty when the text is unknown. */
  areas: Record<string, boolean>;
  mentionsProblems: boolean;
  mentionsRectification: boolean;
  /** A scan (PDF without text layer): it counts as a report, but cannot be analysed. */
  scanned: boolean;
  /** Short notes for the clerk, in Chinese ("未涉及：社会网站监管情况"). */
  flags: string[];
}

const mentionsAny = (text: string, keywords: readonly string[]) => keywords.some((keyword) => text.includes(compact(keyword)));

export function analyzeReport(
  text: string | null,
  campaign: Pick<Campaign, 'checklist' | 'file'>,
  options: { scanned?: boolean } = {},
): ReportAnalysis {
  const scanned = options.scanned ?? false;
  if (text === null) {
    return {
      chars: null,
      areas: {},
      mentionsProblems: false,
      mentionsRectification: false,
      scanned,
      flags: [scanned ? '报告为扫描件，无法分析内容，请人工查看' : '报告内容无法读取，请人工查看'],
    };
  }
  const body = compact(text);
  const areas = Object.fromEntries(campaign.checklist.map((area) => [area.key, mentionsAny(body, area.keywords)]));
  const report = campaign.file.report;
  const mentionsProblems = mentionsAny(body, report.problemKeywords);
  const mentionsRectification = mentionsAny(body, report.rectificationKeywords);
  const flags: string[] = [];
  const missing = campaign.checklist.filter((area) => !areas[area.key]).map((area) => area.title);
  if (missing.length > 0) flags.push(`未涉及：${missing.join('、')}`);
  if (body.length < report.minChars) flags.push(`报告仅 ${body.length} 字，少于 ${report.minChars} 字`);
  if (report.problemKeywords.length > 0 && !mentionsProblems) flags.push('未提及发现的问题');
  if (report.rectificationKeywords.length > 0 && !mentionsRectification) flags.push('未提及整改情况');
  return { chars: body.length, areas, mentionsProblems, mentionsRectification, scanned, flags };
}
