/**
 * The few Handlebars helpers Chinese official writing needs, as plain functions (tested on
 * their own) plus their registration. Only these are known to the templates
 * (knownHelpersOnly): a template cannot call anything else.
 *
 *   {{date generatedAt}}                      2013年8月20日
 *   {{datetime campaign.deadline}}            2013年8月18日18时
 *   {{join circular.missing}}                 庞村镇、李村镇和寇店镇
 *   {{join circular.missing and="及"}}         庞村镇、李村镇及寇店镇
 *   {{count late "个单位"}}                    2个单位
 *   {{number totals.computersClassified "台"}} 12台
 *   {{#if (atMost rows 200)}}…{{/if}}         true when rows is 200 or fewer (a test, for {{#if}})
 *   {{endWith campaign.title "情况"}}           …建设进展情况 (情况 added only when not there already)
 */
import { formatChineseDate, formatChineseDateTime } from '../../intake/kernel/time.js';
import { unprotect } from './protected-text.js';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function instantOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = unprotect(value).trim();
  if (text === '' || Number.isNaN(Date.parse(text))) return null;
  return text;
}

/** "2013-08-20T02:00:00Z" → "2013年8月20日" (Beijing date); a plain date "2013-08-05" as written. */
export function chineseDate(value: unknown): string {
  const text = instantOf(value);
  if (text === null) return typeof value === 'string' ? unprotect(value) : '';
  const plain = DATE_ONLY.exec(text);
  if (plain) return `${Number(plain[1])}年${Number(plain[2])}月${Number(plain[3])}日`;
  return formatChineseDate(text);
}

/** "2013-08-18T10:00:00Z" → "2013年8月18日18时" (Beijing time; minutes only when not zero). */
export function chineseDateTime(value: unknown): string {
  const text = instantOf(value);
  if (text === null) return typeof value === 'string' ? unprotect(value) : '';
  if (DATE_ONLY.test(text)) return chineseDate(text);
  return formatChineseDateTime(text);
}

function itemText(item: unknown, key: string | undefined): string {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  const record = item as Record<string, unknown>;
  for (const name of key ? [key] : ['unit', 'name', 'title', 'label']) {
    const value = record[name];
    if (value !== undefined && value !== null && typeof value !== 'object') return String(value);
  }
  return '';
}

export interface JoinOptions {
  /** Field to take from each item that is an object (default: unit, name, title or label). */
  key?: string;
  /** Word before the last item (default 和; 及 and 以及 are common too). */
  and?: string;
  /** Between the other items (default 、). */
  separator?: string;
}

/** ["庞村镇", "李村镇", "寇店镇"] → "庞村镇、李村镇和寇店镇"; two items "A和B"; one item "A". */
export function joinList(list: unknown, options: JoinOptions = {}): string {
  if (!Array.isArray(list)) return '';
  const items = list.map((item) => itemText(item, options.key)).filter((text) => text !== '');
  const and = options.and ?? '和';
  const separator = options.separator ?? '、';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(separator)}${and}${items.at(-1)}`;
}

/** Number of items, with an optional measure word: count(list, "个单位") → "3个单位". */
export function countOf(list: unknown, suffix = ''): string {
  const length = Array.isArray(list) ? list.length : list !== null && typeof list === 'object' ? Object.keys(list).length : 0;
  return `${length}${suffix}`;
}

/** A whole number in Arabic numerals with its unit: number(12, "台") → "12台"; blank stays blank. */
export function numberWithUnit(value: unknown, unit = ''): string {
  if (value === null || value === undefined || value === '') return '';
  const number = typeof value === 'number' ? value : Number(unprotect(String(value)));
  if (!Number.isFinite(number)) return unprotect(String(value));
  return `${number}${unit}`;
}

/**
 * Whether a number, or a list's length, is at most the limit the template writes:
 * atMost(37, 200) → true. The template decides, for instance, whether a long list is printed
 * whole or pointed to in the workbook; a value that is not a number is never "at most".
 */
export function atMost(value: unknown, limit: unknown): boolean {
  const size = Array.isArray(value) ? value.length : typeof value === 'number' ? value : Number(unprotect(String(value ?? '')));
  const bound = typeof limit === 'number' ? limit : Number(unprotect(String(limit ?? '')));
  return value !== '' && value !== null && Number.isFinite(size) && Number.isFinite(bound) && size <= bound;
}

/**
 * A text that ends in the word a sentence needs after it, the word added only when the text
 * does not end so already: a campaign's title derived from its notice (`init --from`) may end in
 * 情况 or 工作 itself, and 关于…进展情况情况的汇总报告 doubles it. The text keeps its protection
 * (protected-text.ts); the word, from the template, is markup text.
 */
export function endWith(value: unknown, ending: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  const word = typeof ending === 'string' ? unprotect(ending) : '';
  return unprotect(text).endsWith(word) ? text : `${text}${word}`;
}

/** How helpers are described to the clerk (README and `huizong check`). */
export const HELPERS = {
  date: { params: ['time'], usage: '{{date generatedAt}} → 2013年8月20日' },
  datetime: { params: ['time'], usage: '{{datetime campaign.deadline}} → 2013年8月18日18时' },
  join: {
    params: ['list', 'text?'],
    usage: '{{join circular.missing}} → 庞村镇、李村镇和寇店镇；可加 and="及"、key="unit"、separator="，"',
  },
  count: { params: ['list', 'text?'], usage: '{{count late "个单位"}} → 2个单位' },
  number: { params: ['number', 'text?'], usage: '{{number totals.departments "个"}} → 110个' },
  atMost: { params: ['number', 'number'], usage: '{{#if (atMost rows 200)}}…{{else}}…{{/if}}：不超过 200 时写前一段' },
  endWith: {
    params: ['text', 'text'],
    usage: '{{endWith campaign.title "情况"}} → 重点项目建设进展情况（已以“情况”结尾时不再加）',
  },
} as const;

export type HelperName = keyof typeof HELPERS;

interface HelperOptions {
  hash?: Record<string, unknown>;
}

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The helper functions in the shape Handlebars calls them: positional arguments, then options. */
export const HELPER_FUNCTIONS: Record<HelperName, (...args: unknown[]) => string | boolean> = {
  date: (value: unknown) => chineseDate(value),
  datetime: (value: unknown) => chineseDateTime(value),
  join: (list: unknown, ...rest: unknown[]) => {
    const options = (rest.at(-1) ?? {}) as HelperOptions;
    const hash = options.hash ?? {};
    const key = stringOr(rest.length > 1 ? rest[0] : undefined) ?? stringOr(hash.key);
    return joinList(list, {
      ...(key ? { key } : {}),
      ...(stringOr(hash.and) !== undefined ? { and: stringOr(hash.and)! } : {}),
      ...(stringOr(hash.separator) !== undefined ? { separator: stringOr(hash.separator)! } : {}),
    });
  },
  count: (list: unknown, ...rest: unknown[]) => countOf(list, rest.length > 1 ? String(rest[0] ?? '') : ''),
  number: (value: unknown, ...rest: unknown[]) => numberWithUnit(value, rest.length > 1 ? unprotect(String(rest[0] ?? '')) : ''),
  atMost: (value: unknown, ...rest: unknown[]) => atMost(value, rest.length > 1 ? rest[0] : undefined),
  endWith: (value: unknown, ...rest: unknown[]) => endWith(value, rest.length > 1 ? rest[0] : undefined),
};
