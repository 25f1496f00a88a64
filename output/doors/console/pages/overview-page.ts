/**
 * 总览: every roster unit with its status, how many units are in each status (units, not mail:
 * the doubtful messages are counted apart, as messages), the deadline, the mailbox and its last
 * poll in words, 立即收信 (and why it cannot be pressed when it cannot), the chart.
 */
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { UNIT_STATUS_LABEL, UNIT_STATUSES, type UnitStatus } from '../../../../pipeline/merge/merge-result.js';
import type { ScheduleStatus } from '../../schedule/intake-schedule.js';
import type { LastIntake, Snapshot } from '../state/console-state.js';
import { statusBadge, timeLeft, when } from './format.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { Links } from './links.js';
import type { PageData } from './page-data.js';
import { reportChartSvg } from './report-chart.js';

/**
 * The parts of 总览 that depend on the data alone (the units table, the chart, the counts), made
 * once per snapshot and base path: the page reloads itself after every poll, on every open
 * browser, and at thousands of units the table is most of the work.
 */
const dataParts = new WeakMap<Snapshot, Map<string, { rows: SafeHtml; chart: SafeHtml; counts: Map<UnitStatus, number> }>>();

function partsFor(snapshot: Snapshot, links: Links) {
  const known = dataParts.get(snapshot)?.get(links.base);
  if (known) return known;
  const { result, context } = snapshot;
  const campaign = context.campaign;
  const counts = new Map(UNIT_STATUSES.map((status) => [status, 0]));
  for (const unit of result.units) counts.set(unit.status, counts.get(unit.status)! + 1);
  const rows = joinHtml(
    result.units.map((unit, index) => {
      const errors = unit.problems.filter((item) => item.severity === 'error').length;
      const warnings = unit.problems.length - errors;
      return html`<tr><td class="num">${index + 1}</td><td><a href="${links.unit(unit.unit)}">${unit.unit}</a></td><td>${statusBadge(unit.status)}</td><td>${when(unit.firstReceivedAt)}</td><td>${when(unit.receivedAt)}</td><td class="num">${errors > 0 ? html`<span class="problems"><span class="error">${errors} 错误</span></span>` : ''}${errors > 0 && warnings > 0 ? '，' : ''}${warnings > 0 ? `${warnings} 提示` : ''}${errors + warnings === 0 ? '—' : ''}</td></tr>`;
    }),
  );
  const chart = reportChartSvg({
    firstReceipts: result.units.map((unit) => unit.firstReceivedAt),
    deadline: campaign.file.deadline,
    asOf: result.asOf,
    start: campaign.file.noticeDate ?? null,
  });
  const parts = { rows, chart, counts };
  const perBase = dataParts.get(snapshot) ?? new Map();
  perBase.set(links.base, parts);
  dataParts.set(snapshot, perBase);
  return parts;
}

/** The last poll in words: when, what arrived, what was stored. */
export function intakeSentence(last: LastIntake): string {
  const at = formatBeijing(last.at);
  if (last.output.kind === 'imap') {
    const report = last.output.report;
    if (report.seen === 0) return `${at}，邮箱里没有新邮件`;
    const parts = [`${at}，邮箱里新到 ${report.seen} 封邮件`];
    parts.push(report.stored > 0 ? `存入活动来信 ${report.stored} 封` : '其中没有新的活动来信');
    if (report.ignored > 0) parts.push(`${report.ignored} 封与本活动无关，未下载`);
    if (report.tooLarge.length > 0) parts.push(`${report.tooLarge.length} 封过大，未下载`);
    if (report.interrupted) parts.push('收信中断，下次继续');
    return parts.join('，');
  }
  const report = last.output.report;
  const parts = [`${at}，从文件夹读取 ${report.seen} 封邮件`, report.stored > 0 ? `新存入 ${report.stored} 封` : '没有新的来信'];
  if (report.failed.length > 0) parts.push(`${report.failed.length} 个文件读不了`);
  return parts.join('，');
}

/** The last cycle, in words (a failure's own words after its time). */
function lastPoll(intake: ScheduleStatus, last: LastIntake | null): string {
  // A mailbox without its 授权码 is said beside 立即收信; the last poll is the last one made.
  if (intake.lastFailed && intake.lastLine && !intake.blocked)
    return `收信失败：${intake.lastLine.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*/, '').replace(/^收信失败：/, '')}`;
  if (last) return intakeSentence(last);
  if (intake.lastLine) return intake.lastLine.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s*/, '');
  return '还没有收过信';
}

function mailboxPanel(data: PageData): SafeHtml {
  const { intake } = data;
  const schedule = data.snapshot.context.campaign.file.schedule;
  const next =
    intake.source === null
      ? '—'
      : intake.running
        ? '正在收信……'
        : intake.nextPollAt && Date.parse(intake.nextPollAt) > data.now.getTime()
          ? when(intake.nextPollAt)
          : `按时间表「${schedule}」（北京时间）`;
  const why =
    intake.source === null
      ? '没有配置收信邮箱，不能收信（由管理员在活动配置中设置邮箱）；这里显示的是已存档的来信'
      : intake.blocked
        ? intake.blocked
        : intake.running
          ? '正在收信，收完后本页自动更新'
          : null;
  return html`<div class="mailbox">
<div>收信邮箱：${intake.source ?? '未配置'}</div>
<div>上次收信：<span id="last-poll"${intake.lastFailed && !intake.blocked ? html` class="problems error"` : ''}>${intake.source === null || (intake.blocked && !data.lastIntake) ? '—' : lastPoll(intake, data.lastIntake)}</span></div>
<div>下次收信：${next}</div>
${intake.scheduleNote ? html`<div class="muted small">${intake.scheduleNote}</div>` : ''}
<form method="post" action="${data.links.action('poll')}" class="poll-form">${csrfField(data.csrf)}<button type="submit"${why ? html` disabled` : ''}>立即收信</button>${why ? html` <span class="muted small" id="poll-why">${why}${intake.blocked && !data.readOnly ? html`（<a href="${data.links.to('/settings')}">去填写</a>）` : ''}</span>` : ''}</form>
</div>`;
}

export function overviewBody(data: PageData): SafeHtml {
  const { result, context } = data.snapshot;
  const campaign = context.campaign;
  const { rows, chart, counts } = partsFor(data.snapshot, data.links);
  const doubtful = result.unidentified.length;
  return html`<div class="cards-row">
<div class="cards" id="status-counts"><div class="cards-label">单位（名单中 ${result.units.length} 个），按报送情况：</div>
${UNIT_STATUSES.map((status) => html`<div class="card" data-status="${status}"><div class="n">${counts.get(status)}</div><div class="l">${UNIT_STATUS_LABEL[status]}</div></div>`)}
</div>
<div class="cards mail-cards"><div class="cards-label">来信：</div>
<div class="card"><div class="n"><a href="${data.links.to('/messages')}" id="message-count" data-count="${result.messages.length}">${result.messages.length}</a></div><div class="l">封来信</div></div>
<div class="card${doubtful > 0 ? ' attention' : ''}" id="doubtful-count"><div class="n"><a href="${data.links.to('/pending')}">${doubtful}</a></div><div class="l">封待认定单位</div></div>
</div></div>
${doubtful > 0 ? html`<p class="muted small">“待核实”是单位的报送情况：可能有来信属于它、尚待认定的单位（${counts.get('pending')} 个）；“待认定单位”的是来信（${doubtful} 封），在<a href="${data.links.to('/pending')}">待核实</a>页逐封认定。</p>` : ''}
<div class="row">
<div class="panel">
<div>截止时间：<strong>${when(campaign.file.deadline)}</strong>（${timeLeft(campaign.file.deadline, data.now)}）</div>
<div>数据截至：${when(result.asOf)}</div>
${mailboxPanel(data)}
</div>
<div>${chart}
<div class="muted small">柱：当日首次报送的单位数；线：累计已报送；红色虚线：截止时间；灰色虚线：单位总数</div></div>
</div>
<h2>各单位报送情况</h2>
<table class="grid" id="units"><thead><tr><th>序号</th><th>单位</th><th>报送情况</th><th>首次报送</th><th>最近报送</th><th>问题</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}
