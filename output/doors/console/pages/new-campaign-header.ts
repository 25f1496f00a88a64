/**
 * A derived table drawn as the office sees it in Excel: column letters on top, the header rows
 * with the merged group headers spanning their sub-columns, and under each column a select with
 * its type and unit (what the program will read there), where it was read and how sure.
 */
import { CONFIDENCE_LABEL, needsConfirming } from '../../../../pipeline/setup/derived.js';
import type { DraftColumn } from '../../../../pipeline/setup/table/column-type.js';
import { type DraftTable, draftColumns } from '../../../../pipeline/setup/table/derive-table.js';
import { TYPE_CHOICES, typeChoiceOf } from '../actions/new-campaign-review.js';
import { html, type SafeHtml } from './html.js';

/** Excel's column letters: A … Z, AA … */
function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function typeSelect(tableIndex: number, position: number, column: DraftColumn): SafeHtml {
  const current = typeChoiceOf(column);
  const unsure = needsConfirming(column.type);
  return html`<select name="t${tableIndex}-c${position}" aria-label="${column.label}的类型"${unsure ? html` class="unsure"` : ''}>${TYPE_CHOICES.map(
    (choice) => html`<option value="${choice.key}"${choice.key === current ? html` selected` : ''}>${choice.label}</option>`,
  )}</select>`;
}

function columnNote(column: DraftColumn): SafeHtml {
  const extra = [
    column.places ? `${column.places.value} 位小数` : '',
    column.options ? `选项：${column.options.value.join('、')}` : '',
    column.min ? `最小 ${column.min.value}` : '',
    column.max ? `最大 ${column.max.value}` : '',
  ].filter((text) => text !== '');
  return html`<span class="small muted" title="${column.type.note ?? ''}">${CONFIDENCE_LABEL[column.type.confidence]}${extra.length > 0 ? `；${extra.join('；')}` : ''}</span>`;
}

export function excelHeader(table: DraftTable, tableIndex: number): SafeHtml {
  const columns = draftColumns(table.entries);
  const grouped = table.entries.some((entry) => entry.kind === 'group');
  const top = table.entries.map((entry) =>
    entry.kind === 'group'
      ? html`<th class="xl-head" colspan="${entry.columns.length}">${entry.label}</th>`
      : html`<th class="xl-head"${grouped ? html` rowspan="2"` : ''}>${entry.column.label}</th>`,
  );
  const sub = table.entries.flatMap((entry) =>
    entry.kind === 'group' ? entry.columns.map((column) => html`<th class="xl-head">${column.label}</th>`) : [],
  );
  return html`<div class="xl-wrap"><table class="xl" data-table="${tableIndex}">
<thead><tr><th class="xl-corner"></th>${columns.map((_, index) => html`<th class="xl-letter">${columnLetter(index)}</th>`)}</tr></thead>
<tbody>
<tr><th class="xl-row">1</th>${top}</tr>
${grouped ? html`<tr><th class="xl-row">2</th>${sub}</tr>` : ''}
<tr class="xl-types"><th class="xl-row">类型</th>${columns.map((column, position) => html`<td>${typeSelect(tableIndex, position, column)}<br>${columnNote(column)}</td>`)}</tr>
</tbody></table></div>`;
}
