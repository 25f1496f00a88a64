/**
 * 发信: whether an SMTP server is configured, what would be sent now (receipts and reminders, as
 * the units would read them), each kind with its send button, and the outbox journal with the
 * clerk's two answers to a message of unknown fate or a refusal (确认已收到, 重发).
 */
import type { OutboxView, PlanView } from '../../../mail/outbox.js';
import { when } from './format.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import type { PageData } from './page-data.js';

export interface OutboxPageView {
  smtpConfigured: boolean;
  receipts: PlanView;
  reminders: PlanView;
  outbox: OutboxView[];
}

const KIND_LABEL = { receipt: '回执', reminder: '催报', documents: '公文副本' } as const;
const FIRST_LINES = 6;

function firstLines(text: string): string {
  return text.split(/\r?\n/).slice(0, FIRST_LINES).join('\n');
}

function smtpBox(configured: boolean): SafeHtml {
  if (configured) return html`<p class="flash info" id="smtp-state">已配置发信服务器，按下面的按钮才会发送。</p>`;
  return html`<div class="flash error" id="smtp-state"><p>没有配置发信服务器，本页只显示预览，不会发出任何邮件。</p>
<p>要发信，请在活动文件夹的 campaign.yaml 中填写 smtp:，例如：</p>
<pre>smtp:
  host: smtp.163.com
  port: 465
  tls: true
  user: 秘书科邮箱地址
  from: 区保密办 &lt;秘书科邮箱地址&gt;</pre>
<p>密码（163、QQ 邮箱为授权码）不写在 campaign.yaml 中，用环境变量 HUIZONG_SMTP_PASSWORD 或 HUIZONG_SMTP_PASSWORD_FILE 提供；改好后重新启动控制台。</p></div>`;
}

function planSection(data: PageData, view: OutboxPageView, plan: PlanView): SafeHtml {
  const label = KIND_LABEL[plan.kind];
  const action = plan.kind === 'receipt' ? '/actions/send-receipts' : '/actions/send-reminders';
  const count = plan.planned.length + plan.retries.length;
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
${
  view.smtpConfigured && count > 0 && plan.templateIssues.length === 0
    ? html`<form method="post" action="${action}">${csrfField(data.csrf)}<p><button type="submit">发送${label}</button></p></form>`
    : ''
}</section>`;
}

function outboxSection(data: PageData, view: OutboxPageView): SafeHtml {
  if (view.outbox.length === 0) return html`<section id="outbox"><h2>发信记录</h2><p class="muted">还没有发过邮件。</p></section>`;
  const rows = [...view.outbox].sort((a, b) => b.entry.createdAt.localeCompare(a.entry.createdAt));
  return html`<section id="outbox"><h2>发信记录</h2><table class="grid" id="outbox-list"><thead><tr><th>状态</th><th>单位</th><th>类别</th><th>标题</th><th>发送次数</th><th>最近一次</th><th>服务器答复</th><th></th></tr></thead><tbody>${rows.map(
    ({ entry, state }) => {
      const last = entry.attempts.at(-1);
      const canConfirm = state === '可能已发送';
      const canResend = view.smtpConfigured && (state === '可能已发送' || state === '被拒收');
      return html`<tr data-entry="${entry.id}" data-state="${state}"><td>${state}</td><td>${entry.unit ?? '—'}</td><td>${KIND_LABEL[entry.kind]}</td><td>${entry.subject}</td><td class="num">${entry.attempts.length}</td><td>${when(last?.finishedAt ?? last?.startedAt)}</td><td>${last?.answer ?? ''}</td><td>${
        canConfirm
          ? html`<form method="post" action="/actions/outbox-confirm">${csrfField(data.csrf)}<input type="hidden" name="entry" value="${entry.id}"><button type="submit">确认已收到</button></form>`
          : ''
      }${
        canResend
          ? html`<form method="post" action="/actions/outbox-resend">${csrfField(data.csrf)}<input type="hidden" name="entry" value="${entry.id}"><button type="submit">重发</button></form>`
          : ''
      }</td></tr>`;
    },
  )}</tbody></table><p class="muted small">「可能已发送」：发送中途断开，不知道对方是否收到；请向该单位核实，收到了就按“确认已收到”，没收到再按“重发”。「被拒收」：对方服务器拒收，排除原因后再按“重发”。</p></section>`;
}

export function outboxBody(data: PageData, view: OutboxPageView): SafeHtml {
  return html`${smtpBox(view.smtpConfigured)}
${planSection(data, view, view.receipts)}
${planSection(data, view, view.reminders)}
${outboxSection(data, view)}`;
}
