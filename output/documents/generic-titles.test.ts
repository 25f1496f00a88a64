/**
 * The titles of the generic templates a new campaign starts from read right whatever the
 * campaign's title ends in: `init --from` derives it from the notice's title, so it may already
 * end in 情况 (关于报送…建设进展情况的通知), 工作, 统计, 检查 or 排查; the template adds no second one.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { CIRCULAR, type DocumentKind, genericTemplatePath, SUMMARY } from './documents.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData } from './template-data.js';

const TITLES = [
  '2026年第二季度重点项目建设进展情况',
  '2026年汛前防汛安全隐患排查整治工作',
  '2026年度固定资产投资统计',
  '2026年安全生产大检查',
  '2026年城镇燃气安全隐患排查',
  '2026年度培训人员花名册报送',
];

async function titleOf(kind: DocumentKind, title: string): Promise<string> {
  const source = await readFile(genericTemplatePath(kind), 'utf8');
  const fixture = await fixtureCampaign('huamingce-2026');
  const campaign = { ...fixture, file: { ...fixture.file, title } };
  const result = mergeResult(campaign, {});
  const data = buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: '2026-06-13T00:00:00.000Z' });
  const rendered = await renderOfficialDocument({ campaign, source, data, title: 't', draft: true });
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
  // The document's title: its first run of title blocks (the annexes' titles come later).
  const blocks = rendered.model.blocks;
  const first = blocks.findIndex((block) => block.kind === 'title');
  const end = blocks.findIndex((block, index) => index > first && block.kind !== 'title');
  return blocks
    .slice(first, end)
    .flatMap((block) => (block.kind === 'title' ? block.lines : []))
    .join('');
}

describe('the titles of the generic templates', () => {
  it('name a summary of the campaign’s 情况 once: 关于…进展情况的汇总报告, 关于…大检查情况的汇总报告', async () => {
    expect(await titleOf(SUMMARY, TITLES[0]!)).toBe('关于2026年第二季度重点项目建设进展情况的汇总报告');
    expect(await titleOf(SUMMARY, '2026年安全生产大检查')).toBe('关于2026年安全生产大检查情况的汇总报告');
  });

  it('double no word the campaign’s title ends in, in the summary or the circular', async () => {
    for (const kind of [SUMMARY, CIRCULAR])
      for (const title of TITLES) {
        const text = await titleOf(kind, title);
        expect(text).toContain(title);
        expect(text).not.toMatch(/(情况|工作|统计|检查|排查)\1/u);
      }
  });
});
