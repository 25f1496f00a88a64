/** 输出: the workbook, the send-up workbook and the documents to download; 重新汇总. */

import { changeLines } from '../actions/output-changes.js';
import { outputFiles } from '../state/output-files.js';
import { when } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';

/** The outputs written behind the clerk's decisions: still being written, or what their last write did. */
function behindNote(data: PageData): SafeHtml | string {
  const { pending, last } = data.behind;
  const { campaign, outDir } = data.snapshot.context;
  if (pending)
    return html`<p class="flash info" id="outputs-behind" data-behind-url="${data.links.to('/outputs-behind')}">正在按最新的决定重新生成汇总表和公文；此时下载会等生成完成后给出新文件。</p>`;
  if (!last) return '';
  if (last.error !== null)
    return html`<div class="flash error" id="outputs-behind">按最新的决定生成汇总表和公文时出错：${last.error}</div>`;
  const { written, changes } = last.value;
  const failed =
    written.failedDocuments > 0
      ? html`<p>有 ${written.failedDocuments} 份公文因模板有误未能生成（其余文件已生成），请到“模板”页查看错误并改正。</p>`
      : '';
  return html`<div class="flash ${written.failedDocuments > 0 ? 'error' : 'info'}" id="outputs-behind"><p>按最新的决定生成的结果：</p>${failed}<ul>${changeLines(campaign, outDir, changes).map((line) => html`<li>${line}</li>`)}</ul></div>`;
}

export function outputsBody(data: PageData): SafeHtml {
  const { context, result } = data.snapshot;
  const final = data.snapshot.decisions.circular.final;
  const files = outputFiles(context.campaign, context.outDir).filter((file) => file.size !== null);
  // A final circular left from before 改回草稿 is not the current one: said beside it.
  const note = (key: string) =>
    key === 'circular-final' && !final ? html`<span class="muted small">（先前定稿的版本；通报现在是草稿）</span>` : '';
  return html`<p>数据截至 ${when(result.asOf)}。输出文件夹：${context.outDir}</p>
${behindNote(data)}
${
  files.length === 0
    ? html`<p class="muted">还没有生成输出文件，请按“重新汇总”。</p>`
    : html`<table class="grid" id="outputs"><thead><tr><th>文件</th><th>内容</th><th>大小</th><th>生成时间</th></tr></thead><tbody>${files.map(
        (file) =>
          html`<tr><td><a href="${data.links.to(`/outputs/${file.key}`)}" download>${file.name}</a></td><td>${file.label}${note(file.key)}</td><td class="num">${Math.max(1, Math.round(file.size! / 1024))} KB</td><td>${when(file.modifiedAt)}</td></tr>`,
      )}</tbody></table>`
}
${
  // An archived campaign's outputs are final: downloaded, never made again.
  data.readOnly === 'archived'
    ? ''
    : html`<form method="post" action="${data.links.action('merge')}">${csrfField(data.csrf)}<p><button type="submit">重新汇总</button> <span class="muted small">根据已存档的来信和秘书科的决定重新生成汇总表和公文（不收信）；没有变化的文件不重写</span></p></form>`
}`;
}
