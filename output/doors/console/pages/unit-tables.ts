/**
 * A unit's tables as read, for the 单位 page: every table of the campaign in its order — a 统计表
 * with the rows found in the unit's file and the values adopted, a list (明细表, 台账) with each of
 * its rows — every value with the cell it came from, and every cell a problem names marked in
 * place, the problem written beside it. A table the unit has not sent says so.
 */
import type { TableDef } from '../../../../intake/kernel/campaign/campaign.js';
import type { Problem } from '../../../../intake/kernel/problems.js';
import type { AttachmentFacts } from '../../../../pipeline/analyze/facts.js';
import type { FoundRow, FoundTable } from '../../../../pipeline/extract/find-table.js';
import type { MessageRecord, UnitResult, UnitTableResult } from '../../../../pipeline/merge/merge-result.js';
import { html, type SafeHtml } from './html.js';
import { findMessage, messageName } from './message-name.js';
import type { PageData } from './page-data.js';

/** "D7", "Sheet1!D7", "D6、C6" → the bare cell addresses a problem names. */
export function problemCells(problem: Problem): string[] {
  if (!problem.location) return [];
  return problem.location
    .split(/[、,，]\s*/)
    .map((part) => part.slice(part.lastIndexOf('!') + 1).trim())
    .filter((part) => /^[A-Z]{1,3}\d{1,7}$/.test(part));
}

/** The problems of one table's file, by the cells they name. */
function problemsByCell(problems: readonly Problem[], file: string): Map<string, Problem[]> {
  const byCell = new Map<string, Problem[]>();
  for (const problem of problems) {
    // A rule across tables names both files ("统计表.xlsx、台账.xlsx").
    if (!problem.file?.split('、').includes(file)) continue;
    for (const cell of problemCells(problem)) byCell.set(cell, [...(byCell.get(cell) ?? []), problem]);
  }
  return byCell;
}

/** The table found in the adopted file: the one of this campaign table (and naming this unit, when there are several). */
function foundTable(data: PageData, result: UnitTableResult, unit: string): FoundTable | null {
  if (!result.messageId || !result.file) return null;
  const facts = data.snapshot.messages.get(result.messageId)?.facts;
  const file: AttachmentFacts | undefined = facts?.attachments.find((item) => item.name === result.file);
  if (!file) return null;
  // Before every table was told apart (one table a campaign), a found table carries no key.
  const ofTable = file.tables.filter((table) => !('table' in table) || (table as { table?: string }).table === result.table);
  return ofTable.find((table) => table.unitName?.text.includes(unit)) ?? ofTable[0] ?? null;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : String(value);
}

/** One cell as read: the text, its address, and the problems that name it. */
function cellHtml(text: string, address: string | undefined, problems: readonly Problem[], typed?: string): SafeHtml {
  const worst = problems.some((item) => item.severity === 'error') ? 'cell-error' : problems.length > 0 ? 'cell-warning' : '';
  const shown = text.trim() === '' ? html`<span class="muted">（空）</span>` : html`${text}`;
  return html`<td class="cell ${worst}"${address ? html` data-cell="${address}"` : ''}${problems.length > 0 ? html` title="${problems.map((item) => item.summary).join('\n')}"` : ''}>${shown}${
    typed !== undefined && typed !== '' && typed !== text.trim() ? html`<span class="typed">读作 ${typed}</span>` : ''
  }${address ? html`<span class="addr">${address}</span>` : ''}${problems.map((item) => html`<span class="cell-problem ${item.severity}">${item.summary}</span>`)}</td>`;
}

function headerRow(table: TableDef, labels: boolean): SafeHtml {
  return html`<tr><th>行</th>${labels ? html`<th>其他内容</th>` : ''}${table.columns.map((column) => html`<th>${column.displayName}</th>`)}</tr>`;
}

function foundRows(
  table: TableDef,
  rows: readonly FoundRow[],
  byCell: Map<string, Problem[]>,
  labels: boolean,
  typedRows?: Map<string, Record<string, unknown>>,
): SafeHtml[] {
  return rows.map((row) => {
    const typed = typedRows?.get(row.location);
    return html`<tr><td class="nowrap">${row.location}</td>${labels ? html`<td>${row.label}</td>` : ''}${table.columns.map((column) => {
      const cell = row.cells[column.key];
      if (!cell) return html`<td class="muted">—</td>`;
      return cellHtml(cell.text, cell.address, byCell.get(cell.address) ?? [], typed ? valueText(typed[column.key]) : undefined);
    })}</tr>`;
  });
}

/** Where the table came from: file, message, header, the unit and date fields as written. */
function sourceLine(data: PageData, result: UnitTableResult, found: FoundTable | null): SafeHtml {
  const record: MessageRecord | null = result.messageId ? findMessage(data.snapshot.result.messages, result.messageId) : null;
  return html`<p class="table-source">文件《${result.file}》${found?.source ? `（${found.source}）` : ''}${record ? html`，来信 ${messageName(record)}` : ''}${
    found
      ? html`；表头位于 ${found.headerAddress}；填报单位：${found.unitName ? html`${found.unitName.text}<span class="addr-inline">${found.unitName.location}</span>` : '未填'}；填报日期：${found.date ? html`${found.date.text}<span class="addr-inline">${found.date.location}</span>` : '未填'}${
          found.missingColumns.length > 0
            ? html`；<span class="problems"><span class="error">未找到的栏目：${found.missingColumns.join('、')}</span></span>`
            : ''
        }`
      : ''
  }</p>`;
}

function rowTable(data: PageData, table: TableDef, result: UnitTableResult, unit: UnitResult): SafeHtml {
  const found = foundTable(data, result, unit.unit);
  const byCell = problemsByCell(unit.problems, result.file!);
  if (!found) return html`${sourceLine(data, result, null)}<p class="muted">这张表的读取结果不在缓存中。</p>`;
  const labels = found.rows.some((row) => row.label.trim() !== '');
  const values = result.values;
  return html`${sourceLine(data, result, found)}
<div class="table-scroll"><table class="grid as-read" id="table-${table.key}" data-table="${table.key}"><thead>${headerRow(table, labels)}</thead><tbody>${foundRows(table, found.rows, byCell, labels)}</tbody>
${values ? html`<tfoot><tr><th colspan="${labels ? 2 : 1}">采用的数值${result.counted ? '' : html`<span class="small">（有错误，未计入合计）</span>`}</th>${table.columns.map((column) => html`<td class="num">${valueText(values[column.key]) || '—'}</td>`)}</tr></tfoot>` : ''}</table></div>`;
}

function listTable(data: PageData, table: TableDef, result: UnitTableResult, unit: UnitResult): SafeHtml {
  const found = foundTable(data, result, unit.unit);
  const byCell = problemsByCell(unit.problems, result.file!);
  const count = html`<p>共 ${result.rows.length} 行${result.rows.some((row) => row.hasErrors) ? html`，其中 <span class="problems"><span class="error">${result.rows.filter((row) => row.hasErrors).length} 行有错误</span></span>` : ''}。</p>`;
  if (result.rows.length === 0) return html`${sourceLine(data, result, found)}<p class="muted">这张表没有填写任何一行。</p>`;
  const labels = found?.rows.some((row) => row.label.trim() !== '') ?? false;
  if (found) {
    const typed = new Map(result.rows.map((row) => [row.location, row.values as Record<string, unknown>]));
    return html`${sourceLine(data, result, found)}${count}<div class="table-scroll"><table class="grid as-read" id="table-${table.key}" data-table="${table.key}"><thead>${headerRow(table, labels)}</thead><tbody>${foundRows(table, found.rows, byCell, labels, typed)}</tbody></table></div>`;
  }
  // The rows as merged, when the found table is not at hand: each value with its cell.
  return html`${sourceLine(data, result, null)}${count}<div class="table-scroll"><table class="grid as-read" id="table-${table.key}" data-table="${table.key}"><thead>${headerRow(table, false)}</thead><tbody>${result.rows.map(
    (row) =>
      html`<tr><td class="nowrap">${row.location}</td>${table.columns.map((column) => {
        const address = row.cells[column.key];
        return cellHtml(valueText(row.values[column.key]), address, address ? (byCell.get(address) ?? []) : []);
      })}</tr>`,
  )}</tbody></table></div>`;
}

/** Every table of the campaign for this unit, in the campaign's order. */
export function unitTablesHtml(data: PageData, unit: UnitResult): SafeHtml {
  const tables = data.snapshot.context.campaign.tables;
  return html`${tables.map((table) => {
    const result = unit.tables[table.key];
    const title = `${table.attachmentLabel ? `${table.attachmentLabel} ` : ''}${table.name}（${table.kind === 'list' ? '每单位若干行' : '统计表'}）`;
    const body = !result?.file
      ? html`<p class="muted">没有收到这张表。</p>`
      : table.kind === 'list'
        ? listTable(data, table, result, unit)
        : rowTable(data, table, result, unit);
    return html`<section class="unit-table" id="section-${table.key}"><h2>${title}</h2>${body}</section>`;
  })}`;
}
