/**
 * 活动设置: everything of a campaign the clerk may change after 创建, each part its own form
 * (名单, 截止时间, 校验规则 checked as typed, 检查目录, 报送材料, 收信邮箱 and 发信 with 测试连接 and
 * the 授权码, 催报轮次, 回执 and 催报 templates). Every save is checked as `huizong check` checks.
 */
import { existsSync } from 'node:fs';
import { storedPasswordPath } from '../../../../intake/kernel/stored-passwords.js';
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { checklistText, materialsText, roundsText } from '../actions/settings-forms.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './layout.js';
import { setupAssets } from './new-campaign-pages.js';
import type { PageData } from './page-data.js';

const TOC: readonly [string, string][] = [
  ['settings-roster', '单位名单'],
  ['settings-deadline', '截止时间'],
  ['settings-rules', '校验规则'],
  ['settings-checklist', '检查目录'],
  ['settings-materials', '报送材料'],
  ['settings-mailbox', '收信邮箱'],
  ['settings-smtp', '发信'],
  ['settings-rounds', '催报轮次'],
  ['settings-receipt', '回执模板'],
  ['settings-reminder', '催报模板'],
];

export interface SettingsView {
  receipt: string;
  reminder: string;
}

function form(data: PageData, action: string, id: string, title: string, inner: SafeHtml): SafeHtml {
  return html`<form method="post" action="${data.links.action(action)}" class="panel" id="${id}">${csrfField(data.csrf)}<h2>${title}</h2>${inner}</form>`;
}

function rosterPart(data: PageData): SafeHtml {
  const { roster } = data.snapshot.context.campaign;
  const rows = roster.map(
    (
      unit,
    ) => html`<tr><td>${unit.name}</td><td><form method="post" action="${data.links.action('settings-unit')}" class="inline">${csrfField(data.csrf)}<input type="hidden" name="name" value="${unit.name}">
<input name="aliases" value="${unit.aliases.join('；')}" size="30" aria-label="${unit.name}的别名"> <input name="emails" value="${unit.emails.join('；')}" size="26" aria-label="${unit.name}的邮箱">
<button type="submit" name="intent" value="save">保存</button> <button type="submit" name="intent" value="remove" class="secondary">移出名单</button></form></td></tr>`,
  );
  return html`<div class="panel" id="settings-roster"><h2>单位名单（${roster.length} 个）</h2>
<p class="small muted">几个别名或邮箱之间用分号隔开。移出名单的单位，来信仍保存在存档中。</p>
<table class="grid"><thead><tr><th>单位名称</th><th>别名、邮箱</th></tr></thead><tbody>${rows}</tbody></table>
<form method="post" action="${data.links.action('settings-unit')}" id="add-unit">${csrfField(data.csrf)}<input type="hidden" name="intent" value="add">
<h3>增加单位</h3><label>单位名称 <input name="name" required></label> <label>别名 <input name="aliases"></label> <label>邮箱 <input name="emails" size="26"></label> <button type="submit">增加</button></form></div>`;
}

function serverPart(data: PageData, section: 'mailbox' | 'smtp'): SafeHtml {
  const file = data.snapshot.context.campaign.file;
  const values = section === 'mailbox' ? file.mailbox : file.smtp;
  const third =
    section === 'mailbox'
      ? { name: 'folder', label: '文件夹', value: file.mailbox.folder ?? '' }
      : { name: 'from', label: '发件人', value: file.smtp.from ?? '' };
  const stored = existsSync(storedPasswordPath(data.snapshot.context.storeDir, section === 'mailbox' ? 'imap' : 'smtp'));
  const title = section === 'mailbox' ? '收信邮箱（IMAP）' : '发信（SMTP）';
  return form(
    data,
    `settings-${section}`,
    `settings-${section}`,
    title,
    html`<label>服务器 <input name="host" value="${values.host ?? ''}" placeholder="${section === 'mailbox' ? 'imap.163.com' : 'smtp.163.com'}"></label>
<label>端口 <input name="port" value="${values.port ?? ''}" size="6" placeholder="${section === 'mailbox' ? '993' : '465'}"></label>
<label><input type="checkbox" name="tls"${values.tls !== false ? html` checked` : ''}> 加密连接（TLS）</label><br>
<label>用户名 <input name="user" value="${values.user ?? ''}" size="26"></label>
<label>${third.label} <input name="${third.name}" value="${third.value}" size="26"></label><br>
<label>授权码 <input type="password" name="password" autocomplete="new-password" placeholder="${stored ? '已保存，不改请留空' : '163、QQ 邮箱填授权码'}"></label>
<p class="small muted">授权码只保存在本机数据文件夹中（仅本服务的用户可读），不写进页面和 campaign.yaml。</p>
<button type="submit">保存</button> <button type="button" class="secondary" data-test="${data.links.action(`settings-test-${section}`)}" data-answer="answer-${section}">测试连接</button>
<div id="answer-${section}" class="conn-answer" role="status"></div>`,
  );
}

function templatePart(data: PageData, kind: 'receipt' | 'reminder', source: string): SafeHtml {
  const label = kind === 'receipt' ? '回执邮件模板（templates/回执.txt）' : '催报邮件模板（templates/催报.txt）';
  return form(
    data,
    'settings-mail-template',
    `settings-${kind}`,
    label,
    html`<input type="hidden" name="kind" value="${kind}"><textarea name="source" rows="10" class="lines">${source}</textarea><br><button type="submit">检查并保存</button>`,
  );
}

export function settingsBody(data: PageData, view: SettingsView): SafeHtml {
  const file = data.snapshot.context.campaign.file;
  const deadline = formatBeijing(file.deadline);
  const rules = file.rules.map((rule) => (typeof rule === 'string' ? rule : 'rule' in rule ? rule.rule : `${rule.left} <= ${rule.right}`));
  if (data.readOnly) return html`<p>程序自带的示例活动不能修改设置。</p>`;
  return html`${setupAssets('/new')}<div class="settings">
<p>这里修改本活动的设置。每次保存都先按 <code>huizong check</code> 的规则检查，有错误时不保存；保存后重新汇总。campaign.yaml 中的注释和排版保持不变。</p>
<nav class="toc">${TOC.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>
${rosterPart(data)}
${form(data, 'settings-deadline', 'settings-deadline', '报送截止时间', html`<input type="date" name="date" value="${deadline.slice(0, 10)}"> <input type="time" name="time" value="${deadline.slice(11, 16)}"> <button type="submit">保存</button>`)}
${form(data, 'settings-rules', 'settings-rules', '校验规则', html`<p class="small muted">每行一条，例如“合计 = 一般隐患 + 重大隐患”。边写边检查。</p><textarea name="rules" rows="${Math.max(4, rules.length + 2)}" class="rules" data-check="${data.links.action('settings-check')}">${rules.join('\n')}</textarea><ul class="rule-check" aria-live="polite"></ul><button type="submit">检查并保存</button>`)}
${form(data, 'settings-checklist', 'settings-checklist', '检查目录', html`<p class="small muted">每行一个检查方面：键名 | 标题 | 关键词、关键词</p><textarea name="checklist" rows="6" class="lines">${checklistText(file)}</textarea><br><button type="submit">保存</button>`)}
${form(data, 'settings-materials', 'settings-materials', '报送材料', html`<p class="small muted">每行一项：表格名称、“书面总结报告”，或 { file: 材料名称, keywords: [文件名中的词] }</p><textarea name="materials" rows="5" class="lines">${materialsText(file)}</textarea><br><button type="submit">保存</button>`)}
${serverPart(data, 'mailbox')}
${serverPart(data, 'smtp')}
${form(data, 'settings-rounds', 'settings-rounds', '催报轮次', html`<p class="small muted">每行一轮：截止前 2 天 09:00，或截止后 1 天 09:00</p><textarea name="rounds" rows="4" class="lines">${roundsText(file)}</textarea><br><button type="submit">保存</button>`)}
${templatePart(data, 'receipt', view.receipt)}
${templatePart(data, 'reminder', view.reminder)}
<p class="small">汇总报告和通报的模板在<a href="${data.links.to('/templates')}">模板</a>页修改。另起一个活动：<a href="/new">新建活动</a>。</p>
</div>`;
}
