/**
 * 模板: the two document templates in text areas. 保存 checks first (the same checks as
 * `huizong check`, each mistake with line and column) and writes only a template without
 * mistakes; 预览 renders the text as it stands with the current data and shows the pages.
 */
import { type DocumentKind, TEMPLATES_DIR } from '../../../documents/documents.js';
import type { PreviewView } from '../actions/document-preview.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';
import { previewImages } from './preview.js';

export interface TemplateView {
  kind: DocumentKind;
  /** The text shown: the file's, or what the clerk submitted (kept when it had mistakes). */
  source: string;
  /** Mistakes of the submitted text, "第 3 行第 5 列：…". */
  issues: readonly string[];
  preview: PreviewView | null;
}

export function templatesBody(data: PageData, views: readonly TemplateView[]): SafeHtml {
  return html`<p>公文模板是活动文件夹 ${TEMPLATES_DIR}/ 中的纯文本文件，也可以用记事本修改。写法见说明书“公文模板”一节；保存前会先检查，有错误时不保存并指出第几行第几列。</p>
${views.map(
  (view) => html`<div class="panel template" id="template-${view.kind.key}">
<h2>${view.kind.label}（${TEMPLATES_DIR}/${view.kind.template}）</h2>
${view.issues.length > 0 ? html`<div class="flash error template-issues">未保存：发现 ${view.issues.length} 处错误<ul>${view.issues.map((line) => html`<li>${line}</li>`)}</ul></div>` : ''}
<form method="post" action="/actions/template">${csrfField(data.csrf)}<input type="hidden" name="kind" value="${view.kind.key}">
<textarea name="source" class="template" spellcheck="false">${view.source}</textarea>
<p><button type="submit" name="intent" value="save">检查并保存</button> <button type="submit" name="intent" value="preview" class="secondary">预览</button></p></form>
${previewImages(view.preview)}
</div>`,
)}`;
}
