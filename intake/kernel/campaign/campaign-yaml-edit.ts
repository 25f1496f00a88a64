/**
 * Edits campaign.yaml the way a careful person would by hand, for the console's 活动设置: through
 * the YAML library's document model, so every comment, blank line, key order and quoting the
 * clerk (or `huizong init`) wrote stays where it was, and only the values concerned change. A
 * list replaced item by item keeps the comments of the items that stay. The result is checked
 * with the same messages as `huizong check` before anyone writes it.
 *
 * Pure: text in, text out. The file, the lock, the journal and the re-merge are the caller's.
 */
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, Scalar, YAMLMap, type YAMLSeq } from 'yaml';
import { isHuizongError } from '../errors.js';
import { keepOriginalLines, tightFlowSequences } from './campaign-yaml-write.js';
import { parseCampaignText } from './load-campaign.js';

export type CampaignPath = readonly (string | number)[];

export type CampaignEdit =
  /** A value at `path` (a scalar, a list, a mapping); missing mappings on the way are created. */
  | { kind: 'set'; path: CampaignPath; value: unknown }
  | { kind: 'delete'; path: CampaignPath }
  /** A list replaced by `items`: items equal to an existing one keep its node and comments. */
  | { kind: 'list'; path: CampaignPath; items: readonly unknown[] };

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?$/u;
/** Lists written item by item; other lists of plain values go on one line, as init writes them. */
const BLOCK_LISTS = new Set(['rules', 'required', 'tables', 'columns', 'checklist', 'rounds']);

function shape(node: Node, key: string | number | undefined): Node {
  if (isScalar(node) && typeof node.value === 'string' && DATE_LIKE.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
  if (isSeq(node)) {
    const block = typeof key === 'string' && BLOCK_LISTS.has(key) && node.items.length > 0;
    node.flow = !block && node.items.every((item) => isScalar(item));
    for (const item of node.items) shape(item as Node, undefined);
    if (key === 'columns')
      for (const item of node.items)
        if (isMap(item) && item.items.every((pair) => isScalar(pair.value) || (isSeq(pair.value) && pair.value.flow))) item.flow = true;
  }
  if (isMap(node))
    for (const pair of node.items) if (pair.value) shape(pair.value as Node, isScalar(pair.key) ? (pair.key.value as string) : undefined);
  return node;
}

function ensureParents(doc: Document, path: CampaignPath): void {
  for (let depth = 1; depth < path.length; depth++) {
    const parent = doc.getIn(path.slice(0, depth), true);
    if (parent === undefined || parent === null || (isScalar(parent) && parent.value === null))
      doc.setIn(path.slice(0, depth), new YAMLMap());
  }
}

function setValue(doc: Document, path: CampaignPath, value: unknown): void {
  if (value === undefined || value === null) {
    doc.deleteIn(path);
    return;
  }
  const existing = doc.getIn(path, true) as Node | undefined;
  if (isScalar(existing) && (typeof value !== 'object' || value === null)) {
    existing.value = value;
    if (typeof value === 'string' && DATE_LIKE.test(value)) existing.type = Scalar.QUOTE_DOUBLE;
    return;
  }
  ensureParents(doc, path);
  const node = shape(doc.createNode(value) as Node, path.at(-1));
  if (existing) {
    node.comment = existing.comment;
    node.commentBefore = existing.commentBefore;
  }
  doc.setIn(path, node);
}

function replaceList(doc: Document, path: CampaignPath, items: readonly unknown[]): void {
  const existing = doc.getIn(path, true);
  if (!isSeq(existing)) {
    setValue(doc, path, [...items]);
    return;
  }
  const old = (existing as YAMLSeq).items.map((node) => ({ node: node as Node, json: JSON.stringify((node as Node).toJSON()) }));
  const used = new Set<number>();
  existing.items = items.map((item) => {
    const json = JSON.stringify(item);
    const index = old.findIndex((entry, at) => !used.has(at) && entry.json === json);
    if (index >= 0) {
      used.add(index);
      return old[index]!.node;
    }
    return shape(doc.createNode(item) as Node, undefined);
  });
  const key = path.at(-1);
  if (key === 'columns')
    for (const item of existing.items)
      if (isMap(item) && item.items.every((pair) => isScalar(pair.value) || isSeq(pair.value))) item.flow = true;
  if (existing.items.length === 0) existing.flow = true;
  else if (typeof key === 'string' && BLOCK_LISTS.has(key)) existing.flow = false;
}

export function applyCampaignEdits(text: string, edits: readonly CampaignEdit[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as never;
  for (const edit of edits) {
    if (edit.kind === 'delete') doc.deleteIn(edit.path);
    else if (edit.kind === 'set') setValue(doc, edit.path, edit.value);
    else replaceList(doc, edit.path, edit.items);
  }
  return keepOriginalLines(text, tightFlowSequences(doc.toString({ lineWidth: 0 })));
}

/** What `huizong check` would say of this campaign.yaml text: one Chinese line per mistake, none when right. */
export function campaignTextMistakes(text: string): string[] {
  try {
    parseCampaignText(text);
    return [];
  } catch (error) {
    if (isHuizongError(error) && error.code === 'CONFIG') return error.details.length > 0 ? [...error.details] : [error.message];
    throw error;
  }
}
