/**
 * A list (明细表, 台账, 花名册) as found in a unit's file: every row read as the columns' types
 * and checked by the rules inside a row; a list with no row is said (a unit may have nothing to
 * list: a warning, not an error). A row filled in only a few of its columns is said too (a
 * warning: optional columns are often left blank, but a row with most of them blank is an item
 * begun and not finished), and each row the unit hid, left out of the list. Pure.
 */
import type { ColumnDef, TableDef } from '../../intake/kernel/campaign/campaign.js';
import { hasErrors, type Problem, warning } from '../../intake/kernel/problems.js';
import { isSerialColumn } from '../extract/data-rows.js';
import type { FoundRow, FoundTable } from '../extract/find-table.js';
import { type FieldOptions, readField } from './fields/read-field.js';
import { headerProblems, tableWord, unitFieldProblem } from './header-problems.js';
import { rowRuleProblems } from './rules/row-rules.js';
import {
  fieldOptions,
  type TableContext,
  type TableValues,
  type ValidatedListRow,
  type ValidatedTable,
  type ValidationCampaign,
} from './table-validation.js';

/** In a file of several sheets or Word tables, the row says which: 工作表「台账」第5行, 第2个表格第3行. */
function rowLocation(row: FoundRow, where: { location?: string }): string {
  return where.location && /^第\d+行$/u.test(row.location) ? `${where.location}${row.location}` : row.location;
}

const isBlank = (row: FoundRow, column: ColumnDef) => (row.cells[column.key]?.text ?? '').trim() === '';

/**
 * A row with some of its columns filled and more than half of them blank (序号 not counted, nor
 * a column the header lacks): said with the blank ones. A wholly blank row is no such row.
 * `columns`: the table's columns but 序号. Counted first: it runs for every row of every list.
 */
function sparseRow(row: FoundRow, columns: readonly ColumnDef[], word: string, where: { file: string; location?: string }): Problem | null {
  let present = 0;
  let blanks = 0;
  for (const column of columns) {
    const cell = row.cells[column.key];
    if (cell === undefined) continue;
    present++;
    if (cell.text.trim() === '') blanks++;
  }
  if (blanks === present || blanks * 2 <= present) return null;
  const shown = columns.filter((column) => row.cells[column.key] !== undefined);
  const names = (list: readonly ColumnDef[]) => list.map((column) => `「${column.displayName}」`).join('');
  const filled = shown.filter((column) => !isBlank(row, column));
  const blank = shown.filter((column) => isBlank(row, column));
  return warning('table.list_row_sparse', `${word}${row.location}只填写了${names(filled)}，${names(blank)}未填写`, {
    ...where,
    location: rowLocation(row, where),
    expected: '每一项的各栏都填写；确实没有的可写“无”',
  });
}

/** A row the unit hid: left out of the list, said with what it held. */
function hiddenRow(row: FoundRow, table: TableDef, word: string, where: { file: string; location?: string }): Problem {
  const texts = table.columns
    .filter((column) => !isSerialColumn(column) && !isBlank(row, column))
    .map((column) => row.cells[column.key]!.text.trim());
  const held = texts.join('、');
  const shown = held.length > 60 ? `${held.slice(0, 60)}…` : held;
  return warning('table.hidden_row', `${word}${row.location}是隐藏行，未计入（${shown}）`, {
    ...where,
    location: rowLocation(row, where),
    found: held,
    expected: '要计入的行请取消隐藏后重新报送',
  });
}

function validateRow(
  row: FoundRow,
  table: TableDef,
  campaign: ValidationCampaign,
  where: { file: string; location?: string },
  options: FieldOptions,
): { row: ValidatedListRow; problems: Problem[] } {
  const values: TableValues = {};
  const cells: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const column of table.columns) {
    const cell = row.cells[column.key];
    if (cell) cells[column.key] = cell.address;
    const read = readField(column, cell, where.file, options, where.location);
    values[column.key] = read.value;
    if (read.problems.length > 0) problems.push(...read.problems);
  }
  const broken = rowRuleProblems(table, campaign, values, { ...where, row: row.location, cells });
  if (broken.length > 0) problems.push(...broken);
  return { row: { location: rowLocation(row, where), values, cells, hasErrors: hasErrors(problems) }, problems };
}

export function validateList(found: FoundTable, table: TableDef, campaign: ValidationCampaign, context: TableContext): ValidatedTable {
  const where = { file: context.file, ...(found.source ? { location: found.source } : {}) };
  const problems: Problem[] = headerProblems(found, table, campaign, where);
  const options = fieldOptions(campaign, table);
  const rows: ValidatedListRow[] = [];
  const word = tableWord(table, campaign);
  const unnumbered = table.columns.filter((column) => !isSerialColumn(column));
  for (const row of found.rows) {
    const validated = validateRow(row, table, campaign, where, options);
    rows.push(validated.row);
    const sparse = sparseRow(row, unnumbered, word, where);
    if (sparse) problems.push(sparse);
    if (validated.problems.length > 0) problems.push(...validated.problems);
  }
  for (const row of found.hiddenRows ?? []) problems.push(hiddenRow(row, table, word, where));
  if (rows.length === 0)
    problems.push(
      warning('table.list_empty', `${word}只有表头，没有填写任何一行`, {
        ...where,
        expected: '每一项一行；确实没有可填写的，可不填',
      }),
    );
  problems.push(...unitFieldProblem(found, table, campaign, where));
  return { kind: 'list', table: table.key, rows, problems };
}
