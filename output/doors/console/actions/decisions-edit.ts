/**
 * The clerk's console edits decisions.yaml the way a careful person would by hand: through the
 * YAML library's document model, so every comment, blank line and key order the clerk (or
 * `huizong init`) wrote stays where it was, and only the entries concerned change.
 *
 * Pure: text in, text out. The file, the lock and the re-merge are in apply-decision.ts.
 */
import { type Document, isMap, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';

export type CircularList = 'add' | 'remove' | 'exempt';

export type DecisionEdit =
  /** Attribute a doubtful message to a roster unit (replaces any earlier assign/ignore of it). */
  | { kind: 'assign'; message: string; unit: string; reason: string }
  /** Mark a message as not campaign mail (replaces any earlier assign/ignore of it). */
  | { kind: 'ignore'; message: string; reason: string }
  /** Take back what was decided about a message. */
  | { kind: 'forget-message'; message: string }
  /** Put a unit on one of the circular's lists (and off the other two). */
  | { kind: 'circular-list'; list: CircularList; unit: string; reason: string }
  /** Take a unit off every circular list: back to what the rules say. */
  | { kind: 'circular-unlist'; unit: string }
  | { kind: 'circular-final'; final: boolean }
  /** The circular's document number (integer ≥ 1) and date ("YYYY-MM-DD"); null removes the key. */
  | { kind: 'circular-meta'; number: number | null; date: string | null };

const quoted = (value: string): Scalar => {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
};

/** The sequence at `path`, created (block style) when missing or written as `[]`/null. */
function sequenceAt(doc: Document, path: readonly string[]): YAMLSeq {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent)) {
    doc.setIn(parentPath, new YAMLMap());
  }
  const existing = doc.getIn(path, true);
  if (isSeq(existing)) {
    existing.flow = false;
    return existing;
  }
  const seq = new YAMLSeq();
  doc.setIn(path, seq);
  return seq;
}

/** Removes the items of the sequence at `path` that `matches` picks; an emptied list prints as `[]`. */
function removeItems(doc: Document, path: readonly string[], matches: (item: Record<string, unknown>) => boolean): void {
  const seq = doc.getIn(path, true);
  if (!isSeq(seq)) return;
  seq.items = seq.items.filter((item) => !(isMap(item) && matches(item.toJSON() as Record<string, unknown>)));
  if (seq.items.length === 0) seq.flow = true;
}

function entry(doc: Document, fields: Record<string, string | Scalar>): YAMLMap {
  const map = new YAMLMap();
  for (const [key, value] of Object.entries(fields)) map.set(doc.createNode(key), value instanceof Scalar ? value : doc.createNode(value));
  return map;
}

/** Ids are written as given by the console (the 12-digit short id): the same message by prefix either way. */
const sameMessage = (a: unknown, b: string) => typeof a === 'string' && (a.toLowerCase().startsWith(b) || b.startsWith(a.toLowerCase()));

export function applyDecisionEdit(text: string, edit: DecisionEdit): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as never;

  switch (edit.kind) {
    case 'assign':
    case 'ignore':
    case 'forget-message': {
      const message = edit.message.toLowerCase();
      for (const list of ['assign', 'ignore']) removeItems(doc, [list], (item) => sameMessage(item.message, message));
      if (edit.kind === 'assign')
        sequenceAt(doc, ['assign']).add(entry(doc, { message: quoted(message), unit: edit.unit, reason: edit.reason }));
      if (edit.kind === 'ignore') sequenceAt(doc, ['ignore']).add(entry(doc, { message: quoted(message), reason: edit.reason }));
      break;
    }
    case 'circular-list':
    case 'circular-unlist': {
      for (const list of ['add', 'remove', 'exempt']) removeItems(doc, ['circular', list], (item) => item.unit === edit.unit);
      if (edit.kind === 'circular-list') sequenceAt(doc, ['circular', edit.list]).add(entry(doc, { unit: edit.unit, reason: edit.reason }));
      break;
    }
    case 'circular-final':
      ensureCircular(doc);
      doc.setIn(['circular', 'final'], edit.final);
      break;
    case 'circular-meta':
      ensureCircular(doc);
      if (edit.number === null) doc.deleteIn(['circular', 'number']);
      else doc.setIn(['circular', 'number'], edit.number);
      if (edit.date === null) doc.deleteIn(['circular', 'date']);
      else doc.setIn(['circular', 'date'], quoted(edit.date));
      break;
  }
  return doc.toString({ lineWidth: 0 });
}

function ensureCircular(doc: Document): void {
  if (!isMap(doc.getIn(['circular'], true))) doc.setIn(['circular'], new YAMLMap());
}
