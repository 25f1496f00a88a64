/**
 * A message's files as links, on the pages that list them by name (待核实, 来信记录): each
 * opens the attachment it is or sits in (a file inside a zip opens the zip), so the clerk can
 * look at a doubtful table before deciding. The table pasted into the mail body is no file.
 */
import { BODY_FILE_NAME } from '../../../../pipeline/analyze/body-material.js';
import { html, type SafeHtml } from './html.js';
import type { Links } from './links.js';

export function attachmentLinks(links: Links, messageId: string, files: readonly string[]): SafeHtml {
  if (files.length === 0) return html`<span class="muted">无附件</span>`;
  return html`<ul class="files">${files.map((name) =>
    name === BODY_FILE_NAME
      ? html`<li>${name}<span class="muted small">（邮件正文中的表格）</span></li>`
      : html`<li><a href="${links.fileNamed(messageId, name)}" download>${name}</a></li>`,
  )}</ul>`;
}
