/**
 * A unit's tables as read, for the 单位 page: every table of the campaign in its order — a 统计表
 * with the rows found in the unit's file and the values adopted, a list (明细表, 台账) with each of
 * its rows — every value with the cell it came from, and every cell a problem names marked in
 * place, the problem written beside it. A table the unit has not sent says so.
 */
import type { ColumnDef, TableDef } from '../../../../intake/kernel/campaign/campaign.js';
import type { Problem } from '../../../../intake/kernel/problems.js';
import type { AttachmentFacts } from '../../../../pipeline/analyze/facts.js';
import type { RawValue } from '../../../../pipeline/extract/data-rows.js';
import type { FoundRow, FoundTable } from '../../../../pipeline/extract/find-table.js';
import type { MessageRecord, UnitResult, UnitTableResult } from '../../../../pipeline/merge/merge-result.js';
import { printedComparisons } from '../../../documents/findings.js';
import { fieldText } from '../../../field-text.js';
import { cellOfTable, cellsOfLocation, problemOfFile, sheetOfRow } from '../../../workbook/problem-cells.js';
import { html, type SafeHtml } from './html.js';
import { findMessage, messageName } from './message-name.js';
import type { PageData } from './page-data.js';

/** A problem beside a cell: its text is written beside the first cell it names in this table, the others framed. */
interface CellProblem {
  problem: Problem;
  first: boolean;
}

const SEP = '\u0000';

/**
 * The problems of one table, by the cells they name: matched by file, sheet and address, so a
 * problem of the 统计表 is not drawn on the same address of the list's file or sheet
 * (problem-cells.ts says how locations are read and why a rule across tables names no list cell).
 */
export function problemsByCell(problems: readonly Problem[], file: string, list: boolean): Map<string, CellProblem[]> {
  const byCell = new Map<string, CellProblem[]>();
  for (const problem of problems) {
    const stands = problemOfFile(problem, file);
    if (stands === null || (stands === 'across' && list)) continue;
    let first = true;
    for (const { sheet, address } of cellsOfLocation(problem.location)) {
      const key = `${sheet}${SEP}${address}`;
      const here = byCell.get(key) ?? [];
      if (here.some((item) => item.problem === problem)) continue;
      byCell.set(key, [...here, { problem, first }]);
      first = false;
    }
  }
  return byCell;
}

/** The problems naming a cell of the found table (its address as read, the grid it was read from). */
function problemsAt(byCell: Map<string, CellProblem[]>, address: string, source: string | undefined): CellProblem[] {
  const { sheet, address: bare } = cellOfTable(address, source);
  return byCell.get(`${sheet}${SEP}${bare}`) ?? [];
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

/** A value as the page prints it: a date in Chinese, a percentage with its sign (as the documents do). */
function valueText(column: ColumnDef, value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' || typeof value === 'string' ? fieldText(column, value) : String(value);
}

/** A cell's text as the file shows it: a number in a percentage format as a percentage (0.5 → 50%). */
function shownText(cell: RawValue): string {
  if (cell.percent && cell.number !== undefined) return `${Number((cell.number * 100).toPrecision(12))}%`;
  return cell.text;
}

/** What a list cell was read as, when that says more than the cell shows (not 3 → 3.00, nor a date cell's own day). */
function readAs(column: ColumnDef, cell: RawValue, value: unknown): string | undefined {
  if (typeof value === 'number' && cell.number === value) return undefined;
  if (typeof value === 'string' && cell.date === value) return undefined;
  return valueText(column, value);
}

/** One cell as read: the text, its address, and the problems that name it (each problem's text beside its first cell). */
function cellHtml(text: string, address: string | undefined, named: readonly CellProblem[], typed?: string): SafeHtml {
  const problems = named.map((item) => item.problem);
  const worst = problems.some((item) => item.severity === 'error') ? 'cell-error' : problems.length > 0 ? 'cell-warning' : '';
  const shown = text.trim() === '' ? html`<span class="muted">（空）</span>` : html`${text}`;
  return html`<td class="cell ${worst}"${address ? html` data-cell="${address}"` : ''}${problems.length > 0 ? html` title="${problems.map((item) => printedComparisons(item.summary)).join('\n')}"` : ''}>${shown}${
    typed !== undefined && typed !== '' && typed !== text.trim() ? html`<span class="typed">读作 ${typed}</span>` : ''
  }${address ? html`<span class="addr">${address}</span>` : ''}${named
    .filter((item) => item.first)
    .map((item) => html`<span class="cell-problem ${item.problem.severity}">${printedComparisons(item.problem.summary)}</span>`)}</td>`;
}

/** The row's cells outside the table's columns: a list's own 序号 when every one is a number. */
function labelsHead(rows: readonly FoundRow[]): string {
  const labels = rows.map((row) => row.label.trim()).filter((label) => label !== '');
  return labels.length > 0 && labels.every((label) => /^\d+$/u.test(label)) ? '序号' : '其他内容';
}

function headerRow(table: TableDef, labels: string | null): SafeHtml {
  return html`<tr><th>行</th>${labels !== null ? html`<th>${labels}</th>` : ''}${table.columns.map((column) => html`<th>${column.displayName}</th>`)}</tr>`;
}

function foundRows(
  table: TableDef,
  found: FoundTable,
  byCell: Map<string, CellProblem[]>,
  labels: boolean,
  typedRows?: Map<string, Record<string, unknown>>,
): SafeHtml[] {
  return found.rows.map((row) => {
    const typed = typedRows?.get(row.location);
    return html`<tr><td class="nowrap">${row.location}</td>${labels ? html`<td>${row.label}</td>` : ''}${table.columns.map((column) => {
      const cell = row.cells[column.key];
      if (!cell) return html`<td class="muted">—</td>`;
      return cellHtml(
        shownText(cell),
        cell.address,
        problemsAt(byCell, cell.address, found.source),
        typed ? readAs(column, cell, typed[column.key]) : undefined,
      );
    })}</tr>`;
  });
}

/**
 * The table's 填报日期: the line above the table that says it, else the table's own column of
 * that name (a 统计表 often has one); null when neither is there — the page then says nothing.
 */
function dateOf(table: TableDef, found: FoundTable): { text: string; location: string } | null {
  if (found.date) return found.date;
  const column = table.columns.find((item) => item.displayName === table.dateField || item.name === table.dateField);
  if (!column || table.kind === 'list') return null;
  const cell = found.rows.map((row) => row.cells[column.key]).find((item) => item !== undefined && item.text.trim() !== '');
  return cell ? { text: cell.text, location: cell.address } : null;
}

/** Where the table came from: file, message, header, the unit and date fields as written. */
function sourceLine(data: PageData, table: TableDef, result: UnitTableResult, found: FoundTable | null): SafeHtml {
  const record: MessageRecord | null = result.messageId ? findMessage(data.snapshot.result.messages, result.messageId) : null;
  const date = found ? dateOf(table, found) : null;
  return html`<p class="table-source">文件《${result.file}》${found?.source ? `（${found.source}）` : ''}${record ? html`，来信 ${messageName(record)}` : ''}${
    found
      ? html`；表头位于 ${found.headerAddress}；填报单位：${found.unitName ? html`${found.unitName.text}<span class="addr-inline">${found.unitName.location}</span>` : '未填'}${
          date ? html`；填报日期：${date.text}<span class="addr-inline">${date.location}</span>` : ''
        }${
          found.missingColumns.length > 0
            ? html`；<span class="problems"><span class="error">未找到的栏目：${found.missingColumns.join('、')}</span></span>`
            : ''
        }`
      : ''
  }</p>`;
}

function rowTable(data: PageData, table: TableDef, result: UnitTableResult, unit: UnitResult): SafeHtml {
  const found = foundTable(data, result, unit.unit);
  const byCell = problemsByCell(unit.problems, result.file!, false);
  if (!found) return html`${sourceLine(data, table, result, null)}<p class="muted">这张表的读取结果不在缓存中。</p>`;
  const labels = found.rows.some((row) => row.label.trim() !== '');
  const values = result.values;
  return html`${sourceLine(data, table, result, found)}
<div class="table-scroll"><table class="grid as-read" id="table-${table.key}" data-table="${table.key}"><thead>${headerRow(table, labels ? labelsHead(found.rows) : null)}</thead><tbody>${foundRows(table, found, byCell, labels)}</tbody>
${values ? html`<tfoot><tr><th colspan="${labels ? 2 : 1}">采用的数值${result.counted ? '' : html`<span class="small">（有错误，未计入合计）</span>`}</th>${table.columns.map((column) => html`<td class="num">${valueText(column, values[column.key]) || '—'}</td>`)}</tr></tfoot>` : ''}</table></div>`;
}

function listTable(data: PageData, table: TableDef, result: UnitTableResult, unit: UnitResult): SafeHtml {
  const found = foundTable(data, result, unit.unit);
  const byCell = problemsByCell(unit.problems, result.file!, true);
  const count = html`<p>共 ${result.rows.length} 行${result.rows.some((row) => row.hasErrors) ? html`，其中 <span class="problems"><span class="error">${result.rows.filter((row) => row.hasErrors).length} 行有错误</span></span>` : ''}。</p>`;
  if (result.rows.length === 0) return html`${sourceLine(data, table, result, found)}<p class="muted">这张表没有填写任何一行。</p>`;
  const labels = found?.rows.some((row) => row.label.trim() !== '') ?? false;
  if (found) {
    const typed = new Map(result.rows.map((row) => [row.location, row.values as Record<string, unknown>]));
    return html`${sourceLine(data, table, result, found)}${count}<div class="table-scroll"><table class="grid as-read" id="table-${table.key}" data-table="${table.key}"><thead>${headerRow(table, labels ? labelsHead(found.rows) : null)}</thead><tbody>${foundRows(table, found, byCell, labels, typed)}</tbody></table></div>`;
  }
  // The rows as merged, when the found table is not at hand: each value with its cell.
  return html`${sourceLine(data, table, result, null)}${count}<div class="table-scroll"><table class="grid as-read" id="table-${table.key}" data-table="${table.key}"><thead>${headerRow(table, null)}</thead><tbody>${result.rows.map(
    (row) =>
      html`<tr><td class="nowrap">${row.location}</td>${table.columns.map((column) => {
        const address = row.cells[column.key];
        // The row's location carries its sheet ("工作表「台账」第5行"): its cells are on that sheet.
        const sheet = sheetOfRow(row.location);
        return cellHtml(valueText(column, row.values[column.key]), address, address ? (byCell.get(`${sheet}${SEP}${address}`) ?? []) : []);
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
