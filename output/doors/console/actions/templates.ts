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
import { refuseReadOnly, withConsoleLock } from './guards.js';
import type { ActionResult } from './output-changes.js';
import { rebuildLocked } from './rebuild.js';

/** One mistake of a submitted template, where it is. */
export interface TemplateIssue {
  /** 1-based; null when the mistake is not on a line of the template (it is in the filled-in text). */
  line: number | null;
  column: number | null;
  /** The whole sentence: "第 3 行第 5 列：…". */
  text: string;
}

/** A mistake of the filled-in text (the trial fill, the preview) has no line of the template to mark. */
function filledIssue(text: string): TemplateIssue {
  return { line: null, column: null, text };
}

export async function templateIssues(
  campaign: Campaign,
  decisions: Decisions,
  kind: DocumentKind,
  source: string,
): Promise<TemplateIssue[]> {
  const issues = checkTemplate(source, templateFields(campaign), tableNames(campaign)).map((issue) => ({
    line: issue.line,
    column: issue.column,
    text: `第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`,
  }));
  if (issues.length > 0) return issues;
  const where = `${TEMPLATES_DIR}/${kind.template}`;
  return (await trialRender(campaign, decisions, source, where)).map((line) =>
    filledIssue(line.replace(`${where} `, '').replace(where, '')),
  );
}

export async function readTemplate(campaign: Campaign, kind: DocumentKind): Promise<string> {
  return (await readClerkText(templatePath(campaign, kind)))?.text ?? '';
}

/** Saves a template without mistakes and merges again; returns the mistakes instead when there are any. */
export async function saveTemplate(
  state: ConsoleState,
  kind: DocumentKind,
  submitted: string,
): Promise<{ saved: boolean; issues: TemplateIssue[]; result?: ActionResult }> {
  return withConsoleLock(state, async () => {
    const context = await state.loadContext();
    refuseReadOnly(context);
    const snapshot = await state.current();
    const path = templatePath(context.campaign, kind);
    const current = await readClerkText(path);
    const source = withLineEnds(submitted, current?.text.includes('\r\n') ?? false);
    const issues = await templateIssues(context.campaign, snapshot.decisions, kind, source.replace(/\r\n/g, '\n'));
    if (issues.length > 0) return { saved: false, issues };
    await writeFileAtomic(path, source, current?.mode ?? 0o644);
    return { saved: true, issues: [], result: await rebuildLocked(state) };
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
): Promise<{ issues: TemplateIssue[]; preview: PreviewView | null }> {
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
      issues: rendered.issues.map((issue) => filledIssue(`（填入数据后的文字）第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`)),
      preview: null,
    };
  return { issues: [], preview: await previewDocx(rendered.docx, dataDir) };
}
