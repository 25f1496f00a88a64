/**
 * A 统计表 as found in a unit's file: its one data row chosen (one row; several with a single
 * 合计 row: that one; several without: an error, never a guess), every value read as its
 * column's type, the rules inside the row judged. Pure.
 */
import type { TableDef } from '../../intake/kernel/campaign/campaign.js';
import { error, type Problem, warning } from '../../intake/kernel/problems.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import type { FoundRow, FoundTable } from '../extract/find-table.js';
import { readField } from './fields/read-field.js';
import { headerProblems, tableWord, unitFieldProblem } from './header-problems.js';
import { rowRuleProblems } from './rules/row-rules.js';
import { fieldOptions, type TableContext, type TableValues, type ValidatedTable, type ValidationCampaign } from './table-validation.js';

const TOTAL_LABEL = /合计|总计|小计|汇总/u;
/** A value cell holding only a total's label. */
const TOTAL_CELL = /^(合计|总计|小计|汇总)[:：]?$/u;

/** `word`: how problems name the table (统计表, or 「…」 where the campaign has several). */
function chooseRow(
  found: FoundTable,
  word: string,
  where: Pick<Problem, 'file' | 'location'>,
): { row: FoundRow | null; problems: Problem[] } {
  const rows = found.rows;
  if (rows.length === 0) {
    return {
      row: null,
      problems: [error('table.no_data', `${word}只有表头，没有填写数据`, { ...where, expected: '表头下方一行本单位数据' })],
    };
  }
  if (rows.length === 1) return { row: rows[0]!, problems: [] };
  const totals = rows.filter((row) => TOTAL_LABEL.test(compact(row.label)));
  if (totals.length === 1) {
    const total = totals[0]!;
    return {
      row: total,
      problems: [
        warning('table.several_rows_total_used', `${word}有 ${rows.length} 行数据，已取「${total.label}」所在的${total.location}`, where),
      ],
    };
  }
  // A template without a label column: the unit wrote 合计 into a value cell of the row under its
  // data. The label took that cell, so the row is no total to read; the one other row is the data.
  const totalsInValues = rows.filter((row) => Object.values(row.cells).some((cell) => TOTAL_CELL.test(compact(cell.text))));
  if (totals.length === 0 && totalsInValues.length === 1 && rows.length === 2) {
    const total = totalsInValues[0]!;
    const data = rows.find((row) => row !== total)!;
    return {
      row: data,
      problems: [
        warning('table.several_rows_total_used', `${word}有 2 行数据，${total.location}是合计行，已取${data.location}`, {
          ...where,
          found: total.location,
        }),
      ],
    };
  }
  const locations = rows.map((row) => row.location).join('、');
  return {
    row: null,
    problems: [
      error('table.several_rows', `${word}有 ${rows.length} 行数据（${locations}），无法确定哪一行是本单位的数据`, {
        ...where,
        expected: '只填一行本单位数据，或增加一行「合计」',
      }),
    ],
  };
}

export function validateRowTable(found: FoundTable, table: TableDef, campaign: ValidationCampaign, context: TableContext): ValidatedTable {
  const where = { file: context.file, ...(found.source ? { location: found.source } : {}) };
  const problems: Problem[] = headerProblems(found, table, campaign, where);
  const chosen = chooseRow(found, tableWord(table, campaign), where);
  problems.push(...chosen.problems);
  const values: TableValues = Object.fromEntries(table.columns.map((column) => [column.key, null]));
  const cells: Record<string, string> = {};
  if (chosen.row) {
    const options = fieldOptions(campaign, table);
    for (const column of table.columns) {
      const cell = chosen.row.cells[column.key];
      if (cell) cells[column.key] = cell.address;
      const read = readField(column, cell, context.file, options, found.source);
      values[column.key] = read.value;
      problems.push(...read.problems);
    }
    problems.push(...rowRuleProblems(table, campaign, values, { ...where, row: chosen.row.location, cells }));
    // Read all the same: a 统计表 is its one row, and a unit that hid it by accident still reported it.
    if (chosen.row.hidden)
      problems.push(
        warning('table.hidden_row', `${tableWord(table, campaign)}的数据行（${chosen.row.location}）是隐藏行，仍按其数据计入`, {
          ...where,
          location: where.location ? `${where.location}${chosen.row.location}` : chosen.row.location,
          expected: '数据行不隐藏；这一行不应计入的，请单位更正后重新报送',
        }),
      );
  }
  problems.push(...unitFieldProblem(found, table, campaign, where));
  return { kind: 'row', table: table.key, values, cells, row: chosen.row?.location ?? null, problems };
}
