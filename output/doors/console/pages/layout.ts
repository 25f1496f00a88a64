/**
 * The frame of every console page: head (webkit renderer for the dual-core browsers of
 * government offices, the console's own style and script), the navigation, the flash message.
 */

import type { Flash } from '../security/sessions.js';
import { html, type SafeHtml } from './html.js';

export interface NavItem {
  key: string;
  href: string;
  label: string;
}

/**
 * The console's sections, in the order of the clerk's day. A new section (the 发信 page of the
 * outbound-mail work) is one more entry here and one more route module.
 */
export const NAV: readonly NavItem[] = [
  { key: 'overview', href: '/', label: '总览' },
  { key: 'pending', href: '/pending', label: '待核实' },
  { key: 'circular', href: '/circular', label: '通报' },
  { key: 'outputs', href: '/outputs', label: '输出' },
  { key: 'templates', href: '/templates', label: '模板' },
  { key: 'outbox', href: '/outbox', label: '发信' },
  { key: 'messages', href: '/messages', label: '来信记录' },
];

export interface Chrome {
  campaignTitle: string;
  csrf: string;
  generation: number;
  flash: Flash | null;
  /** A password protects the console: show 退出. */
  loggedIn: boolean;
  /** A problem with the campaign folder, shown on every page. */
  problem: { message: string; details: readonly string[] } | null;
}

export interface PageOptions {
  title: string;
  nav: string | null;
  /** 'reload': the page reloads itself when new data arrives; 'note': it shows a notice. */
  live: 'reload' | 'note';
  body: SafeHtml;
}

export function flashBox(flash: Flash | null): SafeHtml {
  if (!flash) return html``;
  return html`<div class="flash ${flash.kind}" role="status">${flash.text}${flash.details && flash.details.length > 0 ? html`<ul>${flash.details.map((line) => html`<li>${line}</li>`)}</ul>` : ''}</div>`;
}

/** A hidden field every POST form carries: the session's CSRF token. */
export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

export function page(chrome: Chrome, options: PageOptions): SafeHtml {
  const nav = NAV.map(
    (item) => html`<a href="${item.href}"${item.key === options.nav ? html` class="current" aria-current="page"` : ''}>${item.label}</a>`,
  );
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="renderer" content="webkit">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} - ${chrome.campaignTitle}</title>
<link rel="stylesheet" href="/static/console.css">
</head>
<body data-generation="${chrome.generation}" data-live="${options.live}">
<header class="top"><span class="title">${chrome.campaignTitle}</span><nav>${nav}</nav>${
    chrome.loggedIn
      ? html`<span class="who"><form method="post" action="/logout">${csrfField(chrome.csrf)}<button type="submit">退出</button></form></span>`
      : ''
  }</header>
<main>
<div id="live-note" class="flash info live-note">有新的来信或数据已更新，<a href="">刷新本页</a>查看。</div>
${chrome.problem ? html`<div class="flash error">${chrome.problem.message}<ul>${chrome.problem.details.map((line) => html`<li>${line}</li>`)}</ul>以上错误改正之前，显示的是上一次能够读取时的情况。</div>` : ''}
${flashBox(chrome.flash)}
<h1>${options.title}</h1>
${options.body}
</main>
<script src="/static/console.js"></script>
</body>
</html>`;
}
