/**
 * The 新建活动 pages, one per step: 1 上传 (the notice and the table templates), 2 核对 (the notice's
 * fields, each table drawn as in Excel with its columns' types, the rules checked as typed),
 * 3 名单 (from an earlier campaign, an uploaded 名单, or typed) and 创建. Each value read from the
 * files shows where it was read and how sure; values to confirm are marked.
 */
import type { RosterUnit } from '../../../../intake/kernel/campaign/roster.js';
import type { CampaignDraft } from '../../../../pipeline/setup/derive-campaign.js';
import { CONFIDENCE_LABEL, type Derived, needsConfirming } from '../../../../pipeline/setup/derived.js';
import { setupReport } from '../../../../pipeline/setup/setup-report.js';
import { dateFieldWords } from '../../../../pipeline/setup/table/table-fields.js';
import type { EarlierCampaign } from '../actions/new-campaign-roster.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import { excelHeader } from './new-campaign-header.js';

export interface NewCampaignPaths {
  /** "/new": every path of these pages below it. */
  base: string;
}

export const setupAssets = (base: string): SafeHtml =>
  html`<link rel="stylesheet" href="${base}/static/setup.css"><script src="${base}/static/setup.js" defer></script>`;

function steps(current: number): SafeHtml {
  const names = ['上传通知和表格', '核对读出的内容', '单位名单', '创建'];
  return html`<ol class="steps">${names.map((name, index) => html`<li${index + 1 === current ? html` class="current"` : index + 1 < current ? html` class="done"` : ''}>${index + 1}. ${name}</li>`)}</ol>`;
}

/** Where a value was read and how sure, beside its field. */
function source(value: Derived<unknown> | null | undefined): SafeHtml {
  if (!value) return html`<span class="small muted">通知中没有</span>`;
  return html`<span class="small ${needsConfirming(value) ? 'unsure-note' : 'muted'}">${CONFIDENCE_LABEL[value.confidence]}：${value.from}${value.note ? `（${value.note}）` : ''}</span>`;
}

export function uploadBody(base: string, csrf: string, parent: string | null): SafeHtml {
  if (parent === null)
    return html`<div class="flash info">新建活动需要一个工作区：请用 <code>huizong serve --workspace &lt;文件夹&gt;</code> 启动控制台，新活动建在这个文件夹中。</div>`;
  return html`${setupAssets(base)}${steps(1)}
<p>上传本次活动的通知（.docx .doc .wps .pdf）和通知所附的空白表格（.xlsx .xls .et .docx）。程序从中读出标题、文号、截止时间、表头和每一栏的类型，下一步请逐项核对。新活动将建在 <code>${parent}</code> 中。</p>
<form method="post" action="${base}/upload" enctype="multipart/form-data" class="panel upload">${csrfField(csrf)}
<p><label>通知：<input type="file" name="notice" accept=".docx,.doc,.wps,.pdf,.txt,.odt,.rtf"></label></p>
<p><label>附件表格（可多选）：<input type="file" name="tables" multiple accept=".xlsx,.xls,.et,.docx,.doc,.wps,.ods"></label></p>
<p><button type="submit">上传并读取</button> <span class="small muted">读取旧版 Excel、WPS 文件需要十几秒</span></p>
</form>`;
}

function noticeFields(draft: CampaignDraft): SafeHtml {
  const [date, time] = [draft.deadline.value.slice(0, 10), draft.deadline.value.slice(11, 16)];
  const row = (label: string, input: SafeHtml, from: SafeHtml) => html`<tr><th>${label}</th><td>${input}</td><td>${from}</td></tr>`;
  return html`<table class="grid fields">
${row('活动名称', html`<input name="title" value="${draft.title.value}" size="40">`, source(draft.title))}
${row('文号', html`<input name="documentNumber" value="${draft.documentNumber.value}" size="24">`, source(draft.documentNumber))}
${row('发文机关', html`<input name="issuingOffice" value="${draft.issuingOffice.value}" size="30">`, source(draft.issuingOffice))}
${row('截止时间', html`<input type="date" name="deadlineDate" value="${date}"> <input type="time" name="deadlineTime" value="${time}">`, source(draft.deadline))}
${row('收信邮箱', html`<input name="mailbox" value="${draft.mailbox?.value ?? ''}" size="30" placeholder="单位报送材料的邮箱">`, source(draft.mailbox))}
</table>`;
}

function tableSection(draft: CampaignDraft): SafeHtml {
  return html`${draft.tables.map(
    (table, index) => html`<div class="panel draft-table" id="table-${index}">
<h3><input name="t${index}-name" value="${table.name.value}" size="30" aria-label="表格名称"> <select name="t${index}-kind" aria-label="填法">
<option value="row"${table.kind.value === 'row' ? html` selected` : ''}>统计表：每个单位填一行</option>
<option value="list"${table.kind.value === 'list' ? html` selected` : ''}>明细表：每个单位可填若干行</option></select></h3>
<p class="small muted">来自 ${table.source}；填报单位栏「${table.unitField.value}」，${dateFieldWords(table.dateField)}；${CONFIDENCE_LABEL[table.kind.confidence]}：${table.kind.note ?? ''}</p>
${excelHeader(table, index)}
${table.notes.length > 0 ? html`<p class="small">填报说明：${table.notes.join(' ')}</p>` : ''}
${table.skipped.length > 0 ? html`<p class="small muted">未作为栏目：${table.skipped.map((skip) => `${skip.label}（${skip.why}）`).join('；')}</p>` : ''}
</div>`,
  )}`;
}

function rulesSection(base: string, draft: CampaignDraft): SafeHtml {
  return html`<div class="panel">
<h3>校验规则</h3>
<p class="small muted">每行一条，例如“合计 = 一般隐患 + 重大隐患”。边写边检查，错误显示在下面。</p>
<textarea name="rules" rows="${Math.max(4, draft.rules.length + 2)}" cols="80" class="rules" data-check="${base}/check">${draft.rules.map((rule) => rule.value).join('\n')}</textarea>
<ul class="rule-check" aria-live="polite"></ul>
${draft.suggestedRules.length > 0 ? html`<p class="small">可能还需要的规则（确认后抄到上面）：</p><ul class="small">${draft.suggestedRules.map((rule) => html`<li><code>${rule.value}</code> ${source(rule)}</li>`)}</ul>` : ''}
</div>`;
}

export function reviewBody(base: string, csrf: string, draft: CampaignDraft, mistakes: readonly string[]): SafeHtml {
  // The roster is the next step's, not a doubt of the files.
  const unsure = setupReport(draft).unsure.filter((line) => !line.startsWith('单位名单'));
  return html`${setupAssets(base)}${steps(2)}
<p>以下是从 ${[draft.notice, ...draft.files].filter(Boolean).join('、')} 中读出的内容。标黄的是程序猜测或默认的，请逐项核对，有误的直接改。</p>
${mistakes.length > 0 ? html`<div class="flash error" id="draft-mistakes">还有 ${mistakes.length} 处错误，改正后才能创建：<ul>${mistakes.map((line) => html`<li>${line}</li>`)}</ul></div>` : ''}
${unsure.length > 0 ? html`<div class="flash info">需要确认：<ol>${unsure.map((line) => html`<li>${line}</li>`)}</ol></div>` : ''}
<form method="post" action="${base}/review" class="review">${csrfField(csrf)}
<h2>通知</h2>
${noticeFields(draft)}
<h2>表格</h2>
${tableSection(draft)}
${rulesSection(base, draft)}
<p><button type="submit" name="next" value="roster">保存，下一步：单位名单</button> <button type="submit" name="next" value="stay" class="secondary">只保存</button></p>
</form>
<form method="post" action="${base}/discard">${csrfField(csrf)}<button type="submit" class="secondary">放弃，重新上传</button></form>`;
}

function unitsTable(units: readonly RosterUnit[]): SafeHtml {
  if (units.length === 0) return html`<p class="muted">还没有单位。</p>`;
  return html`<table class="grid" id="draft-roster"><thead><tr><th>单位名称</th><th>别名</th><th>邮箱</th></tr></thead><tbody>${units.map(
    (unit) => html`<tr><td>${unit.name}</td><td>${unit.aliases.join('；')}</td><td>${unit.emails.join('；')}</td></tr>`,
  )}</tbody></table>`;
}

export function rosterBody(
  base: string,
  csrf: string,
  draft: CampaignDraft,
  earlier: readonly EarlierCampaign[],
  suggestedFolder: string,
  mistakes: readonly string[],
): SafeHtml {
  const roster = draft.roster;
  const typed = [
    '单位名称,别名,邮箱',
    ...(roster?.units ?? []).map((unit) => [unit.name, unit.aliases.join(';'), unit.emails.join(';')].join(',')),
  ];
  return html`${setupAssets(base)}${steps(3)}
<div class="panel"><h2>单位名单${roster ? html`（${roster.units.length} 个单位，来自${roster.from}）` : ''}</h2>${unitsTable(roster?.units ?? [])}</div>
<div class="row">
<form method="post" action="${base}/roster" class="panel">${csrfField(csrf)}<input type="hidden" name="source" value="earlier">
<h3>沿用以前活动的名单</h3>
${earlier.length === 0 ? html`<p class="muted">工作区中还没有别的活动。</p>` : html`<select name="campaign">${earlier.map((campaign) => html`<option value="${campaign.name}">${campaign.title}（${campaign.units} 个单位）</option>`)}</select> <button type="submit">使用这份名单</button>`}
</form>
<form method="post" action="${base}/roster-file" enctype="multipart/form-data" class="panel">${csrfField(csrf)}
<h3>上传名单文件</h3><p class="small muted">Excel 或 CSV，含“单位名称”“别名”“邮箱”三栏，顺序不限，可有标题行</p>
<input type="file" name="roster" accept=".xlsx,.xls,.et,.csv,.txt"> <button type="submit">上传</button>
</form>
</div>
<form method="post" action="${base}/roster" class="panel">${csrfField(csrf)}<input type="hidden" name="source" value="typed">
<h3>直接填写或修改</h3><p class="small muted">每行一个单位：单位名称,别名,邮箱（几个别名或邮箱之间用分号隔开）</p>
<textarea name="units" rows="${Math.min(20, typed.length + 2)}" cols="80">${typed.join('\n')}</textarea><br><button type="submit">保存名单</button>
</form>
<h2>创建</h2>
${mistakes.length > 0 ? html`<div class="flash error">还有 ${mistakes.length} 处错误，请回到<a href="${base}/review">核对</a>改正：<ul>${mistakes.map((line) => html`<li>${line}</li>`)}</ul></div>` : ''}
<form method="post" action="${base}/create" class="panel">${csrfField(csrf)}
<label>活动文件夹名称：<input name="folder" value="${suggestedFolder}" size="30" required></label>
<button type="submit"${mistakes.length > 0 ? html` disabled` : ''}>创建活动</button> <a href="${base}/review">返回核对</a>
</form>`;
}

export function createdBody(dir: string, parent: string): SafeHtml {
  return html`<div class="flash ok" id="created">已新建活动文件夹 <code>${dir}</code>。</div>
<p>这个控制台只显示一个活动。要在控制台中打开新活动，请用工作区启动：<code>huizong serve --workspace ${parent}</code>，或 <code>huizong serve --campaign ${dir}</code>。</p>`;
}
