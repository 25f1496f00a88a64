/**
 * 待核实: each message nobody could attribute, named as the clerk knows it, with its files (links:
 * the table can be opened before deciding), its clues and candidates, and the two decisions the
 * clerk can take: 认定 (to a roster unit) or 无关, each with a reason. Below, what was already
 * decided, each with 撤销.
 */

import type { UnidentifiedRecord } from '../../../../pipeline/merge/merge-result.js';
import { attachmentLinks } from './attachment-links.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import { findMessage, messageName } from './message-name.js';
import type { PageData } from './page-data.js';

function decisionForms(data: PageData, item: UnidentifiedRecord, roster: readonly string[]): SafeHtml {
  if (data.readOnly) return html``;
  const others = roster.filter((name) => !item.candidates.includes(name));
  const options = html`<option value="">请选择单位</option>${
    item.candidates.length > 0
      ? html`<optgroup label="线索指向">${item.candidates.map((name) => html`<option value="${name}">${name}</option>`)}</optgroup>`
      : ''
  }<optgroup label="全部单位">${others.map((name) => html`<option value="${name}">${name}</option>`)}</optgroup>`;
  return html`<form method="post" action="${data.links.action('assign')}" class="assign">${csrfField(data.csrf)}<input type="hidden" name="message" value="${item.shortId}">
<label>认定为 <select name="unit" required>${options}</select> 的来信</label>
<label>理由 <input type="text" name="reason" class="reason" maxlength="200" required placeholder="如：已电话核实，系该单位用个人邮箱发送"></label>
<button type="submit">认定</button></form>
<form method="post" action="${data.links.action('ignore')}" class="ignore">${csrfField(data.csrf)}<input type="hidden" name="message" value="${item.shortId}">
<label>或认定为无关邮件，理由 <input type="text" name="reason" class="reason" maxlength="200" required placeholder="如：会议通知，与本次检查无关"></label>
<button type="submit" class="secondary">无关</button></form>`;
}

function pendingItem(data: PageData, item: UnidentifiedRecord, roster: readonly string[]): SafeHtml {
  return html`<div class="panel pending-item" id="m-${item.shortId}" data-message="${item.shortId}">
<div class="pending-head">${messageName(item)}</div>
<div class="pending-facts"><div>发件人：${item.from || '（无）'}</div>
<div>附件：${attachmentLinks(data.links, item.id, item.files)}</div>
<div>线索：${item.reason}${item.claimedUnit ? html`；统计表填报单位「${item.claimedUnit}」` : ''}</div>
<div>候选单位：${item.candidates.length > 0 ? item.candidates.join('、') : '无'}</div></div>
${decisionForms(data, item, roster)}
</div>`;
}

function decidedTable(data: PageData): SafeHtml {
  const { result, decisions } = data.snapshot;
  const decided = [
    ...decisions.assign.map((item) => ({
      message: item.message,
      text: html`认定为 <a href="${data.links.unit(item.unit)}">${item.unit}</a> 的来信`,
      reason: item.reason,
    })),
    ...decisions.ignore.map((item) => ({ message: item.message, text: html`认定为无关邮件`, reason: item.reason })),
  ];
  if (decided.length === 0) return html`<p class="muted">还没有认定。</p>`;
  return html`<table class="grid" id="decided"><thead><tr><th>来信</th><th>认定</th><th>理由</th><th></th></tr></thead><tbody>${decided.map(
    (item) => {
      const record = findMessage(result.messages, item.message);
      return html`<tr data-message="${item.message}"><td>${record ? messageName(record) : html`<span class="problems"><span class="error">存档中没有这封来信</span></span> <span class="msg-id">${item.message}</span>`}</td><td>${item.text}</td><td>${item.reason || html`<span class="muted">（未写理由）</span>`}</td><td>${
        data.readOnly
          ? ''
          : html`<form method="post" action="${data.links.action('forget-message')}" class="inline">${csrfField(data.csrf)}<input type="hidden" name="message" value="${item.message}"><button type="submit" class="secondary">撤销</button></form>`
      }</td></tr>`;
    },
  )}</tbody></table>`;
}

export function pendingBody(data: PageData): SafeHtml {
  const { result, context } = data.snapshot;
  const roster = context.campaign.roster.map((unit) => unit.name);
  const items = result.unidentified.map((item) => pendingItem(data, item, roster));
  return html`${items.length === 0 ? html`<p>没有待核实的来信。</p>` : html`<p>以下 ${items.length} 封来信无法确定是哪个单位报送的。可以先点附件打开看看，核实后认定为某单位的来信，或认定为无关邮件；两种都要写明理由。</p>${items}`}
<h2>已作出的认定</h2>
${decidedTable(data)}`;
}
