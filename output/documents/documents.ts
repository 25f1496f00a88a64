/**
 * The official documents huizong writes, each from one template in the campaign folder's
 * templates/ (plain text, so a clerk can open it with Notepad).
 */
import { join } from 'node:path';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { genericTemplatesDir } from '../../intake/kernel/package-root.js';

export const TEMPLATES_DIR = 'templates';

export interface DocumentKind {
  key: 'summary' | 'circular';
  /** Template file name inside templates/. */
  template: string;
  /** How the clerk calls it. */
  label: string;
}

export const SUMMARY: DocumentKind = { key: 'summary', template: '汇总报告.txt', label: '汇总报告' };
export const CIRCULAR: DocumentKind = { key: 'circular', template: '通报.txt', label: '通报' };
export const DOCUMENT_KINDS: readonly DocumentKind[] = [SUMMARY, CIRCULAR];

export function templatePath(campaign: Pick<Campaign, 'dir'>, kind: DocumentKind): string {
  return join(campaign.dir, TEMPLATES_DIR, kind.template);
}

/** The generic template of this kind, used where the campaign folder has none of its own. */
export function genericTemplatePath(kind: DocumentKind): string {
  return join(genericTemplatesDir(), kind.template);
}

/** How the run, `check` and the console name the generic template. */
export const GENERIC_TEMPLATE_NOTE = '（内置通用模板）';

/** `<title>汇总报告.docx`; the circular is `<title>通报（草稿）.docx` until the clerk marks it final. */
export function documentFileName(campaign: Pick<Campaign, 'file'>, kind: DocumentKind, draft: boolean): string {
  return `${campaign.file.title}${kind.label}${kind.key === 'circular' && draft ? '（草稿）' : ''}.docx`;
}
