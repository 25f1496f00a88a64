/**
 * The generic 通报 a new campaign starts from reads right whatever the campaign's title: a title
 * that already ends in 工作 (as `init --from` derives it from 关于开展…工作的通知) gets no second 工作.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NO_DECISIONS } from '../../intake/kernel/campaign/decisions.js';
import { fixtureCampaign } from '../../test/support/fixture-campaigns.js';
import { mergeResult } from '../../test/support/merge-fixture.js';
import { CIRCULAR, genericTemplatePath } from './documents.js';
import { renderOfficialDocument } from './render-document.js';
import { buildTemplateData } from './template-data.js';

describe('the generic circular', () => {
  it('names the campaign once in 重视不够, whether or not its title ends in 工作', async () => {
    const source = await readFile(genericTemplatePath(CIRCULAR), 'utf8');
    for (const title of ['2026年汛前防汛安全隐患排查整治工作', '2026年度培训人员花名册报送']) {
      const fixture = await fixtureCampaign('huamingce-2026');
      const campaign = { ...fixture, file: { ...fixture.file, title } };
      const result = mergeResult(campaign, {});
      const data = buildTemplateData({ campaign, result, decisions: NO_DECISIONS, generatedAt: '2026-06-13T00:00:00.000Z' });
      const rendered = await renderOfficialDocument({ campaign, source, data, title: 't', draft: true });
      if (!rendered.ok) throw new Error(JSON.stringify(rendered.issues));
      const text = rendered.model.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : [])).join('\n');
      expect(text).toContain(`上述单位对${title}重视不够`);
      expect(text).not.toContain('工作工作');
    }
  });
});
