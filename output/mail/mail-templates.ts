/**
 * The plain-text Handlebars templates of outbound mail, in the campaign folder beside the
 * documents' (templates/回执.txt, templates/催报.txt): the first line "标题：…" is the subject,
 * the rest the body. Same Handlebars environment and helpers as the documents (strict fields,
 * known helpers only, no escaping); data values are passed in, never compiled, so what a unit
 * typed stays text. A campaign folder without them (made before mail existed, or by hand) falls
 * back to the generic templates that list every table and material. Rendering is pure; reading the files is the only I/O here.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { genericTemplatesDir } from '../../intake/kernel/package-root.js';
import { decodeText } from '../../intake/kernel/text/decode-text.js';
import { looseKey } from '../../intake/kernel/text/normalize.js';
import { TEMPLATES_DIR } from '../documents/documents.js';
import { createEnvironment, fillTemplate, type TemplateIssue } from '../documents/handlebars-env.js';

export const MAIL_TEMPLATES = { receipt: '回执.txt', reminder: '催报.txt' } as const;
export type MailTemplateKind = keyof typeof MAIL_TEMPLATES;

export interface MailTemplate {
  kind: MailTemplateKind;
  source: string;
  /** "templates/回执.txt", or the generic one's name when the campaign has none. */
  where: string;
  bundled: boolean;
}

export async function loadMailTemplate(campaignDir: string, kind: MailTemplateKind): Promise<MailTemplate> {
  const own = join(campaignDir, TEMPLATES_DIR, MAIL_TEMPLATES[kind]);
  const path = existsSync(own) ? own : join(genericTemplatesDir(), MAIL_TEMPLATES[kind]);
  return {
    kind,
    source: decodeText(await readFile(path)).text,
    where: path === own ? `${TEMPLATES_DIR}/${MAIL_TEMPLATES[kind]}` : `${MAIL_TEMPLATES[kind]}（内置通用模板）`,
    bundled: path !== own,
  };
}

export type RenderedMail = { ok: true; subject: string; text: string } | { ok: false; issues: TemplateIssue[] };

const SUBJECT_LINE = /^\s*(?:标题|主题|Subject)\s*[：:]\s*(.*)$/i;

let environment: ReturnType<typeof createEnvironment> | undefined;

/** Fills a mail template: subject from the first non-empty line, the body with blank runs folded. */
export function renderMail(source: string, data: unknown): RenderedMail {
  environment ??= createEnvironment();
  const filled = fillTemplate(environment, source, data);
  if (!filled.ok) return { ok: false, issues: [filled.issue] };
  const lines = filled.text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  const subject = first >= 0 ? SUBJECT_LINE.exec(lines[first]!)?.[1]?.trim() : undefined;
  if (subject === undefined) return { ok: false, issues: [{ line: 1, column: 1, message: '第一行应为邮件标题，以“标题：”开头' }] };
  if (subject === '') return { ok: false, issues: [{ line: 1, column: 1, message: '邮件标题是空的' }] };
  const body = lines
    .slice(first + 1)
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { ok: true, subject: subject.replace(/\s+/g, ' '), text: `${body}\n` };
}

/**
 * A subject that names its campaign: the office runs several at once, and a unit (or the clerk)
 * must tell a receipt or reminder of one from another's. A template whose subject writes neither
 * the campaign's title nor its 文号 gets the title in front: 【政府信息公开保密审查专项检查】….
 */
export function subjectNamingCampaign(subject: string, file: { title: string; documentNumber: string }): string {
  const folded = looseKey(subject);
  if ([file.title, file.documentNumber].some((name) => looseKey(name).length > 0 && folded.includes(looseKey(name)))) return subject;
  return `【${file.title}】${subject}`;
}
