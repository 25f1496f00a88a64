/**
 * The page images of a document preview (made by document-preview.ts), or why there are none.
 * Each page is a small picture; a click shows it at full size over the page (CSS :target, no
 * script), and 关闭 or the next page's link moves on.
 */
import type { PreviewView } from '../actions/document-preview.js';
import { html, type SafeHtml } from './html.js';
import type { Links } from './links.js';

export function previewImages(links: Links, preview: PreviewView | null, scope = 'preview'): SafeHtml {
  if (!preview) return html``;
  if ('error' in preview) return html`<p class="flash error">${preview.error}</p>`;
  const pages = Array.from({ length: preview.pages }, (_, index) => index + 1);
  const src = (page: number) => links.to(`/preview/${preview.token}/${page}.png`);
  return html`<div class="preview" id="${scope}">${pages.map(
    (page) =>
      html`<a href="#${scope}-page-${page}" class="page-thumb" title="放大第 ${page} 页"><img src="${src(page)}" alt="第 ${page} 页"><span>第 ${page} 页</span></a>`,
  )}</div>${pages.map(
    (page) =>
      html`<div class="lightbox" id="${scope}-page-${page}"><div class="lightbox-bar">第 ${page} / ${preview.pages} 页　${page > 1 ? html`<a href="#${scope}-page-${page - 1}">上一页</a>　` : ''}${page < preview.pages ? html`<a href="#${scope}-page-${page + 1}">下一页</a>　` : ''}<a href="#${scope}">关闭</a></div><img src="${src(page)}" alt="第 ${page} 页（放大）"></div>`,
  )}`;
}
