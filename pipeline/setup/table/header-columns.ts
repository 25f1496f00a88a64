/**
 * The columns a template's header names, as campaign.yaml writes them: a column under its own
 * header, or a group (检查计算机数量(台) over 涉密 / 非涉密) whose sub-columns share the group's
 * header cell — merged across them, or typed once above them unmerged. Pure.
 */

import { cleanLabel, isSerialLabel } from '../labels.js';
import type { HeaderLayout } from './header-layout.js';
import type { TemplateCell, TemplateSheet } from './template-sheet.js';

export interface HeaderLeaf {
  label: string;
  /** Column index in the sheet. */
  column: number;
  /** The header cell (the sub-header under a group). */
  address: string;
  /** The template's cell for this column in its first blank row: formats, validations, formulas. */
  dataCell?: TemplateCell;
}

export type HeaderEntry =
  | { kind: 'leaf'; leaf: HeaderLeaf }
  | { kind: 'group'; label: string; address: string; leaves: HeaderLeaf[]; note?: string };

export interface HeaderColumns {
  entries: HeaderEntry[];
  /** Columns not taken: 序号, a header cell left blank. */
  skipped: { label: string; address: string; why: string }[];
}

/** The sub-header of column `c` under a group: the header rows below the group's, joined when there are two. */
function subLabel(rows: readonly TemplateCell[][], layout: HeaderLayout, c: number, groupText: string): { label: string; address: string } {
  const parts: { label: string; address: string }[] = [];
  for (let r = layout.top + 1; r < layout.top + layout.depth; r++) {
    const cell = rows[r]?.[c];
    if (!cell || cell.text === groupText) continue;
    const label = cleanLabel(cell.text);
    if (label !== '' && parts.at(-1)?.label !== label) parts.push({ label, address: cell.address });
  }
  return { label: parts.map((part) => part.label).join('·'), address: parts.at(-1)?.address ?? '' };
}

export function headerColumns(sheet: TemplateSheet, layout: HeaderLayout): HeaderColumns {
  const rows = sheet.rows;
  const topRow = rows[layout.top]!;
  const dataCell = (c: number) => (layout.dataRow === null ? undefined : rows[layout.dataRow]?.[c]);
  const entries: HeaderEntry[] = [];
  const skipped: HeaderColumns['skipped'] = [];
  let c = layout.first;
  while (c <= layout.last) {
    const cell = topRow[c]!;
    const width = cell.mergedCopy ? 1 : (cell.span?.columns ?? 1);
    const label = cleanLabel(cell.text);
    const tall = (cell.span?.rows ?? 1) >= layout.depth;
    const below = layout.depth > 1 ? subLabel(rows, layout, c, cell.text) : { label: '', address: '' };
    if (label === '' && below.label === '') {
      skipped.push({ label: '', address: cell.address, why: '表头是空白的' });
      c += width;
      continue;
    }
    if (layout.depth > 1 && !tall && label !== '' && (width > 1 || below.label !== '')) {
      // A group: merged over its sub-columns, or typed once with the next columns' tops left blank,
      // or typed again over each of them.
      let end = c + width;
      const continues = (k: number) => topRow[k]!.text.trim() === '' || (!topRow[k]!.mergedCopy && cleanLabel(topRow[k]!.text) === label);
      while (width === 1 && end <= layout.last && continues(end) && subLabel(rows, layout, end, topRow[end]!.text).label !== '') end++;
      const leaves: HeaderLeaf[] = [];
      for (let k = c; k < end; k++) {
        const sub = subLabel(rows, layout, k, cell.text);
        if (sub.label === '') skipped.push({ label, address: topRow[k]!.address, why: '分组下的子表头是空白的' });
        else leaves.push({ label: sub.label, column: k, address: sub.address, ...(dataCell(k) ? { dataCell: dataCell(k)! } : {}) });
      }
      const note = layout.depth > 2 ? '表头有三层：子列的名称由下面两层合成（用「·」连接），请核对' : undefined;
      if (leaves.length >= 2) entries.push({ kind: 'group', label, address: cell.address, leaves, ...(note ? { note } : {}) });
      else if (leaves.length === 1) entries.push({ kind: 'leaf', leaf: { ...leaves[0]!, label: `${label}·${leaves[0]!.label}` } });
      c = end;
      continue;
    }
    const own = label !== '' ? label : below.label;
    if (isSerialLabel(own)) skipped.push({ label: own, address: cell.address, why: '序号列：单位可填可不填，不作为数据列' });
    else
      entries.push({
        kind: 'leaf',
        leaf: { label: own, column: c, address: cell.address, ...(dataCell(c) ? { dataCell: dataCell(c)! } : {}) },
      });
    c += width;
  }
  return { entries, skipped };
}
