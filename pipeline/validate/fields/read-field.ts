/**
 * One cell of a table read as its column's type (one reader per type, in this folder), with
 * what every type shares: a formula stored without its result, a blank cell (必填 → an error;
 * a 统计表's blank count → 0 with a warning, as the first campaign read it), the column's range.
 * Every problem names the file, the cell, the column, what was found and what was expected.
 * Pure.
 */
import type { ColumnDef } from '../../../intake/kernel/campaign/campaign.js';
import { error, type Problem, warning } from '../../../intake/kernel/problems.js';
import type { RawValue } from '../../extract/find-table.js';
import { readAmount } from './amount.js';
import { readChoice } from './choice.js';
import { readCount } from './count.js';
import { readDate } from './date.js';
import { readDecimal } from './decimal.js';
import type { FieldContext, FieldReading, FieldValue } from './field-reading.js';
import { tidy } from './field-reading.js';
import { readPercent } from './percent.js';
import { readText } from './text.js';

export interface FieldOptions extends FieldContext {
  /** A blank count reads as 0 with a warning (a 统计表's cell); in a list's row it stays blank. */
  blankCountIsZero: boolean;
}

export interface FieldResult {
  value: FieldValue | null;
  /** Shared and frozen when empty: add to a list of your own, never to this one. */
  problems: readonly Problem[];
}

/** What the column accepts, as the unit is told. */
export function expectedOf(column: ColumnDef): string {
  switch (column.type) {
    case 'count':
      return typeof column.min === 'number' && column.min < 0 ? '整数' : '非负整数';
    case 'decimal':
      return column.unit ? `数字（单位：${column.unit}）` : '数字';
    case 'percent':
      return '百分数（85.7% 填 85.7 或 85.7%）';
    case 'amount':
      return `金额（单位：${column.amountUnit ?? '元'}）`;
    case 'date':
      return '日期（如 2026-05-18、2026年5月18日）';
    case 'choice':
      return `${(column.options ?? []).join('、')} 之一`;
    case 'text':
      return '文字';
  }
}

/** The cell as the unit sees it: a percentage cell shows 85.7%, not 0.857. */
function shown(cell: RawValue): string {
  if (cell.percent && cell.number !== undefined) return `${tidy(cell.number * 100)}%`;
  return cell.text.trim();
}

function byType(column: ColumnDef, cell: RawValue, options: FieldOptions): FieldReading {
  switch (column.type) {
    case 'count': {
      const reading = readCount(cell, column.unit, { negative: typeof column.min === 'number' && column.min < 0 });
      return reading.ok ? reading : { ok: false, reason: reading.reason };
    }
    case 'decimal':
      return readDecimal(cell, column);
    case 'percent':
      return readPercent(cell, column);
    case 'amount':
      return readAmount(cell, column);
    case 'date':
      return readDate(cell, options);
    case 'choice':
      return readChoice(cell, column);
    case 'text':
      return readText(cell);
  }
}

const isBlank = (cell: RawValue) =>
  cell.text.trim() === '' && cell.number === undefined && cell.date === undefined && cell.error === undefined;

function rangeProblem(
  column: ColumnDef,
  value: FieldValue,
  where: () => Omit<Problem, 'severity' | 'code' | 'summary'>,
  cell: RawValue,
): Problem | null {
  const { min, max } = column;
  const below = min !== undefined && typeof value === typeof min && value < min;
  const above = max !== undefined && typeof value === typeof max && value > max;
  if (!below && !above) return null;
  const context = { ...where(), found: shown(cell) };
  const expected = min !== undefined && max !== undefined ? `${min} 到 ${max} 之间` : min !== undefined ? `不小于 ${min}` : `不大于 ${max}`;
  return error('value.out_of_range', `填写为「${context.found}」，超出本栏的范围，应${expected.endsWith('之间') ? '在 ' : ''}${expected}`, {
    ...context,
    expected,
  });
}

/**
 * The value as the column keeps it, for a note: a percentage cell's 0.9 is 90, shown with the
 * column's places (90.0), as the workbook shows it.
 */
function keptText(column: ColumnDef, reading: FieldReading | null, cell: RawValue): string {
  if (!reading?.ok || reading.value === null) return cell.text;
  const value = reading.value;
  return typeof value === 'number' && column.places !== undefined ? value.toFixed(column.places) : String(value);
}

type Context = Omit<Problem, 'severity' | 'code' | 'summary'>;

function uncomputedFormula(formula: { text: string; reason?: string }, context: Context): Problem {
  const summary = `公式没有计算结果：单元格中是公式「${formula.text}」，文件没有保存它的结果，汇总也无法计算（${formula.reason ?? '原因不明'}）；请在 Excel 或 WPS 中打开、保存后重新报送`;
  return error('value.formula_uncomputed', summary, { ...context, found: formula.text, expected: '数字，或保存了计算结果的公式' });
}

function computedFormula(
  column: ColumnDef,
  cell: RawValue,
  formula: { text: string },
  reading: FieldReading | null,
  context: Context,
): Problem {
  const summary = `单元格中的公式「${formula.text}」没有保存计算结果，已按公式算出「${keptText(column, reading, cell)}」`;
  return warning('value.formula_computed', summary, { ...context, found: formula.text });
}

/** A value read without a word to say: the common case, kept cheap (a list may have 50,000 cells). */
const quiet = (value: FieldValue | null): FieldResult => ({ value, problems: NO_PROBLEMS });
const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/**
 * Where the cell is, as the clerk finds it: in a workbook of several sheets the sheet too
 * (工作表「台账」D5); a Word table's address names its table already.
 */
export function cellLocation(address: string, sheet: string | undefined): string {
  return sheet && !address.startsWith(sheet) ? `${sheet}${address}` : address;
}

/** `sheet`: the label of the grid the table was found in ("" or absent for the only sheet). */
export function readField(column: ColumnDef, cell: RawValue | undefined, file: string, options: FieldOptions, sheet?: string): FieldResult {
  if (!cell) return quiet(null);
  // Where a problem points: made only for a cell that has one (a list's 50,000 cells mostly do not).
  const where = () => ({ file, location: cellLocation(cell.address, sheet), field: column.displayName });
  // A text column reads whatever is there, as the first campaign's 备注 did.
  const formula = column.type === 'text' ? undefined : cell.formula;
  if (formula && !formula.computed) return { value: null, problems: [uncomputedFormula(formula, where())] };
  const blank = isBlank(cell);
  const unread = blank && (column.required || !(column.type === 'count' && options.blankCountIsZero));
  const reading = unread ? null : byType(column, cell, options);
  // The note on a computed formula shows the value as read (a percentage's 0.9 is 90.0).
  const earlier = formula ? [computedFormula(column, cell, formula, reading, where())] : NO_PROBLEMS;
  if (blank && column.required)
    return {
      value: null,
      problems: [...earlier, error('value.required', '必填，未填写', { ...where(), found: '', expected: expectedOf(column) })],
    };
  if (reading === null) return { value: null, problems: earlier };
  return readingResult(column, cell, reading, where, earlier);
}

function readingResult(
  column: ColumnDef,
  cell: RawValue,
  reading: FieldReading,
  where: () => Context,
  earlier: readonly Problem[],
): FieldResult {
  if (!reading.ok) {
    const code = reading.code ?? 'value.invalid';
    const [found, expected] = [shown(cell), expectedOf(column)];
    const summary = `填写为「${found}」，${reading.reason}${code === 'value.invalid' ? `，应为${expected}` : ''}`;
    return { value: null, problems: [...earlier, error(code, summary, { ...where(), found, expected })] };
  }
  const outside = reading.value === null ? null : rangeProblem(column, reading.value, where, cell);
  if (!reading.note && !outside && earlier.length === 0) return quiet(reading.value);
  const context = where();
  const problems = [...earlier];
  if (reading.note) {
    const code = reading.converted ? 'value.unit_converted' : 'value.normalised';
    problems.push(warning(code, reading.note, { ...context, found: shown(cell), expected: expectedOf(column) }));
  }
  if (outside) problems.push(outside);
  return { value: reading.value, problems };
}
