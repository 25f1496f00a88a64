/**
 * One template + the data → one .docx: check the template, fill it with Handlebars, read the
 * markup into the document model, build the Word file. Pure apart from the packing, and it
 * never throws for a bad template: the mistakes come back with their line and column.
 */
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { renderDocx } from './build-docx.js';
import { checkTemplate } from './check-template.js';
import type { DocumentModel } from './document-model.js';
import { documentEnvironment, fillTemplate, type TemplateIssue } from './handlebars-env.js';
import { parseMarkup } from './markup.js';
import { namedTables, tableNames } from './named-tables.js';
import { protectData, type TemplateData } from './template-data.js';
import { templateFields } from './template-fields.js';

export interface RenderRequest {
  campaign: Campaign;
  /** The template's text (already decoded). */
  source: string;
  data: TemplateData;
  /** The Word file's title property. */
  title: string;
  draft: boolean;
  /** Stored in the file's properties (see build-docx.ts). */
  identifier?: string;
}

export type RenderResult =
  | { ok: true; docx: Buffer; model: DocumentModel }
  /** `filled`: the line numbers refer to the filled-in text, not to the template. */
  | { ok: false; issues: TemplateIssue[]; filled: boolean };

export async function renderOfficialDocument(request: RenderRequest): Promise<RenderResult> {
  const env = documentEnvironment();
  const fields = templateFields(request.campaign);
  const issues = checkTemplate(request.source, fields, tableNames(request.campaign), env);
  if (issues.length > 0) return { ok: false, issues, filled: false };
  const filled = fillTemplate(env, request.source, protectData(request.data, fields));
  if (!filled.ok) return { ok: false, issues: [filled.issue], filled: false };
  const parsed = parseMarkup(filled.text, { tables: namedTables(request.campaign, request.data) });
  if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues, filled: true };
  const model: DocumentModel = { blocks: parsed.blocks };
  const docx = await renderDocx(model, {
    title: request.title,
    draft: request.draft,
    createdAt: request.data.generatedAt,
    ...(request.identifier ? { identifier: request.identifier } : {}),
  });
  return { ok: true, docx, model };
}
