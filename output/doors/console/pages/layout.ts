/**
 * The frame of every console page: head (webkit renderer for the dual-core browsers of
 * government offices, the console's own style and script), the navigation, the flash message.
 */

import type { ReadOnly } from '../actions/guards.js';
import type { Flash } from '../security/sessions.js';
import { html, type SafeHtml } from './html.js';
import type { Links } from './links.js';

export interface NavItem {
  key: string;
  href: string;
  label: string;
}

/**
 * The console's sections, in the order of the clerk's day. A new section (the 发信 page of the
 * outbound-mail work) is one more entry here and one more route module.
 */
export function navItems(links: Links): NavItem[] {
  return [
    { key: 'overview', href: links.overview, label: '总览' },
    { key: 'pending', href: links.to('/pending'), label: '待核实' },
    { key: 'circular', href: links.to('/circular'), label: '通报' },
    { key: 'outputs', href: links.to('/outputs'), label: '输出' },
    { key: 'templates', href: links.to('/templates'), label: '模板' },
    { key: 'outbox', href: links.to('/outbox'), label: '发信' },
    { key: 'messages', href: links.to('/messages'), label: '来信记录' },
    { key: 'settings', href: links.to('/settings'), label: '活动设置' },
  ];
}

export interface Chrome {
  campaignTitle: string;
  /** The campaign's links; null on pages outside a campaign (login, errors): no navigation then. */
  links: Links | null;
  /** The bundled demo campaign, or an archived one: shown, never changed (said on top of every page). */
  readOnly: ReadOnly;
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

/** The bar on top of a campaign's pages that says they cannot change anything. */
function readOnlyBanner(readOnly: ReadOnly): SafeHtml {
  if (readOnly === 'archived')
    return html`<div class="flash info read-only" id="read-only" role="note"><strong>已归档的活动，只能查看。</strong>各页照常显示，汇总表和公文可以下载；不再收信、汇总或发信，也不能认定来信、修改通报和模板。需要修改时，先在活动列表中按“恢复”。</div>`;
  return html`<div class="flash info read-only" id="read-only" role="note"><strong>示例活动，只能查看。</strong>这是程序自带的示例活动，用来熟悉控制台：各页照常显示，但不能认定来信、修改通报和模板，也不发邮件。</div>`;
}

export function page(chrome: Chrome, options: PageOptions): SafeHtml {
  const nav = chrome.links
    ? html`<nav>${navItems(chrome.links).map(
        (item) =>
          html`<a href="${item.href}"${item.key === options.nav ? html` class="current" aria-current="page"` : ''}>${item.label}</a>`,
      )}</nav>`
    : '';
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
<body${chrome.links ? html` data-generation="${chrome.generation}" data-live="${options.live}" data-events="${chrome.links.to('/events')}"` : ''}>
<header class="top">${chrome.links?.campaigns ? html`<a class="campaigns" href="${chrome.links.campaigns}" id="all-campaigns">全部活动</a>` : ''}<span class="title">${chrome.campaignTitle}</span>${nav}${
    chrome.loggedIn
      ? html`<span class="who"><form method="post" action="/logout">${csrfField(chrome.csrf)}<button type="submit">退出</button></form></span>`
      : ''
  }</header>
<main>
${chrome.readOnly ? readOnlyBanner(chrome.readOnly) : ''}
${chrome.links ? html`<div id="live-note" class="flash info live-note">有新的来信或数据已更新，<a href="">刷新本页</a>查看。</div>` : ''}
${chrome.problem ? html`<div class="flash error">${chrome.problem.message}<ul>${chrome.problem.details.map((line) => html`<li>${line}</li>`)}</ul>以上错误改正之前，显示的是上一次能够读取时的情况。</div>` : ''}
${flashBox(chrome.flash)}
<h1>${options.title}</h1>
${options.body}
</main>
<script src="/static/console.js"></script>
</body>
</html>`;
}
