/**
 * How header texts are compared. Units retype headers: full-width brackets, line breaks inside
 * a cell, a space in the middle ("检查计算机数 量(台)"), the unit of measure dropped. Two header
 * texts match when they are equal after all of that is folded away.
 */
import { compact, looseKey } from '../../intake/kernel/text/normalize.js';

/** Folded form used to compare header texts. */
export function headerKey(text: string): string {
  return looseKey(compact(text).replace(/\([^()]*\)$/u, ''));
}

/** Folded forms under which a label is recognised. */
export function headerKeys(labels: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const label of labels) {
    keys.add(headerKey(label));
    keys.add(looseKey(label));
  }
  keys.delete('');
  return keys;
}

/** The folded forms of one cell's text, computed once per cell (matching is the hot loop). */
export interface FoldedText {
  header: string;
  loose: string;
}

/** Longer than any header a unit could type (labels are a few dozen characters). */
const MAX_HEADER_CHARS = 500;

const NUMERIC = /^[\s\d.,+\-%]*$/;

/** CJK ideographs in a text. Folding never removes one, so it bounds what a text can match. */
export function ideographs(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x4e00 && code <= 0x9fff) count++;
  }
  return count;
}

/**
 * Null for an empty cell, and for one with more ideographs than the longest label has
 * (`maxIdeographs`): it cannot match, so a sheet of notes or a report pasted into cells costs a
 * count per cell, not a fold.
 */
export function foldText(text: string, maxIdeographs = Number.POSITIVE_INFINITY): FoldedText | null {
  // Numbers are never headers (the data rows are mostly numbers), nor are long texts: a header
  // is never longer than MAX_HEADER_CHARS, and one long text shared by thousands of cells must
  // cost a length check per cell, not a scan.
  if (text.length > MAX_HEADER_CHARS || text.trim() === '' || NUMERIC.test(text) || ideographs(text) > maxIdeographs) return null;
  return { header: headerKey(text), loose: looseKey(text) };
}

export function matchesFolded(folded: FoldedText | null, keys: ReadonlySet<string>): boolean {
  return folded !== null && (keys.has(folded.header) || keys.has(folded.loose));
}

/** A regex that finds `label` in a text, allowing whitespace between its characters. */
function labelPattern(label: string): RegExp {
  const chars = [...compact(label)].map((char) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`${chars.join('\\s*')}\\s*[:：]?`, 'u');
}

/** What a template prints beside a field for the unit to do, not part of its value: （盖章）, (公章). */
const DECORATION = '[(（]\\s*(?:加盖|单位)?\\s*(?:盖章|公章|签章|印章|盖公章)\\s*[)）]';
const LEADING = new RegExp(`^(?:[\\s:：]|${DECORATION})+`, 'u');
const TRAILING = new RegExp(`(?:[\\s:：]|${DECORATION})+$`, 'u');

/** A field's value without the template's （盖章） and colons around it: "（盖章）：李村镇" → "李村镇". */
export function fieldValue(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/**
 * What a text says after `label` ("填报区域或单位：庞村镇" → "庞村镇"), cut where one of
 * `otherLabels` begins (both fields often share one line). Null when the label is not there.
 */
export function valueAfterLabel(text: string, label: string, otherLabels: readonly string[] = []): string | null {
  const match = labelPattern(label).exec(text);
  if (!match) return null;
  let value = text.slice(match.index + match[0].length);
  for (const other of otherLabels) {
    const at = labelPattern(other).exec(value);
    if (at) value = value.slice(0, at.index);
  }
  return fieldValue(value);
}
