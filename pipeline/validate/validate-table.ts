/**
 * Validates one found table against the campaign: chooses its data row, reads every value
 * (counts and text), applies the cross-field rules. Pure: found table in, values and problems out.
 */
import { type Campaign, type ColumnDef, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import { error, type Problem, warning } from '../../intake/kernel/problems.js';
import { compact } from '../../intake/kernel/text/normalize.js';
import type { FoundRow, FoundTable, HeaderNote } from '../extract/find-table.js';
import { readCount } from './normalize-count.js';
import { evaluateRule } from './rules/evaluate-rule.js';
import { brokenRuleProblem } from './rules/rule-problems.js';

export type TableValues = Record<string, number | string | null>;

export interface ValidatedTable {
  /** Values by column key; null where the cell was unreadable or missing. */
  values: TableValues;
  /** Row the values came from, e.g. "第6行"; null when the table has no usable row. */
  row: string | null;
  problems: Problem[];
}

export interface TableContext {
  /** Attachment file name, for problem messages. */
  file: string;
}

const TOTAL_LABEL = /合计|总计|小计|汇总/u;

function chooseRow(table: FoundTable, where: Pick<Problem, 'file' | 'location'>): { row: FoundRow | null; problems: Problem[] } {
  const rows = table.rows;
  if (rows.length === 0) {
    return {
      row: null,
      problems: [error('table.no_data', '统计表只有表头，没有填写数据', { ...where, expected: '表头下方一行本单位数据' })],
    };
  }
  if (rows.length === 1) return { row: rows[0]!, problems: [] };
  const totals = rows.filter((row) => TOTAL_LABEL.test(compact(row.label)));
  if (totals.length === 1) {
    const total = totals[0]!;
    return {
      row: total,
      problems: [
        warning('table.several_rows_total_used', `统计表有 ${rows.length} 行数据，已取「${total.label}」所在的${total.location}`, where),
      ],
    };
  }
  return {
    row: null,
    problems: [
      error(
        'table.several_rows',
        `统计表有 ${rows.length} 行数据（${rows.map((row) => row.location).join('、')}），无法确定哪一行是本单位的数据`,
        {
          ...where,
          expected: '只填一行本单位数据，或增加一行「合计」',
        },
      ),
    ],
  };
}

function readValue(column: ColumnDef, row: FoundRow, where: Pick<Problem, 'file'>): { value: number | string | null; problems: Problem[] } {
  const cell = row.cells[column.key];
  if (!cell) return { value: null, problems: [] };
  const context = { ...where, location: cell.address, field: column.displayName };
  if (column.type === 'text') {
    const text = cell.text.trim();
    return { value: text === '' ? null : text, problems: [] };
  }
  const formula = cell.formula;
  if (formula && !formula.computed) {
    return {
      value: null,
      problems: [
        error(
          'value.formula_uncomputed',
          `公式没有计算结果：单元格中是公式「${formula.text}」，文件没有保存它的结果，汇总也无法计算（${formula.reason ?? '原因不明'}）；请在 Excel 或 WPS 中打开、保存后重新报送`,
          {
            ...context,
            found: formula.text,
            expected: '数字，或保存了计算结果的公式',
          },
        ),
      ],
    };
  }
  const computedNote = formula
    ? [
        warning('value.formula_computed', `单元格中的公式「${formula.text}」没有保存计算结果，已按公式算出「${cell.text}」`, {
          ...context,
          found: formula.text,
        }),
      ]
    : [];
  const reading = readCount(cell, column.unit);
  if (!reading.ok) {
    return {
      value: null,
      problems: [
        ...computedNote,
        error('value.invalid', `填写为「${cell.text.trim()}」，${reading.reason}，应为非负整数`, {
          ...context,
          found: cell.text.trim(),
          expected: '非负整数',
        }),
      ],
    };
  }
  if (reading.note)
    return {
      value: reading.value,
      problems: [...computedNote, warning('value.normalised', reading.note, { ...context, found: cell.text.trim(), expected: '非负整数' })],
    };
  return { value: reading.value, problems: computedNote };
}

function headerProblem(note: HeaderNote, where: Pick<Problem, 'file' | 'location'>): Problem {
  const at = { ...where, location: note.address };
  switch (note.kind) {
    case 'matched':
      return warning(
        'table.header_matched',
        `表头「${note.header}」与通知中的「${note.column}」用词不同，已按「${note.column}」这一列读取`,
        {
          ...at,
          field: note.column!,
          found: note.header,
          expected: note.column!,
        },
      );
    case 'unsure':
      return error(
        'table.header_unsure',
        `表头「${note.header}」与「${note.column}」相近，但不能确定就是这一列，未读取；请按通知附件的表头重新报送，或在 campaign.yaml 中为这一列加上别名（aliases）`,
        {
          ...at,
          field: note.column!,
          found: note.header,
          expected: note.column!,
        },
      );
    case 'extra':
      return warning('table.extra_column', `统计表中多出一列「${note.header}」（通知附件中没有），这一列未读取`, {
        ...at,
        found: note.header,
      });
  }
}

/** The rules judged inside the one row of this table (not those across tables or in lists). */
function rowRuleProblems(
  campaign: Pick<Campaign, 'columns' | 'rules' | 'tables'>,
  values: TableValues,
  row: FoundRow,
  where: Pick<Problem, 'file' | 'location'>,
): Problem[] {
  const table = primaryTable(campaign.tables);
  const columnOf = (_table: string, key: string) => table.columns.find((column) => column.key === key);
  const problems: Problem[] = [];
  for (const rule of campaign.rules) {
    if (rule.scope.kind !== 'row' || rule.scope.table !== table.key) continue;
    const outcome = evaluateRule(rule, { value: (ref) => values[ref.column] ?? null, rows: () => null, sum: () => null }, campaign.tables);
    if (outcome.status !== 'broken') continue;
    problems.push(
      brokenRuleProblem(rule, outcome, {
        ...where,
        cellOf: (_table, key) => row.cells[key]?.address,
        fallback: row.location,
        columnOf,
      }),
    );
  }
  return problems;
}

export function validateTable(
  table: FoundTable,
  campaign: Pick<Campaign, 'columns' | 'rules' | 'file' | 'tables'>,
  context: TableContext,
): ValidatedTable {
  const where = { file: context.file, ...(table.source ? { location: table.source } : {}) };
  const problems: Problem[] = [];
  for (const name of table.missingColumns) {
    problems.push(
      error('table.missing_column', `统计表中找不到「${name}」这一列`, { ...where, field: name, expected: '与通知附件一致的表头' }),
    );
  }
  for (const note of table.headerNotes ?? []) problems.push(headerProblem(note, where));
  const chosen = chooseRow(table, where);
  problems.push(...chosen.problems);
  const values: TableValues = {};
  for (const column of campaign.columns) values[column.key] = null;
  if (chosen.row) {
    for (const column of campaign.columns) {
      const read = readValue(column, chosen.row, where);
      values[column.key] = read.value;
      problems.push(...read.problems);
    }
    problems.push(...rowRuleProblems(campaign, values, chosen.row, where));
  }
  const unitField = campaign.file.table.unitField;
  if (!table.unitName || table.unitName.text === '') {
    problems.push(
      warning('table.unit_field_blank', `统计表未填写「${unitField}」`, { ...where, field: unitField, expected: '本单位名称' }),
    );
  }
  return { values, row: chosen.row?.location ?? null, problems };
}
