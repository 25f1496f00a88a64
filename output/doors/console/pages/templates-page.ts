/**
 * 模板: the two document templates, each in an editor with line numbers (the lines with a mistake
 * marked; a click on a mistake puts the cursor on its line). 检查并保存 checks first (the same
 * checks as `huizong check`, each mistake with line and column) and writes only a template
 * without mistakes; 预览 renders the text as it stands with the current data and shows the pages.
 */
import { type DocumentKind, TEMPLATES_DIR } from '../../../documents/documents.js';
import type { PreviewView } from '../actions/document-preview.js';
import type { TemplateIssue } from '../actions/templates.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';
import { previewImages } from './preview.js';

export interface TemplateView {
  kind: DocumentKind;
  /** The text shown: the file's, or what the clerk submitted (kept when it had mistakes). */
  source: string;
  issues: readonly TemplateIssue[];
  preview: PreviewView | null;
}

/** Line numbers beside the text area: drawn here for a browser without script, kept in step by console.js. */
function gutter(source: string, errorLines: ReadonlySet<number>): SafeHtml {
  const count = Math.max(1, source.split('\n').length);
  const numbers = Array.from({ length: count }, (_, index) => index + 1);
  return html`<div class="gutter" aria-hidden="true">${numbers.map((line) => html`<div${errorLines.has(line) ? html` class="bad"` : ''}>${line}</div>`)}</div>`;
}

function issuesBox(view: TemplateView): SafeHtml {
  if (view.issues.length === 0) return html``;
  const id = `template-source-${view.kind.key}`;
  return html`<div class="flash error template-issues">未保存：发现 ${view.issues.length} 处错误（左边行号为红色的行）<ul>${view.issues.map(
    (issue) =>
      issue.line === null
        ? html`<li>${issue.text}</li>`
        : html`<li><a href="#${id}" class="goto-line" data-target="${id}" data-line="${issue.line}" data-column="${issue.column ?? 1}">${issue.text}</a></li>`,
  )}</ul></div>`;
}

function editor(data: PageData, view: TemplateView): SafeHtml {
  const id = `template-source-${view.kind.key}`;
  const errorLines = new Set(view.issues.flatMap((issue) => (issue.line === null ? [] : [issue.line])));
  const text = html`<div class="editor">${gutter(view.source, errorLines)}<textarea name="source" id="${id}" class="template" spellcheck="false" wrap="off" data-error-lines="${[...errorLines].join(',')}"${data.readOnly ? html` readonly` : ''}>${view.source}</textarea></div>`;
  // The demo's templates are shown, not offered for saving.
  if (data.readOnly) return text;
  return html`<form method="post" action="${data.links.action('template')}">${csrfField(data.csrf)}<input type="hidden" name="kind" value="${view.kind.key}">
${text}
<p><button type="submit" name="intent" value="save">检查并保存</button> <button type="submit" name="intent" value="preview" class="secondary">预览</button> <span class="muted small">保存前先检查，有错误时不保存</span></p></form>`;
}

export function templatesBody(data: PageData, views: readonly TemplateView[]): SafeHtml {
  return html`<p>公文模板是活动文件夹 ${TEMPLATES_DIR}/ 中的纯文本文件，也可以用记事本修改。每行以【标记】开头，{{ }} 中是自动填入的数据，写法见说明书“公文模板”一节。保存前会先检查，有错误时不保存，并指出第几行第几列（左边是行号）。</p>
${views.map(
  (view) => html`<div class="panel template" id="template-${view.kind.key}">
<h2>${view.kind.label}（${TEMPLATES_DIR}/${view.kind.template}）</h2>
${issuesBox(view)}
${editor(data, view)}
${previewImages(data.links, view.preview, `preview-${view.kind.key}`)}
</div>`,
)}`;
}
