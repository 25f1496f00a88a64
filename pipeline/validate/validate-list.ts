/**
 * A list (明细表, 台账, 花名册) as found in a unit's file: every row read as the columns' types
 * and checked by the rules inside a row; a list with no row is said (a unit may have nothing to
 * list: a warning, not an error). Pure.
 */
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { hasErrors, type Problem, warning } from '../../intake/kernel/problems.js';
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
  // In a file of several sheets or Word tables, the row says which: 工作表「台账」第5行, 第2个表格第3行.
  const location = where.location && /^第\d+行$/u.test(row.location) ? `${where.location}${row.location}` : row.location;
  return { row: { location, values, cells, hasErrors: hasErrors(problems) }, problems };
}

export function validateList(found: FoundTable, table: TableDef, campaign: ValidationCampaign, context: TableContext): ValidatedTable {
  const where = { file: context.file, ...(found.source ? { location: found.source } : {}) };
  const problems: Problem[] = headerProblems(found, table, campaign, where);
  const options = fieldOptions(campaign, table);
  const rows: ValidatedListRow[] = [];
  for (const row of found.rows) {
    const validated = validateRow(row, table, campaign, where, options);
    rows.push(validated.row);
    if (validated.problems.length > 0) problems.push(...validated.problems);
  }
  if (rows.length === 0)
    problems.push(
      warning('table.list_empty', `${tableWord(table, campaign)}只有表头，没有填写任何一行`, {
        ...where,
        expected: '每一项一行；确实没有可填写的，可不填',
      }),
    );
  problems.push(...unitFieldProblem(found, table, campaign, where));
  return { kind: 'list', table: table.key, rows, problems };
}
