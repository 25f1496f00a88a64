/**
 * Writes a campaign.yaml the way the bundled one is written: a clerk can read it in Notepad. A
 * comment heads the file and each section; a value read from the office's files carries a note
 * saying where from and how sure (# 推断：表头中的「(处)」); a column is one line
 * (`- { label: 涉密, type: 整数 }`); settings left to fill in (mailbox, SMTP) stand commented out
 * at the end. Pure: plain data and notes in, text out, through the YAML library's document model
 * (so quoting is always right).
 */
import { Document, isMap, isPair, isScalar, isSeq, type Node, Scalar, visit } from 'yaml';

export interface YamlNote {
  /** Path of the node the comment belongs to: ['deadline'], ['tables', 0, 'columns', 3]. */
  path: readonly (string | number)[];
  /** Comment lines above the node (above its key, for a mapping's value). */
  above?: readonly string[];
  /** A comment at the end of the node's line. */
  inline?: string;
}

export interface CampaignYamlLayout {
  /** Comment lines at the top of the file. */
  header: readonly string[];
  notes: readonly YamlNote[];
  /** Comment lines at the end: settings left commented out for the clerk to fill in. */
  trailer: readonly string[];
}

/** Lists a clerk reads item by item, never on one line. */
const BLOCK_LISTS = new Set(['rules', 'required', 'tables', 'columns', 'checklist', 'rounds']);
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?$/u;

const comment = (lines: readonly string[]) => lines.map((line) => ` ${line}`).join('\n');

/** A mapping of plain values only (a column), or a list of plain values (keywords, options): one line. */
function fitsOnOneLine(node: Node): boolean {
  if (isSeq(node)) return node.items.every((item) => isScalar(item));
  if (isMap(node))
    return node.items.every((pair) => isPair(pair) && (isScalar(pair.value) || (isSeq(pair.value) && fitsOnOneLine(pair.value))));
  return false;
}

function layoutCollections(doc: Document): void {
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isSeq(pair.value)) {
        const block = BLOCK_LISTS.has(key) && pair.value.items.length > 0;
        pair.value.flow = !block && fitsOnOneLine(pair.value);
        if (block)
          for (const item of pair.value.items)
            if (isMap(item) && fitsOnOneLine(item) && key !== 'tables' && key !== 'checklist') item.flow = true;
      }
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && DATE_LIKE.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

/** The pair whose value is at `path` (to comment above its key), or undefined for a list item. */
function pairAt(doc: Document, path: readonly (string | number)[]) {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  return parent.items.find((pair) => isScalar(pair.key) && pair.key.value === path.at(-1));
}

export function writeCampaignYaml(data: Record<string, unknown>, layout: CampaignYamlLayout): string {
  const doc = new Document(data);
  layoutCollections(doc);
  if (layout.header.length > 0) doc.commentBefore = comment(layout.header);
  for (const note of layout.notes) {
    const node = doc.getIn(note.path, true) as Node | undefined;
    if (!node) continue;
    if (note.above?.length) {
      const pair = pairAt(doc, note.path);
      const target = pair && isScalar(pair.key) ? pair.key : node;
      target.commentBefore = comment(note.above);
      // A section of its own: a blank line before its comment (the header's own blank line serves the first).
      if (pair && note.path.length === 1 && isMap(doc.contents) && doc.contents.items[0] !== pair) target.spaceBefore = true;
    }
    if (note.inline) node.comment = ` ${note.inline}`;
  }
  if (layout.trailer.length > 0) doc.comment = comment(layout.trailer);
  return tightFlowSequences(doc.toString({ lineWidth: 0 }));
}

/**
 * The bundled file's spelling of lists on one line, `[a, b]` (the YAML library pads them,
 * `[ a, b ]`; a mapping on one line keeps its spaces, `{ label: 涉密 }`). Only lists of plain
 * words: one holding quotes or brackets is left as written.
 */
export function tightFlowSequences(text: string): string {
  return text.replace(/\[ ([^[\]"'\n]*) \]/gu, '[$1]');
}

/** Spaces inside one-line brackets do not matter to a reader: lines are compared without them. */
const unpadded = (line: string) => line.replace(/([[{])\s+/gu, '$1').replace(/\s+([\]}])/gu, '$1');

/**
 * Lines of `rendered` that differ from a line of `original` only in the spaces inside one-line
 * brackets are given back as the clerk wrote them: an edit changes the lines it changes, no more.
 */
export function keepOriginalLines(original: string, rendered: string): string {
  const byShape = new Map<string, string>();
  for (const line of original.split('\n')) if (!byShape.has(unpadded(line))) byShape.set(unpadded(line), line);
  return rendered
    .split('\n')
    .map((line) => byShape.get(unpadded(line)) ?? line)
    .join('\n');
}
