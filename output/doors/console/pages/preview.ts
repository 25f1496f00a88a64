/** The page images of a document preview (made by document-preview.ts), or why there are none. */
import type { PreviewView } from '../actions/document-preview.js';
import { html, type SafeHtml } from './html.js';

export function previewImages(preview: PreviewView | null): SafeHtml {
  if (!preview) return html``;
  if ('error' in preview) return html`<p class="flash error">${preview.error}</p>`;
  const pages = Array.from({ length: preview.pages }, (_, index) => index + 1);
  return html`<div class="preview" id="preview">${pages.map((page) => html`<img src="/preview/${preview.token}/${page}.png" alt="第 ${page} 页">`)}</div>`;
}
