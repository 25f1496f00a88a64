/**
 * 发信: whether an SMTP server is configured, the batch being sent or the last one's result, what
 * would be sent now (receipts and reminders, as the units would read them), each kind with a
 * button that first asks (the confirm page, below), and the outbox journal with the clerk's two
 * answers to a message of unknown fate or a refusal (确认已收到, 重发 — which asks first too).
 */

import type { OutboxView, PlanView } from '../../../mail/outbox.js';
import type { OutboxEntry } from '../../../mail/outbox-journal.js';
import type { MailJob, MailKind } from '../actions/mail-job.js';
import type { SendFailure } from '../actions/smtp-failure.js';
import { when } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';

export interface OutboxPageView {
  smtpConfigured: boolean;
  receipts: PlanView;
  reminders: PlanView;
  outbox: OutboxView[];
  job: MailJob | null;
}

const KIND_LABEL = { receipt: '回执', reminder: '催报', documents: '公文副本' } as const;
const FIRST_LINES = 6;

function firstLines(text: string): string {
  return text.split(/\r?\n/).slice(0, FIRST_LINES).join('\n');
}

function smtpBox(data: PageData, configured: boolean): SafeHtml {
  if (data.readOnly)
    return html`<p class="flash info" id="smtp-state">${data.readOnly === 'archived' ? '已归档的活动' : '示例活动'}不发邮件：本页只显示会发出的回执和催报是什么样子。</p>`;
  if (configured)
    return html`<p class="flash info" id="smtp-state">已配置发信服务器。按“发送回执”“发送催报”后会先列出要发给哪些单位，确认后才发出。</p>`;
  return html`<div class="flash error" id="smtp-state"><p>没有配置发信服务器，本页只显示预览，不会发出任何邮件。</p>
<p>发信服务器（发信邮箱、授权码）由管理员按说明书“发信：回执与催报 → 设置发信”一节配置，配置好后重新启动控制台即可发送。</p></div>`;
}

export function failureBox(failure: SendFailure): SafeHtml {
  return html`<div class="send-failure"><p><strong>${failure.what}</strong></p>${
    failure.server ? html`<p>服务器的原话：<code class="server-words">${failure.server}</code></p>` : ''
  }<p>请检查：</p><ol>${failure.check.map((line) => html`<li>${line}</li>`)}</ol></div>`;
}

/** The batch in progress (the page asks for its progress: console.js) or the last one's result. */
function jobPanel(data: PageData, job: MailJob | null): SafeHtml {
  if (!job) return html``;
  const lines = job.lines.length > 0 ? html`<ul class="job-lines">${job.lines.map((line) => html`<li>${line}</li>`)}</ul>` : '';
  if (!job.result) {
    const count = job.total === null ? '正在准备（等待其他操作完成、连接发信服务器）……' : `已发 ${job.done} / ${job.total} 封……`;
    return html`<div class="panel job running" id="send-job" data-job-url="${data.links.to('/outbox/job')}"><p><strong>正在发送${job.label}</strong>：<span class="job-count">${count}</span></p>
<progress max="${job.total ?? 1}" value="${job.total === null ? 0 : job.done}"></progress>${lines}<p class="muted small">发送完会在这里显示结果（<a href="${data.links.to('/outbox')}">刷新</a>）。</p></div>`;
  }
  const result = job.result;
  return html`<div class="panel job ${result.kind}" id="send-job"><p><strong>${result.kind === 'ok' ? '发送完成' : result.kind === 'info' ? '没有发送' : '发送未完成'}</strong>（${when(job.finishedAt)}）：${result.text}</p>
${result.failure ? failureBox(result.failure) : ''}${result.notes.length > 0 ? html`<ul>${result.notes.map((line) => html`<li>${line}</li>`)}</ul>` : ''}${lines ? html`<details><summary>逐封记录（${job.lines.length}）</summary>${lines}</details>` : ''}</div>`;
}

function sendButton(data: PageData, view: OutboxPageView, plan: PlanView): SafeHtml {
  const count = plan.planned.length + plan.retries.length;
  const label = KIND_LABEL[plan.kind];
  if (data.readOnly || !view.smtpConfigured || count === 0 || plan.templateIssues.length > 0) return html``;
  if (view.job && !view.job.result) return html`<p class="muted">正在发送，发完后才能再发。</p>`;
  return html`<p><a class="button" href="${data.links.to(`/outbox/confirm?kind=${plan.kind}`)}">发送${label}……</a> <span class="muted small">先列出要发给哪些单位，确认后才发出</span></p>`;
}

function planSection(data: PageData, view: OutboxPageView, plan: PlanView): SafeHtml {
  const label = KIND_LABEL[plan.kind];
  return html`<section id="plan-${plan.kind}"><h2>${label}（现在会发 ${plan.planned.length} 封${plan.retries.length > 0 ? html`，另有 ${plan.retries.length} 封重试` : ''}）</h2>
${plan.round ? html`<p class="muted">催报轮次：${plan.round.label}</p>` : ''}
${plan.templateIssues.length > 0 ? html`<div class="flash error">邮件模板有误，不能发送：<ul>${plan.templateIssues.map((line) => html`<li>${line}</li>`)}</ul></div>` : ''}
${
  plan.planned.length === 0
    ? html`<p class="muted">现在没有要发的${label}。</p>`
    : html`<table class="grid" id="preview-${plan.kind}"><thead><tr><th>单位</th><th>收件人</th><th>标题</th><th>正文开头</th></tr></thead><tbody>${plan.planned.map(
        (mail) =>
          html`<tr data-unit="${mail.unit ?? ''}"><td>${mail.unit ?? '—'}</td><td>${mail.to.join('，')}</td><td>${mail.subject}</td><td><pre class="small mail-lines">${firstLines(mail.text)}</pre></td></tr>`,
      )}</tbody></table>`
}
${plan.skipped.length > 0 ? html`<details><summary>不发的（${plan.skipped.length}）</summary><ul>${plan.skipped.map((item) => html`<li>${item.unit ?? '—'}：${item.reason}</li>`)}</ul></details>` : ''}
${sendButton(data, view, plan)}</section>`;
}

function entryActions(data: PageData, view: OutboxPageView, entry: OutboxEntry, state: string): SafeHtml {
  if (data.readOnly) return html``;
  const canConfirm = state === '可能已发送';
  const canResend = view.smtpConfigured && (state === '可能已发送' || state === '被拒收') && !(view.job && !view.job.result);
  return html`${
    canConfirm
      ? html`<form method="post" action="${data.links.action('outbox-confirm')}">${csrfField(data.csrf)}<input type="hidden" name="entry" value="${entry.id}"><button type="submit">确认已收到</button></form>`
      : ''
  }${canResend ? html`<a class="button secondary" href="${data.links.to(`/outbox/confirm?entry=${entry.id}`)}">重发……</a>` : ''}`;
}

function outboxSection(data: PageData, view: OutboxPageView): SafeHtml {
  if (view.outbox.length === 0) return html`<section id="outbox"><h2>发信记录</h2><p class="muted">还没有发过邮件。</p></section>`;
  const rows = [...view.outbox].sort((a, b) => b.entry.createdAt.localeCompare(a.entry.createdAt));
  return html`<section id="outbox"><h2>发信记录</h2><table class="grid" id="outbox-list"><thead><tr><th>状态</th><th>单位</th><th>类别</th><th>标题</th><th>发送次数</th><th>最近一次</th><th>服务器答复</th><th></th></tr></thead><tbody>${rows.map(
    ({ entry, state }) => {
      const last = entry.attempts.at(-1);
      return html`<tr data-entry="${entry.id}" data-state="${state}"><td>${state}</td><td>${entry.unit ?? '—'}</td><td>${KIND_LABEL[entry.kind]}</td><td>${entry.subject}</td><td class="num">${entry.attempts.length}</td><td>${when(last?.finishedAt ?? last?.startedAt)}</td><td>${last?.answer ?? ''}</td><td>${entryActions(data, view, entry, state)}</td></tr>`;
    },
  )}</tbody></table><p class="muted small">「可能已发送」：发送中途断开，不知道对方是否收到；请向该单位核实，收到了就按“确认已收到”，没收到再按“重发”。「被拒收」：对方服务器拒收，排除原因后再按“重发”。</p></section>`;
}

export function outboxBody(data: PageData, view: OutboxPageView): SafeHtml {
  return html`${smtpBox(data, view.smtpConfigured)}
${jobPanel(data, view.job)}
${planSection(data, view, view.receipts)}
${planSection(data, view, view.reminders)}
${outboxSection(data, view)}`;
}

/** The question before a batch: how many mails, to whom; 确认发送 carries the plan's fingerprint. */
export function confirmBody(data: PageData, kind: MailKind, plan: PlanView, fingerprint: string): SafeHtml {
  const label = KIND_LABEL[kind];
  const units = new Set(plan.planned.map((mail) => mail.unit ?? '—'));
  const total = plan.planned.length + plan.retries.length;
  return html`<div class="panel confirm" id="confirm-send"><p class="confirm-question"><strong>将向 ${units.size} 个单位发送${label}，共 ${plan.planned.length} 封${plan.retries.length > 0 ? `，另外重试上次暂未发出的 ${plan.retries.length} 封` : ''}。</strong>发出后不能收回。</p>
<table class="grid" id="confirm-list"><thead><tr><th>单位</th><th>收件人</th><th>标题</th></tr></thead><tbody>${plan.planned.map(
    (mail) => html`<tr><td>${mail.unit ?? '—'}</td><td>${mail.to.join('，')}</td><td>${mail.subject}</td></tr>`,
  )}${plan.retries.map((entry) => html`<tr><td>${entry.unit ?? '—'}（重试）</td><td>${entry.to.join('，')}</td><td>${entry.subject}</td></tr>`)}</tbody></table>
<form method="post" action="${data.links.action('send')}" class="confirm-form">${csrfField(data.csrf)}<input type="hidden" name="kind" value="${kind}"><input type="hidden" name="plan" value="${fingerprint}">
<p><button type="submit">确认发送这 ${total} 封${label}</button>　<a href="${data.links.to('/outbox')}">取消，返回发信页</a></p></form>
<p class="muted small">按确认后在发信页显示发送进度和结果；每秒最多发几封按发信设置，发完之前不要关闭控制台程序（关闭浏览器不影响）。</p></div>`;
}

/** The question before sending one message again. */
export function confirmResendBody(data: PageData, entry: OutboxEntry, state: string): SafeHtml {
  return html`<div class="panel confirm" id="confirm-send"><p class="confirm-question"><strong>将向${entry.unit ?? ''}（${entry.to.join('，')}）重发《${entry.subject}》。</strong></p>
<p>这一封现在是「${state}」。${state === '可能已发送' ? '对方可能已经收到：请先与对方核实确实没有收到，否则对方会收到两封。' : '请确认已排除被拒收的原因（见发信记录中服务器的答复）。'}</p>
<form method="post" action="${data.links.action('send')}" class="confirm-form">${csrfField(data.csrf)}<input type="hidden" name="entry" value="${entry.id}">
<p><button type="submit">确认重发</button>　<a href="${data.links.to('/outbox')}">取消，返回发信页</a></p></form></div>`;
}
