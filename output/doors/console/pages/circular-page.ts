/**
 * 通报: who the rules put forward and what the clerk changed (add / remove / exempt, each with a
 * reason), the document number and date, 定稿, and a preview of the pages when LibreOffice is here.
 */
import { circularList } from '../../../documents/circular.js';
import type { PreviewView } from '../actions/document-preview.js';
import { statusBadge, unitHref } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';
import { previewImages } from './preview.js';

function reasonForm(csrf: string, unit: string, list: 'remove' | 'exempt', label: string, placeholder: string): SafeHtml {
  return html`<form method="post" action="/actions/circular" class="inline">${csrfField(csrf)}<input type="hidden" name="unit" value="${unit}"><input type="hidden" name="list" value="${list}"><input type="text" name="reason" class="reason-short" maxlength="200" required placeholder="${placeholder}"><button type="submit" class="secondary">${label}</button></form>`;
}

function unlistForm(csrf: string, unit: string): SafeHtml {
  return html`<form method="post" action="/actions/circular-unlist" class="inline">${csrfField(csrf)}<input type="hidden" name="unit" value="${unit}"><button type="submit" class="secondary">撤回</button></form>`;
}

export function circularBody(data: PageData, preview: PreviewView | null): SafeHtml {
  const { result, decisions, context } = data.snapshot;
  const circular = circularList(result, decisions, context.campaign.file.materials);
  const byUnit = new Map(result.units.map((unit) => [unit.unit, unit]));
  const listed = new Set([
    ...circular.entries.map((entry) => entry.unit),
    ...circular.removed.map((item) => item.unit),
    ...circular.exempt.map((item) => item.unit),
  ]);
  const addable = context.campaign.roster.map((unit) => unit.name).filter((name) => !listed.has(name));
  const added = new Set(decisions.circular.add.map((item) => item.unit));
  const meta = decisions.circular as typeof decisions.circular & { number?: number; date?: string };
  const entries = circular.entries.map((entry) => {
    const unit = byUnit.get(entry.unit);
    return html`<tr><td><a href="${unitHref(entry.unit)}">${entry.unit}</a></td><td>${unit ? statusBadge(unit.status) : ''}</td><td class="nowrap">${entry.kind}</td><td>${entry.reason}</td><td>${
      added.has(entry.unit) && entry.kind === '秘书科增加'
        ? unlistForm(data.csrf, entry.unit)
        : html`${reasonForm(data.csrf, entry.unit, 'remove', '去掉', '去掉的理由')} ${reasonForm(data.csrf, entry.unit, 'exempt', '免予通报', '免予通报的理由')}`
    }</td></tr>`;
  });
  const setAside = [
    ...circular.removed.map((item) => ({ ...item, how: '已去掉' })),
    ...circular.exempt.map((item) => ({ ...item, how: '免予通报' })),
  ];
  return html`<div class="panel">状态：<strong>${circular.final ? '已定稿' : '草稿'}</strong>
<form method="post" action="/actions/circular-final" class="inline">${csrfField(data.csrf)}<input type="hidden" name="final" value="${circular.final ? 'false' : 'true'}">${
    circular.final
      ? html`<button type="submit" class="secondary">改回草稿</button>`
      : html`<button type="submit" id="finalize">定稿</button>`
  }</form></div>
<div class="panel"><form method="post" action="/actions/circular-meta">${csrfField(data.csrf)}
<label>发文字号（序号）<input type="number" name="number" min="1" step="1" value="${meta.number ?? ''}"></label>
<label>成文日期 <input type="date" name="date" value="${meta.date ?? ''}"></label>
<button type="submit" class="secondary">保存字号和日期</button> <span class="muted small">不填时成文日期取数据截至日期</span></form></div>
<h2>通报名单（${circular.entries.length} 个单位）</h2>
${circular.entries.length === 0 ? html`<p>没有需要通报的单位。</p>` : html`<table class="grid" id="circular-units"><thead><tr><th>单位</th><th>报送情况</th><th>类别</th><th>原因</th><th>修改</th></tr></thead><tbody>${entries}</tbody></table>`}
${setAside.length > 0 ? html`<h2>秘书科去掉或免予通报的单位</h2><table class="grid" id="circular-set-aside"><thead><tr><th>单位</th><th>决定</th><th>理由</th><th></th></tr></thead><tbody>${setAside.map((item) => html`<tr><td>${item.unit}</td><td>${item.how}</td><td>${item.reason}</td><td>${unlistForm(data.csrf, item.unit)}</td></tr>`)}</tbody></table>` : ''}
<h2>增加通报的单位</h2>
<form method="post" action="/actions/circular">${csrfField(data.csrf)}<input type="hidden" name="list" value="add">
<label>单位 <select name="unit" required><option value="">请选择单位</option>${addable.map((name) => html`<option value="${name}">${name}</option>`)}</select></label>
<label>理由 <input type="text" name="reason" class="reason" maxlength="200" required placeholder="例如：书面报告敷衍了事，未按检查目录逐项自查"></label>
<button type="submit" class="secondary">增加</button></form>
<h2>预览</h2>
<form method="post" action="/actions/preview-circular" class="inline">${csrfField(data.csrf)}<button type="submit" class="secondary">生成页面预览</button></form>
${previewImages(preview)}`;
}
