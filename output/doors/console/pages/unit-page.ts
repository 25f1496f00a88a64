/**
 * 单位: one unit's messages (each attachment downloadable by message id and index), the table
 * as it was read (every value with the cell it came from), its problems, the report's coverage
 * of the checklist.
 */

import { describeProblem, SEVERITY_LABEL } from '../../../../intake/kernel/problems.js';
import type { FoundTable } from '../../../../pipeline/extract/find-table.js';
import { MESSAGE_OUTCOME_LABEL, RECEIVED_SOURCE_LABEL, type UnitResult } from '../../../../pipeline/merge/merge-result.js';
import { statusBadge, when } from './format.js';
import { html, type SafeHtml } from './html.js';
import type { PageData } from './page-data.js';

export interface AttachmentLink {
  index: number;
  name: string;
  size: number;
}

/** Per message id: its attachments as stored, or why they could not be listed. */
export type AttachmentLists = ReadonlyMap<string, readonly AttachmentLink[] | string>;

function sizeText(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function tableAsRead(data: PageData, unit: UnitResult): SafeHtml {
  if (!unit.tableMessageId || !unit.tableFile) return html`<p class="muted">没有采用的统计表。</p>`;
  const facts = data.snapshot.messages.get(unit.tableMessageId)?.facts;
  const file = facts?.attachments.find((item) => item.name === unit.tableFile);
  // Several tables in one file: the one naming this unit, as merge chose it (else the first).
  const table: FoundTable | undefined = file?.tables.find((item) => item.unitName?.text.includes(unit.unit)) ?? file?.tables[0];
  if (!table) return html`<p class="muted">统计表的读取结果不在缓存中。</p>`;
  const columns = data.snapshot.context.campaign.columns;
  // The 其他内容 column (序号, a label beside the values) only when some row has one.
  const labels = table.rows.some((row) => row.label.trim() !== '');
  const header = html`<tr><th>行</th>${labels ? html`<th>其他内容</th>` : ''}${columns.map((column) => html`<th>${column.displayName}</th>`)}</tr>`;
  const rows = table.rows.map(
    (row) =>
      html`<tr><td class="nowrap">${row.location}</td>${labels ? html`<td>${row.label}</td>` : ''}${columns.map((column) => {
        const cell = row.cells[column.key];
        return cell ? html`<td class="num">${cell.text}<span class="src">${cell.address}</span></td>` : html`<td class="muted">—</td>`;
      })}</tr>`,
  );
  const values = unit.values;
  return html`<p>文件《${unit.tableFile}》${table.source ? `，${table.source}` : ''}，表头位于 ${table.headerAddress}；填报单位：${table.unitName ? html`${table.unitName.text}<span class="muted small">（${table.unitName.location}）</span>` : '未填'}；填报日期：${table.date ? html`${table.date.text}<span class="muted small">（${table.date.location}）</span>` : '未填'}${table.missingColumns.length > 0 ? html`；<span class="problems"><span class="error">未找到的栏目：${table.missingColumns.join('、')}</span></span>` : ''}</p>
<table class="grid" id="table-as-read"><thead>${header}</thead><tbody>${rows}</tbody>
${values ? html`<tfoot><tr><th colspan="${labels ? 2 : 1}">采用的数值${unit.countedInTotals ? '' : '（有错误，未计入合计）'}</th>${columns.map((column) => html`<td class="num">${values[column.key] ?? '—'}</td>`)}</tr></tfoot>` : ''}</table>`;
}

function reportCoverage(data: PageData, unit: UnitResult): SafeHtml {
  if (!unit.report) return html`<p class="muted">没有收到书面报告。</p>`;
  const { analysis } = unit.report;
  const checklist = data.snapshot.context.campaign.checklist;
  return html`<p>文件《${unit.report.file}》，${analysis.chars === null ? '内容无法读取' : `${analysis.chars} 字`}${analysis.scanned ? '，扫描件' : ''}；${analysis.mentionsProblems ? '写了' : '未写'}发现的问题，${analysis.mentionsRectification ? '写了' : '未写'}整改情况。</p>
<table class="grid" id="coverage"><thead><tr><th>检查目录</th><th>是否涉及</th></tr></thead><tbody>${checklist.map(
    (area) =>
      html`<tr><td>${area.title}</td><td>${analysis.chars === null ? '无法判断' : analysis.areas[area.key] ? '是' : html`<span class="problems"><span class="warning">否</span></span>`}</td></tr>`,
  )}</tbody></table>
${analysis.flags.length > 0 ? html`<ul class="problems">${analysis.flags.map((flag) => html`<li class="warning">请关注：${flag}</li>`)}</ul>` : ''}`;
}

export function unitBody(data: PageData, unit: UnitResult, attachments: AttachmentLists): SafeHtml {
  const records = new Map(data.snapshot.result.messages.map((record) => [record.id, record]));
  const messages = unit.messageIds.map((id) => {
    const record = records.get(id);
    const list = attachments.get(id);
    const files =
      typeof list === 'string'
        ? html`<span class="muted">${list}</span>`
        : (list ?? []).length === 0
          ? html`<span class="muted">无附件</span>`
          : html`<ul>${(list ?? []).map((item) => html`<li><a href="/files/${id.slice(0, 12)}/${item.index}" download>${item.name}</a> <span class="muted small">${sizeText(item.size)}</span></li>`)}</ul>`;
    return html`<tr><td>${id.slice(0, 12)}</td><td>${when(record?.receivedAt)}<span class="src">${record ? RECEIVED_SOURCE_LABEL[record.receivedSource] : ''}</span></td><td>${record?.from ?? ''}</td><td>${record?.subject ?? ''}</td><td>${files}</td><td>${record ? MESSAGE_OUTCOME_LABEL[record.outcome] : ''}<span class="src">${record?.basis ?? ''}</span></td></tr>`;
  });
  return html`<div class="panel">报送情况：${statusBadge(unit.status)}${unit.late ? '（逾期）' : ''}　首次报送：${when(unit.firstReceivedAt)}　最近报送：${when(unit.receivedAt)}　${unit.countedInTotals ? '已计入合计' : '未计入合计'}</div>
<h2>来信</h2>
${unit.messageIds.length === 0 ? html`<p class="muted">没有来信。</p>` : html`<table class="grid" id="messages"><thead><tr><th>编号</th><th>接收时间</th><th>发件人</th><th>标题</th><th>附件</th><th>处理结果</th></tr></thead><tbody>${messages}</tbody></table>`}
<h2>统计表（读取结果）</h2>
${tableAsRead(data, unit)}
<h2>问题</h2>
${unit.problems.length === 0 ? html`<p class="muted">没有问题。</p>` : html`<ul class="problems" id="problems">${unit.problems.map((item) => html`<li class="${item.severity}">【${SEVERITY_LABEL[item.severity]}】${describeProblem(item)}</li>`)}</ul>`}
<h2>书面报告</h2>
${reportCoverage(data, unit)}`;
}
