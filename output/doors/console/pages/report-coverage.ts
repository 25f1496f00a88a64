/**
 * The 书面报告 part of the 单位 page: the report adopted, its length, whether it says what was
 * found and what was put right, and its coverage of the campaign's checklist (no table when the
 * campaign has no checklist).
 */
import type { UnitResult } from '../../../../pipeline/merge/merge-result.js';
import { html, type SafeHtml } from './html.js';
import type { PageData } from './page-data.js';

export function reportCoverage(data: PageData, unit: UnitResult): SafeHtml {
  if (!unit.report) return html`<p class="muted">没有收到书面报告。</p>`;
  const { analysis } = unit.report;
  const checklist = data.snapshot.context.campaign.checklist;
  return html`<p>文件《${unit.report.file}》，${analysis.chars === null ? '内容无法读取' : `${analysis.chars} 字`}${analysis.scanned ? '，扫描件' : ''}；${analysis.mentionsProblems ? '写了' : '未写'}发现的问题，${analysis.mentionsRectification ? '写了' : '未写'}整改情况。</p>
${
  checklist.length === 0
    ? ''
    : html`<table class="grid" id="coverage"><thead><tr><th>检查目录</th><th>是否涉及</th></tr></thead><tbody>${checklist.map(
        (area) =>
          html`<tr><td>${area.title}</td><td>${analysis.chars === null ? '无法判断' : analysis.areas[area.key] ? '是' : html`<span class="problems"><span class="warning">否</span></span>`}</td></tr>`,
      )}</tbody></table>`
}
${analysis.flags.length > 0 ? html`<ul class="problems">${analysis.flags.map((flag) => html`<li class="warning">请关注：${flag}</li>`)}</ul>` : ''}`;
}
