/**
 * 通报: whether it is a draft or final and what that means, who the rules put forward and what
 * the clerk changed (add / 去掉 / 免予通报, each with a reason, and what the two ways of taking a
 * unit out mean), the document number and date, 定稿, and a preview of the pages (each page can
 * be enlarged). Once final, the list, number and date are shown but not editable: the clerk goes
 * back to draft first, on purpose.
 */
import type { PreviewView } from '../actions/document-preview.js';
import { outputFiles } from '../state/output-files.js';
import { type CircularSummary, circularSummary } from './circular-summary.js';
import { statusBadge, when } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';
import { previewImages } from './preview.js';

/** One reason, two ways of taking a unit out of the circular. */
function takeOutForm(data: PageData, unit: string): SafeHtml {
  return html`<form method="post" action="${data.links.action('circular')}" class="take-out">${csrfField(data.csrf)}<input type="hidden" name="unit" value="${unit}"><input type="text" name="reason" class="reason-short" maxlength="200" required placeholder="理由" aria-label="理由"><button type="submit" name="list" value="remove" class="secondary">去掉</button><button type="submit" name="list" value="exempt" class="secondary">免予通报</button></form>`;
}

function undoForm(data: PageData, unit: string): SafeHtml {
  return html`<form method="post" action="${data.links.action('circular-unlist')}" class="inline">${csrfField(data.csrf)}<input type="hidden" name="unit" value="${unit}"><button type="submit" class="secondary">撤销</button></form>`;
}

function statePanel(data: PageData, summary: CircularSummary): SafeHtml {
  const { list } = summary;
  const finalFile = outputFiles(data.snapshot.context.campaign, data.snapshot.context.outDir).find((file) => file.key === 'circular-final');
  const toggle = (final: boolean, label: string, primary: boolean) =>
    data.readOnly
      ? ''
      : html`<form method="post" action="${data.links.action('circular-final')}" class="inline">${csrfField(data.csrf)}<input type="hidden" name="final" value="${final ? 'true' : 'false'}"><button type="submit"${primary ? html` id="finalize"` : html` class="secondary"`}>${label}</button></form>`;
  if (list.final)
    return html`<div class="panel state final" id="circular-state"><p><strong class="final-mark">已定稿</strong>　《${summary.finalName}》${finalFile?.modifiedAt ? `，生成于 ${when(finalFile.modifiedAt)}` : ''}：通报 ${list.entries.length} 个单位，发文字号 ${summary.documentNumber}，成文日期 ${summary.date}。</p>
<p>定稿后，下面的名单、发文字号和成文日期不能再改；重新汇总或收到新来信时，只要这些都没有变化，定稿的文件保持原样。如需修改，先改回草稿：${toggle(false, '改回草稿', false)}</p></div>`;
  return html`<div class="panel state draft" id="circular-state"><p><strong>草稿</strong>　现在生成的是《${summary.draftName}》，每页有“草稿”字样。名单、发文字号和成文日期核定后按“定稿”：${toggle(true, '定稿', true)}</p>
<p class="muted small">定稿后生成不带“草稿”字样的《${summary.finalName}》，名单、发文字号和成文日期随之锁定，要改须先改回草稿。</p></div>`;
}

function metaPanel(data: PageData, summary: CircularSummary): SafeHtml {
  const meta = data.snapshot.decisions.circular;
  if (summary.list.final || data.readOnly)
    return html`<div class="panel" id="circular-meta">发文字号：${summary.documentNumber}${summary.numberSet ? '' : '（未填序号，留空待手写）'}　成文日期：${summary.date}${summary.dateSet ? '' : '（未填，取数据截至日期）'}</div>`;
  return html`<div class="panel" id="circular-meta"><form method="post" action="${data.links.action('circular-meta')}">${csrfField(data.csrf)}
<label>发文字号的序号 <input type="number" name="number" min="1" step="1" value="${meta.number ?? ''}" placeholder="如 15"></label>
<label>成文日期 <input type="date" name="date" value="${meta.date ?? ''}"></label>
<button type="submit" class="secondary">保存字号和日期</button> <span class="muted small">现在印出：${summary.documentNumber}，${summary.date}。不填序号时留空待手写，不填日期时取数据截至日期。</span></form></div>`;
}

function entriesTable(data: PageData, summary: CircularSummary, editable: boolean): SafeHtml {
  const { result, decisions } = data.snapshot;
  const byUnit = new Map(result.units.map((unit) => [unit.unit, unit]));
  const added = new Set(decisions.circular.add.map((item) => item.unit));
  const { entries } = summary.list;
  if (entries.length === 0)
    return summary.list.deadlinePassed
      ? html`<p>没有需要通报的单位。</p>`
      : html`<p>截止时间还未到，还没有逾期或未报送的单位，不生成通报；截止时间过后收信，名单按那时的情况得出。</p>`;
  return html`<table class="grid" id="circular-units"><thead><tr><th>单位</th><th>报送情况</th><th>类别</th><th>原因</th>${editable ? html`<th>修改</th>` : ''}</tr></thead><tbody>${entries.map(
    (entry) => {
      const unit = byUnit.get(entry.unit);
      const action = added.has(entry.unit) && entry.kind === '秘书科增加' ? undoForm(data, entry.unit) : takeOutForm(data, entry.unit);
      return html`<tr><td><a href="${data.links.unit(entry.unit)}">${entry.unit}</a></td><td>${unit ? statusBadge(unit.status) : ''}</td><td class="nowrap">${entry.kind}</td><td>${entry.reason}</td>${editable ? html`<td>${action}</td>` : ''}</tr>`;
    },
  )}</tbody></table>`;
}

function setAsideTable(data: PageData, summary: CircularSummary, editable: boolean): SafeHtml {
  const { list } = summary;
  const byUnit = new Map(data.snapshot.result.units.map((unit) => [unit.unit, unit]));
  const rows = [...list.removed.map((item) => ({ ...item, how: '去掉' })), ...list.exempt.map((item) => ({ ...item, how: '免予通报' }))];
  if (rows.length === 0) return html``;
  return html`<h2>去掉或免予通报的单位</h2><table class="grid" id="circular-set-aside"><thead><tr><th>单位</th><th>决定</th><th>理由</th>${editable ? html`<th></th>` : ''}</tr></thead><tbody>${rows.map(
    (item) => {
      const unit = byUnit.get(item.unit);
      // A unit the rules no longer put forward: the decision does nothing now.
      const idle = unit && unit.status !== 'missing' && !unit.late;
      return html`<tr><td>${item.unit}${idle ? html`<div class="muted small">现在已不在通报候选中（${statusBadge(unit.status)}），这条决定不起作用</div>` : ''}</td><td>${item.how}</td><td>${item.reason}</td>${editable ? html`<td>${undoForm(data, item.unit)}</td>` : ''}</tr>`;
    },
  )}</tbody></table>`;
}

function addForm(data: PageData, summary: CircularSummary): SafeHtml {
  const { list } = summary;
  const listed = new Set([
    ...list.entries.map((entry) => entry.unit),
    ...list.removed.map((item) => item.unit),
    ...list.exempt.map((item) => item.unit),
  ]);
  const addable = data.snapshot.context.campaign.roster.map((unit) => unit.name).filter((name) => !listed.has(name));
  return html`<h2>增加通报的单位</h2>
<form method="post" action="${data.links.action('circular')}" id="circular-add">${csrfField(data.csrf)}<input type="hidden" name="list" value="add">
<label>单位 <select name="unit" required><option value="">请选择单位</option>${addable.map((name) => html`<option value="${name}">${name}</option>`)}</select></label>
<label>理由 <input type="text" name="reason" class="reason" maxlength="200" required placeholder="如：书面报告敷衍了事"></label>
<button type="submit" class="secondary">增加</button> <span class="muted small">理由原样写入通报</span></form>`;
}

export function circularBody(data: PageData, preview: PreviewView | null): SafeHtml {
  const summary = circularSummary(data.snapshot);
  const editable = !summary.list.final && !data.readOnly;
  return html`${statePanel(data, summary)}
${metaPanel(data, summary)}
<h2>通报名单（${summary.list.entries.length} 个单位）</h2>
<p class="muted small">名单由规则得出（未报送、逾期报送的单位），秘书科可以增加或拿掉。拿掉有两种，都要写理由，理由都会记下：<strong>去掉</strong>——本不该列入（如核实后确属邮箱故障、实际按时报送）；<strong>免予通报</strong>——按规则应通报，但经批准不予通报（如经批准延期报送）。两种都不出现在通报名单中，模板可以分别列出它们。</p>
${entriesTable(data, summary, editable)}
${setAsideTable(data, summary, editable)}
${editable ? addForm(data, summary) : ''}
<h2>预览</h2>
<form method="post" action="${data.links.action('preview-circular')}" class="inline">${csrfField(data.csrf)}<button type="submit" class="secondary">生成页面预览</button></form> <span class="muted small">用 LibreOffice 把现在的通报画成图片；点一页可以放大</span>
${previewImages(data.links, preview)}`;
}
