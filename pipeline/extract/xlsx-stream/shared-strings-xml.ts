/**
 * xl/sharedStrings.xml as exceljs 4.4 reads it (lib/xlsx/xform/strings/shared-strings-xform.js
 * and shared-string-xform.js): each <si> is its <t> text, or its rich runs, or — empty — an
 * empty object; phonetic runs (<rPh>) are skipped. Anything but <si> under <sst> makes exceljs
 * fail: the package is then odd and read by exceljs.
 */
import type * as Saxes from 'saxes';
import { requirePackage } from '../../../intake/kernel/require-package.js';
import { odd } from './odd-package.js';
import { type RichRun, textModel } from './sheet-xml.js';

// Required, not imported: an import of a CommonJS package first scans it for its exports (require-package.ts).
const { SaxesParser } = requirePackage('saxes') as typeof Saxes;

export type SharedString = string | { richText?: RichRun[] };

interface ItemState {
  item: SharedString;
  /** The child being read: a <t>, a run, or a part skipped to its end (<rPh>, <phoneticPr>). */
  child: 't' | 'r' | 'skip' | null;
  skipName: string;
  text: string[];
  run: RichRun;
  runText: string[] | null;
  inFont: boolean;
}

function newItem(): ItemState {
  return { item: {}, child: null, skipName: '', text: [], run: {}, runText: null, inFont: false };
}

function openInItem(state: ItemState, name: string): void {
  if (state.child === 'r') {
    if (state.inFont) return;
    if (state.runText) {
      if (name === 't') state.runText = [];
    } else if (name === 'r') state.run = {};
    else if (name === 't') state.runText = [];
    else if (name === 'rPr') state.inFont = true;
    return;
  }
  if (state.child !== null) {
    if (state.child === 't' && name === 't') state.text = [];
    return;
  }
  if (name === 't') {
    state.child = 't';
    state.text = [];
  } else if (name === 'r') {
    state.child = 'r';
    state.run = {};
    state.runText = null;
    state.inFont = false;
  } else if (name === 'rPh') {
    state.child = 'skip';
    state.skipName = name;
  }
}

function closeRunPart(state: ItemState, name: string): boolean {
  if (name === 'r') return false;
  if (name === 't') {
    if (state.inFont) odd('共享字符串的字体属性中有 <t>');
    state.run.text = state.runText ? textModel(state.runText) : undefined;
    state.runText = null;
  } else if (name === 'rPr') state.inFont = false;
  return true;
}

/** False when the <si> is complete. */
function closeInItem(state: ItemState, name: string): boolean {
  if (state.child === 'r') {
    if (closeRunPart(state, name)) return true;
    // After a <t> the item is a string: exceljs fails giving it runs (class code is strict).
    if (typeof state.item === 'string') odd('共享字符串的文本之后又有格式文字');
    state.item.richText ??= [];
    state.item.richText.push(state.run);
    state.child = null;
    return true;
  }
  if (state.child === 't') {
    // TextXform ends at whatever closes first; only a </t> gives the item its text.
    if (name !== 't') odd(`共享字符串的 <t> 中有 </${name}>`);
    state.item = textModel(state.text);
    state.child = null;
    return true;
  }
  if (state.child === 'skip') {
    if (name === state.skipName) state.child = null;
    return true;
  }
  return name !== 'si';
}

export function parseSharedStrings(xml: string): SharedString[] {
  const parser = new SaxesParser({ position: false });
  const values: SharedString[] = [];
  let item: ItemState | null = null;
  let done = false;
  let failure: Error | null = null;
  parser.on('error', (cause) => {
    failure ??= cause;
  });
  parser.on('opentag', (node) => {
    if (done) return;
    if (item) return openInItem(item, node.name);
    if (node.name === 'si') item = newItem();
    else if (node.name !== 'sst') odd(`共享字符串表中的 <${node.name}>`);
  });
  parser.on('text', (text) => {
    if (!item || done) return;
    if (item.child === 't') item.text.push(text);
    else if (item.child === 'r' && item.runText && !item.inFont) item.runText.push(text);
  });
  parser.on('closetag', (node) => {
    if (done) return;
    if (item) {
      if (!closeInItem(item, node.name)) {
        values.push(item.item);
        item = null;
      }
    } else if (node.name === 'sst') done = true;
    else odd(`共享字符串表中的 </${node.name}>`);
  });
  parser.write(xml);
  if (failure) throw failure;
  return values;
}
