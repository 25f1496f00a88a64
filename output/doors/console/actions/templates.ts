/**
 * Checking, saving and previewing a document template from the 模板 page. The checks are
 * `huizong check`'s (fields, blocks, functions, markers, table names, a trial fill); a template
 * with mistakes is not written, so the documents keep being made from the last good one.
 */
import type { Campaign } from '../../../../intake/kernel/campaign/campaign.js';
import type { Decisions } from '../../../../intake/kernel/campaign/decisions.js';
import { writeFileAtomic } from '../../../../intake/kernel/files/atomic-write.js';
import type { MergeResult } from '../../../../pipeline/merge/merge-result.js';
import { checkTemplate } from '../../../documents/check-template.js';
import { type DocumentKind, TEMPLATES_DIR, templatePath } from '../../../documents/documents.js';
import { tableNames } from '../../../documents/named-tables.js';
import { renderOfficialDocument } from '../../../documents/render-document.js';
import { buildTemplateData } from '../../../documents/template-data.js';
import { templateFields } from '../../../documents/template-fields.js';
import { trialRender } from '../../../runner/template-trial.js';
import type { ConsoleState } from '../state/console-state.js';
import { readClerkText, withLineEnds } from './clerk-text.js';
import { type PreviewView, previewDocx } from './document-preview.js';
import { refuseBundled, withConsoleLock } from './guards.js';
import { rebuildLocked } from './rebuild.js';

export async function templateIssues(campaign: Campaign, decisions: Decisions, kind: DocumentKind, source: string): Promise<string[]> {
  const issues = checkTemplate(source, templateFields(campaign), tableNames(campaign)).map(
    (issue) => `第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`,
  );
  if (issues.length > 0) return issues;
  const where = `${TEMPLATES_DIR}/${kind.template}`;
  return (await trialRender(campaign, decisions, source, where)).map((line) => line.replace(`${where} `, ''));
}

export async function readTemplate(campaign: Campaign, kind: DocumentKind): Promise<string> {
  return (await readClerkText(templatePath(campaign, kind)))?.text ?? '';
}

/** Saves a template without mistakes and merges again; returns the mistakes instead when there are any. */
export async function saveTemplate(
  state: ConsoleState,
  kind: DocumentKind,
  submitted: string,
): Promise<{ saved: boolean; issues: string[] }> {
  return withConsoleLock(state, async () => {
    const context = await state.loadContext();
    refuseBundled(context.campaign);
    const snapshot = await state.current();
    const path = templatePath(context.campaign, kind);
    const current = await readClerkText(path);
    const source = withLineEnds(submitted, current?.text.includes('\r\n') ?? false);
    const issues = await templateIssues(context.campaign, snapshot.decisions, kind, source.replace(/\r\n/g, '\n'));
    if (issues.length > 0) return { saved: false, issues };
    await writeFileAtomic(path, source, current?.mode ?? 0o644);
    await rebuildLocked(state);
    return { saved: true, issues: [] };
  });
}

/** The pages of the document the template (as submitted, saved or not) makes from the current data. */
export async function previewTemplate(
  campaign: Campaign,
  result: MergeResult,
  decisions: Decisions,
  dataDir: string,
  kind: DocumentKind,
  submitted: string,
): Promise<{ issues: string[]; preview: PreviewView | null }> {
  const source = withLineEnds(submitted, false);
  const issues = await templateIssues(campaign, decisions, kind, source);
  if (issues.length > 0) return { issues, preview: null };
  const generatedAt = result.asOf ?? new Date().toISOString();
  const data = buildTemplateData({ campaign, result, decisions, generatedAt });
  const rendered = await renderOfficialDocument({
    campaign,
    source,
    data,
    title: kind.label,
    draft: kind.key === 'circular' && !decisions.circular.final,
  });
  if (!rendered.ok)
    return {
      issues: rendered.issues.map((issue) => `（填入数据后的文字）第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`),
      preview: null,
    };
  return { issues: [], preview: await previewDocx(rendered.docx, dataDir) };
}
