/**
 * What each marker (but the headings, which markup.ts numbers) does to the document being
 * parsed: one reader per marker, most adding a block, some joining the line to the block before
 * it (a title's next line, another attachment, the date under the office, the 版记's lines).
 */
import { displayWidth } from '../../intake/kernel/text/display-width.js';
import type { TableCell } from './document-model.js';
import type { MarkerName } from './markers.js';
import { splitCells, textOf } from './markup-line.js';
import { closeTable, type MarkupLine, type ParseState } from './markup-state.js';
import { unprotect } from './protected-text.js';

type MarkerReader = (line: MarkupLine, state: ParseState) => void;

const NUMERIC = /^[\d.,，%％\-—–+]+$/u;

function cellAlign(text: string, header: boolean): TableCell['align'] {
  if (header || NUMERIC.test(text) || displayWidth(text) <= 24) return 'center';
  return 'left';
}

const cellTexts = (line: MarkupLine) => splitCells(line.item.content).map((cell) => unprotect(textOf(cell)));

const add =
  (make: (text: string) => ParseState['blocks'][number]): MarkerReader =>
  (line, state) => {
    state.blocks.push(make(line.text));
  };

const signer: MarkerReader = (line, state) => {
  const previous = state.blocks.at(-1);
  // “签发人：” is printed by the builder; a clerk who writes it keeps one.
  const names = line.text.replace(/^签发人[：:]?/u, '').trim();
  if (previous?.kind === 'documentNumber') previous.signers = [...(previous.signers ?? []), names];
  else
    state.issues.push({
      line: line.number,
      column: line.item.column + 1,
      message: '【签发人】应写在【文号】的下一行（上行文的发文字号和签发人排在同一行）',
    });
};

const title: MarkerReader = (line, state) => {
  const previous = state.blocks.at(-1);
  if (previous?.kind === 'title') previous.lines.push(line.text);
  else state.blocks.push({ kind: 'title', lines: [line.text] });
};

const namedTable: MarkerReader = (line, state) => {
  const named = state.options.tables[line.text];
  if (named) {
    state.blocks.push({ kind: 'table', table: named });
    if (named.note) state.blocks.push({ kind: 'paragraph', text: named.note, withTable: true });
  } else
    state.issues.push({
      line: line.number,
      column: (line.item.content[0]?.column ?? line.item.column) + 1,
      message: `没有名为「${line.text}」的表格，可用的表格：${Object.keys(state.options.tables).join('、')}`,
    });
};

const tableRow: MarkerReader = (line, state) => {
  const header = line.item.marker === '表头';
  if (state.table !== null && header && state.table.body.length > 0) closeTable(state);
  state.table ??= { header: [], body: [] };
  const cells = cellTexts(line).map((text) => ({ text, align: cellAlign(text, header) }));
  (header ? state.table.header : state.table.body).push(cells);
};

const attachment: MarkerReader = (line, state) => {
  const previous = state.blocks.at(-1);
  if (previous?.kind === 'attachments') previous.items.push(line.text);
  else state.blocks.push({ kind: 'attachments', items: [line.text] });
};

const date: MarkerReader = (line, state) => {
  const previous = state.blocks.at(-1);
  if (previous?.kind === 'signature' && previous.date === null) previous.date = line.text;
  else state.blocks.push({ kind: 'signature', office: null, date: line.text });
};

const attachmentPage: MarkerReader = (line, state) => {
  state.counters.fill(0);
  state.blocks.push({ kind: 'attachmentPage', label: line.text, landscape: line.item.marker === '横向附件页' });
};

const colophon: MarkerReader = (line, state) => {
  const previous = state.blocks.at(-1);
  const existing = previous?.kind === 'colophon' ? previous : null;
  const target = existing ?? { kind: 'colophon' as const, copyTo: null, issuedBy: null, issuedOn: null };
  if (line.item.marker === '抄送') {
    target.copyTo = target.copyTo === null ? line.text : `${target.copyTo}，${line.text}`;
  } else {
    const [office, ...rest] = cellTexts(line);
    target.issuedBy = office ?? '';
    target.issuedOn = rest.length > 0 ? rest.join(' ') : null;
  }
  if (!existing) state.blocks.push(target);
};

export const MARKER_READERS: Record<Exclude<MarkerName, '一级' | '二级' | '三级' | '四级'>, MarkerReader> = {
  发文机关标志: add((text) => ({ kind: 'issuer', text })),
  文号: add((text) => ({ kind: 'documentNumber', text })),
  签发人: signer,
  标题: title,
  主送: add((text) => ({ kind: 'recipient', text })),
  正文: add((text) => ({ kind: 'paragraph', text })),
  表格: namedTable,
  表头: tableRow,
  表行: tableRow,
  附件: attachment,
  落款: add((text) => ({ kind: 'signature', office: text, date: null })),
  日期: date,
  附注: add((text) => ({ kind: 'note', text })),
  空行: add(() => ({ kind: 'blank' })),
  分页: add(() => ({ kind: 'pageBreak' })),
  附件页: attachmentPage,
  横向附件页: attachmentPage,
  抄送: colophon,
  印发: colophon,
};
