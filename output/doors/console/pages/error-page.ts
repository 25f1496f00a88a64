/**
 * The page of every refusal and error: what happened in Chinese, the details when there are
 * any, and a way back — never a stack trace, a path or a framework's English. No navigation
 * (the request may come from someone not logged in).
 */
import { html, type SafeHtml } from './html.js';
import { type Chrome, page } from './layout.js';

export interface ErrorPageOptions {
  /** The page's heading: what happened, in a few words. */
  title: string;
  message: string;
  details?: readonly string[];
  /** Where to go from here; null: no link (a request naming another host). */
  back: { href: string; label: string } | null;
  campaignTitle: string;
}

export function errorPage(options: ErrorPageOptions): string {
  const details = options.details ?? [];
  const body: SafeHtml = html`<div class="panel error-page"><p>${options.message}</p>${
    details.length > 0 ? html`<ul>${details.map((line) => html`<li>${line}</li>`)}</ul>` : ''
  }${options.back ? html`<p><a href="${options.back.href}">${options.back.label}</a></p>` : ''}</div>`;
  const chrome: Chrome = {
    campaignTitle: options.campaignTitle,
    links: null,
    readOnly: false,
    csrf: '',
    generation: 0,
    flash: null,
    loggedIn: false,
    problem: null,
  };
  return page(chrome, { title: options.title, nav: null, live: 'note', body }).text;
}
