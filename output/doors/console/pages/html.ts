/**
 * HTML built with a tagged template that escapes every interpolated value unless it is already
 * HTML made by this module. Mail text (subjects, file names, sender names, cell texts) reaches
 * the page only through `html`, so it can never become markup: escaping is the default, and the
 * only way around it is to build the value with `html` itself.
 */

const SAFE = Symbol('safe-html');

export interface SafeHtml {
  readonly [SAFE]: true;
  readonly text: string;
}

function safe(text: string): SafeHtml {
  return { [SAFE]: true, text };
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && (value as Partial<SafeHtml>)[SAFE] === true;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  // Most texts (numbers, dates, unit names) need nothing: tested first, replaced only then.
  if (!/[&<>"'`]/.test(text)) return text;
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]!);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isSafeHtml(value)) return value.text;
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let index = 0; index < values.length; index++) out += render(values[index]!) + strings[index + 1]!;
  return safe(out);
}

/** Markup this program wrote itself (the SVG chart, a fixed snippet); never for outside text. */
export function trustedHtml(text: string): SafeHtml {
  return safe(text);
}

export function joinHtml(parts: readonly SafeHtml[], separator = ''): SafeHtml {
  return safe(parts.map((part) => part.text).join(separator));
}
