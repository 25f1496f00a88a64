/**
 * 待核实: each message nobody could attribute, with its clues and candidates, and the two
 * decisions the clerk can take: 认定 (to a roster unit, with a reason) or 无关. Below, what was
 * already decided, each with 撤销.
 */

import { unitHref, when } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';

export function pendingBody(data: PageData): SafeHtml {
  const { result, context, decisions } = data.snapshot;
  const roster = context.campaign.roster.map((unit) => unit.name);
  const items = result.unidentified.map((item) => {
    const others = roster.filter((name) => !item.candidates.includes(name));
    const options = html`<option value="">请选择单位</option>${
      item.candidates.length > 0
        ? html`<optgroup label="线索指向">${item.candidates.map((name) => html`<option value="${name}">${name}</option>`)}</optgroup>`
        : ''
    }<optgroup label="全部单位">${others.map((name) => html`<option value="${name}">${name}</option>`)}</optgroup>`;
    return html`<div class="panel pending-item" id="m-${item.shortId}" data-message="${item.shortId}">
<div><strong>来信 ${item.shortId}</strong>　${when(item.receivedAt)}　发件人：${item.from || '（无）'}</div>
<div>标题：${item.subject || '（无标题）'}</div>
<div>附件：${item.files.length > 0 ? item.files.join('、') : '无'}</div>
<div>线索：${item.reason}${item.claimedUnit ? html`；统计表填报单位「${item.claimedUnit}」` : ''}</div>
<div>候选单位：${item.candidates.length > 0 ? item.candidates.join('、') : '无'}</div>
<form method="post" action="/actions/assign" class="assign">${csrfField(data.csrf)}<input type="hidden" name="message" value="${item.shortId}">
<label>单位 <select name="unit" required>${options}</select></label>
<label>理由 <input type="text" name="reason" class="reason" maxlength="200" placeholder="例如：已电话核实，系该单位用个人邮箱发送"></label>
<button type="submit">认定</button></form>
<form method="post" action="/actions/ignore" class="ignore">${csrfField(data.csrf)}<input type="hidden" name="message" value="${item.shortId}">
<label>理由 <input type="text" name="reason" class="reason" maxlength="200" placeholder="例如：会议通知，与本次检查无关"></label>
<button type="submit" class="secondary">无关</button></form>
</div>`;
  });
  const decided = [
    ...decisions.assign.map((item) => ({
      message: item.message,
      text: html`认定给 <a href="${unitHref(item.unit)}">${item.unit}</a>`,
      reason: item.reason,
    })),
    ...decisions.ignore.map((item) => ({ message: item.message, text: html`认定为无关邮件`, reason: item.reason })),
  ];
  return html`${items.length === 0 ? html`<p>没有待核实的来信。</p>` : html`<p>以下 ${items.length} 封来信无法确定是哪个单位报送的，请核实后认定。</p>${items}`}
<h2>已作出的认定</h2>
${
  decided.length === 0
    ? html`<p class="muted">还没有认定。</p>`
    : html`<table class="grid" id="decided"><thead><tr><th>来信</th><th>认定</th><th>理由</th><th></th></tr></thead><tbody>${decided.map(
        (item) =>
          html`<tr><td>${item.message}</td><td>${item.text}</td><td>${item.reason}</td><td><form method="post" action="/actions/forget-message" class="inline">${csrfField(data.csrf)}<input type="hidden" name="message" value="${item.message}"><button type="submit" class="secondary">撤销</button></form></td></tr>`,
      )}</tbody></table>`
}`;
}
