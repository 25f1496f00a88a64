/**
 * 单位: one unit's status and which of the required materials it has sent, its messages (named
 * as the clerk knows them; each attachment downloadable by message id and index), every table of
 * the campaign as read (unit-tables.ts: each value with its cell, problems beside the cells they
 * name), its problems, the report's coverage of the checklist.
 */

import { asksForReport } from '../../../../intake/kernel/campaign/materials.js';
import { describeProblem, SEVERITY_LABEL } from '../../../../intake/kernel/problems.js';
import { MESSAGE_OUTCOME_LABEL, type UnitResult } from '../../../../pipeline/merge/merge-result.js';
import { printedComparisons } from '../../../documents/findings.js';
import { statusBadge, when } from './format.js';
import { html, type SafeHtml } from './html.js';
import { messageName, receivedBasis } from './message-name.js';
import type { PageData } from './page-data.js';
import { reportCoverage } from './report-coverage.js';
import { unitTablesHtml } from './unit-tables.js';

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

/** The status in one line: 逾期 said once (the status may already be 逾期报送). */
function statusPanel(unit: UnitResult): SafeHtml {
  const lateNote = unit.late && unit.status !== 'late' ? '，首次报送晚于截止时间' : '';
  const counted = unit.tableFile ? (unit.countedInTotals ? '统计表已计入合计' : '统计表有错误，未计入合计') : '';
  return html`<div class="panel" id="unit-status">报送情况：${statusBadge(unit.status)}${lateNote}　首次报送：${when(unit.firstReceivedAt)}　最近报送：${when(unit.receivedAt)}${counted ? `　${counted}` : ''}</div>`;
}

/** Every material the campaign asks for: sent (with its file) or missing. */
function materialsList(data: PageData, unit: UnitResult): SafeHtml {
  const missing = new Set(unit.missing);
  const materials = data.snapshot.context.campaign.materials;
  return html`<ul class="materials" id="materials">${materials.map((material) => {
    const file = material.kind === 'table' ? unit.tables[material.table]?.file : material.kind === 'report' ? unit.report?.file : null;
    return missing.has(material.name)
      ? html`<li class="missing"><span class="mark">✗</span> ${material.name}：<strong>没有收到</strong></li>`
      : html`<li class="received"><span class="mark">✓</span> ${material.name}${file ? html`：《${file}》` : '：已收到'}</li>`;
  })}</ul>${unit.missing.length > 0 && unit.messageIds.length > 0 ? html`<p class="problems"><span class="error">缺少：${unit.missing.join('、')}</span></p>` : ''}`;
}

function messagesTable(data: PageData, unit: UnitResult, attachments: AttachmentLists): SafeHtml {
  if (unit.messageIds.length === 0) return html`<p class="muted">没有来信。</p>`;
  const records = new Map(data.snapshot.result.messages.map((record) => [record.id, record]));
  const rows = unit.messageIds.map((id) => {
    const record = records.get(id);
    const list = attachments.get(id);
    const files =
      typeof list === 'string'
        ? html`<span class="muted">${list}</span>`
        : (list ?? []).length === 0
          ? html`<span class="muted">无附件</span>`
          : html`<ul class="files">${(list ?? []).map((item) => html`<li><a href="${data.links.file(id, item.index)}" download>${item.name}</a> <span class="muted small">${sizeText(item.size)}</span></li>`)}</ul>`;
    return html`<tr data-message="${id.slice(0, 12)}"><td>${record ? html`${messageName(record)}${receivedBasis(record.receivedSource)}` : id.slice(0, 12)}</td><td>${files}</td><td class="nowrap">${record ? MESSAGE_OUTCOME_LABEL[record.outcome] : ''}</td><td class="basis-cell">${record?.basis ?? ''}</td></tr>`;
  });
  return html`<table class="grid" id="messages"><thead><tr><th>来信（发件人、标题、接收时间、编号）</th><th>附件</th><th class="nowrap">处理结果</th><th>识别依据</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function unitBody(data: PageData, unit: UnitResult, attachments: AttachmentLists): SafeHtml {
  return html`${statusPanel(unit)}
<h2>要求报送的材料</h2>
${materialsList(data, unit)}
<h2>来信</h2>
${messagesTable(data, unit, attachments)}
${unitTablesHtml(data, unit)}
<h2>问题</h2>
${unit.problems.length === 0 ? html`<p class="muted">没有问题。</p>` : html`<ul class="problems" id="problems">${unit.problems.map((item) => html`<li class="${item.severity}">【${SEVERITY_LABEL[item.severity]}】${printedComparisons(describeProblem(item))}</li>`)}</ul>`}
${
  asksForReport(data.snapshot.context.campaign.materials)
    ? html`<h2>书面报告</h2>
${reportCoverage(data, unit)}`
    : ''
}`;
}
