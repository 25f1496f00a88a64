/**
 * The header rows of a campaign table in a document: leading columns (序号, 单位) and a trailing
 * one (备注) spanning both rows, each group's cell spanning its sub-columns above their labels;
 * one row when nothing is grouped. Pure.
 */
import type { ColumnDef } from '../../intake/kernel/campaign/campaign.js';
import type { TableCell } from './document-model.js';

export function headerRows(columns: readonly ColumnDef[], leading: readonly string[], trailing: string | null): TableCell[][] {
  const grouped = columns.some((column) => column.subHeaderTexts);
  const span = grouped ? 2 : 1;
  const top: TableCell[] = leading.map((text) => ({ text, rowSpan: span }));
  const second: TableCell[] = [];
  let index = 0;
  while (index < columns.length) {
    const column = columns[index]!;
    const label = column.headerTexts[0] ?? column.displayName;
    if (!column.subHeaderTexts) {
      top.push({ text: label, rowSpan: span });
      index++;
      continue;
    }
    let end = index;
    while (end + 1 < columns.length && columns[end + 1]!.subHeaderTexts && columns[end + 1]!.headerTexts[0] === label) end++;
    top.push({ text: label, colSpan: end - index + 1 });
    for (let sub = index; sub <= end; sub++) second.push({ text: columns[sub]!.subHeaderTexts?.[0] ?? '' });
    index = end + 1;
  }
  if (trailing !== null) top.push({ text: trailing, rowSpan: span });
  return grouped ? [top, second] : [top];
}
