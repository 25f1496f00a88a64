/**
 * 活动列表: the first page of a workspace's console — every campaign of the office with its
 * title, 文号, deadline and the time left, its units by status and the mail waiting for the clerk;
 * a link into each campaign's own pages; 归档 for a finished campaign (恢复 for an archived
 * one); 新建活动.
 */
import { UNIT_STATUS_LABEL, UNIT_STATUSES, type UnitStatus } from '../../../../pipeline/merge/merge-result.js';
import type { Snapshot } from '../state/console-state.js';
import { statusBadge, timeLeft, when } from './format.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';

export interface CampaignLine {
  /** The campaign folder's name (how the workspace names it). */
  name: string;
  /** Its pages (/c/<name>/). */
  href: string;
  title: string;
  documentNumber: string;
  deadline: string;
  archived: boolean;
  asOf: string | null;
  units: number;
  counts: Record<UnitStatus, number>;
  unidentified: number;
  /** Why it cannot be shown now (campaign.yaml broken by hand …), or null. */
  problem: string | null;
}

export interface CampaignsView {
  campaigns: readonly CampaignLine[];
  csrf: string;
  now: Date;
  /** Where 新建活动 is (null: not offered). */
  newCampaignHref: string | null;
  workspaceDir: string;
}

/** A campaign's line, from its console state's snapshot. */
export function campaignLine(name: string, href: string, snapshot: Snapshot): CampaignLine {
  const { campaign } = snapshot.context;
  const counts = Object.fromEntries(UNIT_STATUSES.map((status) => [status, 0])) as Record<UnitStatus, number>;
  for (const unit of snapshot.result.units) counts[unit.status]++;
  return {
    name,
    href,
    title: campaign.file.title,
    documentNumber: campaign.file.documentNumber,
    deadline: campaign.file.deadline,
    archived: snapshot.context.workspace?.archived === true,
    asOf: snapshot.result.asOf,
    units: snapshot.result.units.length,
    counts,
    unidentified: snapshot.result.unidentified.length,
    problem: snapshot.problem?.message ?? null,
  };
}

function countsCell(line: CampaignLine): SafeHtml {
  const present = UNIT_STATUSES.filter((status) => line.counts[status] > 0);
  if (present.length === 0) return html`—`;
  return joinHtml(
    present.map(
      (status) => html`<span class="count" title="${UNIT_STATUS_LABEL[status]}">${statusBadge(status)} ${line.counts[status]}</span>`,
    ),
    ' ',
  );
}

function archiveForm(line: CampaignLine, csrf: string): SafeHtml {
  const action = line.archived ? '/campaigns/unarchive' : '/campaigns/archive';
  const label = line.archived ? '恢复' : '归档';
  // Undone with 恢复, so no confirmation step: the row moves between the two tables.
  return html`<form method="post" action="${action}" class="inline">${csrfField(csrf)}<input type="hidden" name="campaign" value="${line.name}"><button type="submit" class="secondary">${label}</button></form>`;
}

function campaignRow(line: CampaignLine, view: CampaignsView): SafeHtml {
  const state = line.archived ? html`<span class="status s-archived">已归档</span>` : html`进行中`;
  const left = line.archived || !line.deadline ? '—' : timeLeft(line.deadline, view.now);
  return html`<tr class="${line.archived ? 'archived' : ''}" data-campaign="${line.name}">
<td><a href="${line.href}">${line.title}</a>${line.problem ? html`<div class="problems"><span class="error">${line.problem}</span></div>` : ''}</td>
<td>${line.documentNumber || '—'}</td><td>${when(line.deadline)}</td><td>${left}</td><td>${state}</td>
<td class="num">${line.units}</td><td>${countsCell(line)}</td><td class="num">${line.unidentified > 0 ? html`<a href="${line.href}pending">${line.unidentified}</a>` : '0'}</td>
<td>${archiveForm(line, view.csrf)}</td></tr>`;
}

export function campaignsBody(view: CampaignsView): SafeHtml {
  const active = view.campaigns.filter((line) => !line.archived);
  const archived = view.campaigns.filter((line) => line.archived);
  const head = html`<tr><th>活动</th><th>文号</th><th>截止时间</th><th>剩余时间</th><th>状态</th><th>单位数</th><th>各种情况的单位数</th><th>待核实来信</th><th></th></tr>`;
  const table = (lines: readonly CampaignLine[], id: string) =>
    html`<table class="units" id="${id}"><thead>${head}</thead><tbody>${joinHtml(lines.map((line) => campaignRow(line, view)))}</tbody></table>`;
  return html`<p>本工作区（${view.workspaceDir}）中的活动共用一个收信邮箱：每次收信后，每封来信按文号、标题、附件表格和回复关系归入它所属的活动。点活动名称进入该活动的各个页面。${view.newCampaignHref ? html` <a class="button" href="${view.newCampaignHref}" id="new-campaign">新建活动</a>` : ''}</p>
<h2>进行中（${active.length}）</h2>
${active.length > 0 ? table(active, 'active-campaigns') : html`<p>没有进行中的活动。</p>`}
<h2>已归档（${archived.length}）</h2>
${archived.length > 0 ? table(archived, 'archived-campaigns') : html`<p>没有已归档的活动。归档后的活动只能查看和下载输出，不再收信、汇总或发信。</p>`}`;
}
