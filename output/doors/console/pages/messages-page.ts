/**
 * 来信记录: every stored message, filterable by unit, outcome and receive date (Beijing time).
 * Four columns that fit a 1024-pixel screen: the message as the clerk knows it (sender, subject,
 * time, id), its files (links), what became of it and for which unit, and why.
 */
import { MESSAGE_OUTCOME_LABEL, type MessageOutcome, type MessageRecord } from '../../../../pipeline/merge/merge-result.js';
import { attachmentLinks } from './attachment-links.js';
import { html, type SafeHtml } from './html.js';
import { messageName, receivedBasis, senderAddress } from './message-name.js';
import type { PageData } from './page-data.js';

export interface MessageFilter {
  unit: string;
  outcome: MessageOutcome | '';
  /** "YYYY-MM-DD", inclusive, Beijing time. */
  from: string;
  to: string;
}

/** More rows than this are not drawn at once (the filter narrows them). */
const MAX_ROWS = 1_000;

const beijingDate = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);

export function filterMessages(records: readonly MessageRecord[], filter: MessageFilter): MessageRecord[] {
  return records.filter((record) => {
    if (filter.unit && record.unit !== filter.unit) return false;
    if (filter.outcome && record.outcome !== filter.outcome) return false;
    if (filter.from || filter.to) {
      if (!record.receivedAt) return false;
      const day = beijingDate(record.receivedAt);
      if (filter.from && day < filter.from) return false;
      if (filter.to && day > filter.to) return false;
    }
    return true;
  });
}

function outcomeCell(data: PageData, record: MessageRecord): SafeHtml {
  const label = MESSAGE_OUTCOME_LABEL[record.outcome];
  if (record.unit) return html`<span class="nowrap">${label}</span><br><a href="${data.links.unit(record.unit)}">${record.unit}</a>`;
  if (record.outcome === 'pending') return html`<a href="${data.links.pending(record.shortId)}">${label}（去认定）</a>`;
  return html`${label}`;
}

function row(data: PageData, record: MessageRecord): SafeHtml {
  const address = senderAddress(record.from);
  return html`<tr data-message="${record.shortId}"><td class="message-cell">${messageName(record)}${receivedBasis(record.receivedSource)}${address ? html`<div class="muted small from">${address}</div>` : ''}</td><td>${attachmentLinks(data.links, record.id, record.files)}</td><td>${outcomeCell(data, record)}</td><td class="basis-cell">${record.basis}</td></tr>`;
}

export function messagesBody(data: PageData, filter: MessageFilter): SafeHtml {
  const { result, context } = data.snapshot;
  const rows = filterMessages(result.messages, filter);
  const shown = rows.slice(0, MAX_ROWS);
  const outcomes = Object.entries(MESSAGE_OUTCOME_LABEL) as [MessageOutcome, string][];
  return html`<form method="get" action="${data.links.to('/messages')}" class="filters panel">
<label>单位 <select name="unit"><option value="">全部</option>${context.campaign.roster.map((unit) => html`<option value="${unit.name}"${unit.name === filter.unit ? html` selected` : ''}>${unit.name}</option>`)}</select></label>
<label>处理结果 <select name="outcome"><option value="">全部</option>${outcomes.map(([key, label]) => html`<option value="${key}"${key === filter.outcome ? html` selected` : ''}>${label}</option>`)}</select></label>
<label>接收日期 从 <input type="date" name="from" value="${filter.from}"></label>
<label>到 <input type="date" name="to" value="${filter.to}"></label>
<button type="submit" class="secondary">筛选</button> <a href="${data.links.to('/messages')}">全部来信</a></form>
<p>共 ${result.messages.length} 封来信，符合条件的 ${rows.length} 封${rows.length > MAX_ROWS ? `，显示前 ${MAX_ROWS} 封` : ''}。接收时间是邮件服务器收到的时间（北京时间）。</p>
<table class="grid" id="message-log"><colgroup><col class="c-message"><col class="c-files"><col class="c-outcome"><col class="c-basis"></colgroup><thead><tr><th>来信（发件人、标题、接收时间、编号）</th><th>附件</th><th>处理结果</th><th>识别依据</th></tr></thead><tbody>${shown.map((record) => row(data, record))}</tbody></table>`;
}
