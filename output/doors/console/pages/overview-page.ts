/** 总览: every roster unit with its status, the counts, the deadline, the mailbox, the chart. */
import { UNIT_STATUS_LABEL, UNIT_STATUSES, type UnitStatus } from '../../../../pipeline/merge/merge-result.js';
import type { Snapshot } from '../state/console-state.js';
import { statusBadge, timeLeft, unitHref, when } from './format.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';
import { reportChartSvg } from './report-chart.js';

/**
 * The parts of 总览 that depend on the data alone (the units table, the chart, the counts), made
 * once per snapshot: the page reloads itself after every poll, on every open browser, and at
 * thousands of units the table is most of the work.
 */
const dataParts = new WeakMap<Snapshot, { rows: SafeHtml; chart: SafeHtml; counts: Map<UnitStatus, number> }>();

function partsFor(snapshot: Snapshot) {
  const known = dataParts.get(snapshot);
  if (known) return known;
  const { result, context } = snapshot;
  const campaign = context.campaign;
  const counts = new Map(UNIT_STATUSES.map((status) => [status, 0]));
  for (const unit of result.units) counts.set(unit.status, counts.get(unit.status)! + 1);
  const rows = joinHtml(
    result.units.map((unit, index) => {
      const errors = unit.problems.filter((item) => item.severity === 'error').length;
      const warnings = unit.problems.length - errors;
      return html`<tr><td class="num">${index + 1}</td><td><a href="${unitHref(unit.unit)}">${unit.unit}</a></td><td>${statusBadge(unit.status)}</td><td>${when(unit.firstReceivedAt)}</td><td>${when(unit.receivedAt)}</td><td class="num">${errors > 0 ? html`<span class="problems"><span class="error">${errors} 错误</span></span>` : ''}${errors > 0 && warnings > 0 ? '，' : ''}${warnings > 0 ? `${warnings} 提示` : ''}${errors + warnings === 0 ? '—' : ''}</td></tr>`;
    }),
  );
  const chart = reportChartSvg({
    firstReceipts: result.units.map((unit) => unit.firstReceivedAt),
    deadline: campaign.file.deadline,
    asOf: result.asOf,
    start: campaign.file.noticeDate ?? null,
  });
  const parts = { rows, chart, counts };
  dataParts.set(snapshot, parts);
  return parts;
}

export function overviewBody(data: PageData): SafeHtml {
  const { result, context } = data.snapshot;
  const campaign = context.campaign;
  const intake = data.intake;
  const { rows, chart, counts } = partsFor(data.snapshot);
  return html`<div class="cards">
<div class="card"><div class="n">${result.units.length}</div><div class="l">名单中的单位</div></div>
${UNIT_STATUSES.map((status) => html`<div class="card" data-status="${status}"><div class="n">${counts.get(status)}</div><div class="l">${UNIT_STATUS_LABEL[status]}</div></div>`)}
<div class="card"><div class="n"><a href="/pending">${result.unidentified.length}</a></div><div class="l">待核实的来信</div></div>
</div>
<div class="row">
<div class="panel">
<div>截止时间：<strong>${when(campaign.file.deadline)}</strong>（${timeLeft(campaign.file.deadline, data.now)}）</div>
<div>数据截至：${when(result.asOf)}</div>
<div>收信邮箱：${intake.source ?? '未配置（campaign.yaml 中没有 mailbox，启动时也未指定 --mailbox-dir）'}</div>
<div>上次收信：<span id="last-poll">${intake.lastPollAt ? intake.lastLine : '—'}</span></div>
<div>来信：<a href="/messages" id="message-count" data-count="${result.messages.length}">${result.messages.length} 封</a></div>
<div>下次收信：${intake.source === null ? '—' : intake.running ? '正在收信……' : intake.nextPollAt && Date.parse(intake.nextPollAt) > data.now.getTime() ? when(intake.nextPollAt) : `按时间表「${campaign.file.schedule}」（北京时间）`}${intake.scheduleNote ? html`<div class="muted small">${intake.scheduleNote}</div>` : ''}</div>
<form method="post" action="/actions/poll" class="inline">${csrfField(data.csrf)}<button type="submit"${intake.source === null || intake.running ? html` disabled` : ''}>立即收信</button></form>
</div>
<div>${chart}
<div class="muted small">柱：当日首次报送的单位数；线：累计已报送；红色虚线：截止时间；灰色虚线：单位总数</div></div>
</div>
<h2>各单位报送情况</h2>
<table class="grid" id="units"><thead><tr><th>序号</th><th>单位</th><th>报送情况</th><th>首次报送</th><th>最近报送</th><th>问题</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}
