/** 来信记录: every stored message, filterable by unit, outcome and receive date (Beijing time). */
import {
  MESSAGE_OUTCOME_LABEL,
  type MessageOutcome,
  type MessageRecord,
  RECEIVED_SOURCE_LABEL,
} from '../../../../pipeline/merge/merge-result.js';
import { unitHref, when } from './format.js';
import { html, type SafeHtml } from './html.js';
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

export function messagesBody(data: PageData, filter: MessageFilter): SafeHtml {
  const { result, context } = data.snapshot;
  const rows = filterMessages(result.messages, filter);
  const shown = rows.slice(0, MAX_ROWS);
  const outcomes = Object.entries(MESSAGE_OUTCOME_LABEL) as [MessageOutcome, string][];
  return html`<form method="get" action="/messages" class="filters panel">
<label>单位 <select name="unit"><option value="">全部</option>${context.campaign.roster.map((unit) => html`<option value="${unit.name}"${unit.name === filter.unit ? html` selected` : ''}>${unit.name}</option>`)}</select></label>
<label>处理结果 <select name="outcome"><option value="">全部</option>${outcomes.map(([key, label]) => html`<option value="${key}"${key === filter.outcome ? html` selected` : ''}>${label}</option>`)}</select></label>
<label>接收日期 从 <input type="date" name="from" value="${filter.from}"></label>
<label>到 <input type="date" name="to" value="${filter.to}"></label>
<button type="submit" class="secondary">筛选</button> <a href="/messages">全部来信</a></form>
<p>共 ${result.messages.length} 封来信，符合条件的 ${rows.length} 封${rows.length > MAX_ROWS ? `，显示前 ${MAX_ROWS} 封` : ''}。</p>
<table class="grid" id="message-log"><thead><tr><th>编号</th><th>接收时间</th><th>发件人</th><th>标题</th><th>附件</th><th>处理结果</th><th>归属单位</th><th>识别依据</th></tr></thead><tbody>${shown.map(
    (record) =>
      html`<tr><td>${record.shortId}</td><td class="nowrap">${when(record.receivedAt)}<span class="src">${RECEIVED_SOURCE_LABEL[record.receivedSource]}</span></td><td>${record.from}</td><td>${record.subject}</td><td>${record.files.join('、')}</td><td class="nowrap">${MESSAGE_OUTCOME_LABEL[record.outcome]}</td><td class="nowrap">${record.unit ? html`<a href="${unitHref(record.unit)}">${record.unit}</a>` : record.outcome === 'pending' ? html`<a href="/pending#m-${record.shortId}">待核实</a>` : '—'}</td><td>${record.basis}</td></tr>`,
  )}</tbody></table>`;
}
