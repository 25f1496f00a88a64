/**
 * Each column's kind of value, from what the template says, strongest first: the cell's data
 * validation (a dropdown list → 单选 with its values; whole / decimal / date, with their range),
 * its number format (0 → 整数; 0.0 / 0.00 → 小数 with places; 0.0% → 百分比; dates; @ → 文字),
 * then the header text (header-hints.ts). Where they disagree the stronger wins and the clerk is
 * told; where nothing says, it is a guess. Pure.
 */
import { notAdditiveByName, unitInName } from '../../../intake/kernel/campaign/column-names.js';
import { type AmountUnit, FIELD_TYPE_LABEL, type FieldType, summableByDefault } from '../../../intake/kernel/campaign/field-types.js';
import { nameOfLabel, unitInLabel } from '../../../intake/kernel/campaign/tables.js';
import { byDefault, type Derived, guess, likely, sure } from '../derived.js';
import type { HeaderLeaf } from './header-columns.js';
import { type HeaderHint, headerHint } from './header-hints.js';
import { cellPlace, type TemplateCell, type TemplateSheet, type TemplateValidation } from './template-sheet.js';

export interface DraftColumn {
  /** The header text as campaign.yaml keeps it (the sub-header under a group). */
  label: string;
  /** Where the header is: "附件1.xlsx F4". */
  header: string;
  type: Derived<FieldType>;
  places?: Derived<number>;
  amountUnit?: Derived<AmountUnit>;
  /** 整数, 小数 without a (单位) in the header: the measure the column's name counts in (平均答复天数 → 天). */
  unit?: Derived<string>;
  options?: Derived<string[]>;
  min?: Derived<number | string>;
  max?: Derived<number | string>;
  required?: Derived<boolean>;
  /** false: a number whose name says it does not add up (平均…, …成绩, …率), not summed into the total. */
  sum?: Derived<boolean>;
  /** The template's formula in this column (合计 = …), its rule made by formula-rules.ts. */
  formula?: { text: string; address: string };
}

interface FormatHint {
  type: FieldType;
  places?: number;
  amountUnit?: AmountUnit;
}

/** A number format's kind: the parts in quotes and brackets are not format letters. */
export function formatHint(numFmt: string): FormatHint | null {
  const bare = numFmt
    .split(';')[0]!
    .replace(/"[^"]*"/gu, (quoted) => (/[年月日]/u.test(quoted) ? 'd' : ''))
    .replace(/\[[^\]]*\]/gu, '')
    .replace(/\\./gu, '');
  const places = (bare.match(/\.(0+)/u)?.[1] ?? '').length;
  if (bare.trim() === '@') return { type: 'text' };
  if (bare.includes('%')) return { type: 'percent', places };
  if (/[yd]/iu.test(bare) || (/m/iu.test(bare) && !/[0#]/u.test(bare))) return { type: 'date' };
  if (/[¥￥$]|元/u.test(numFmt)) return { type: 'amount', places, amountUnit: '元' };
  if (/[0#]/u.test(bare)) return places > 0 ? { type: 'decimal', places } : { type: 'count' };
  return null;
}

/** "YYYY-MM-DD" as Excel's day number (1900 system). */
function dayNumber(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** Excel's day number (1900 system) as "YYYY-MM-DD". */
export function excelDate(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

function listOptions(formula: string, sheet: TemplateSheet): string[] | null {
  const quoted = /^"(.*)"$/su.exec(formula.trim());
  if (quoted)
    return quoted[1]!
      .split(/[,，]/u)
      .map((option) => option.trim())
      .filter((option) => option !== '');
  // A range on the same sheet ($K$2:$K$4): the values in it.
  const range = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/u.exec(formula.trim());
  if (!range) return null;
  const values = sheet.rows
    .flat()
    .filter((cell) => {
      const match = /^([A-Z]+)(\d+)$/u.exec(cell.address);
      if (!match) return false;
      const [column, row] = [match[1]!, Number(match[2])];
      const last = range[3] ?? range[1]!;
      return (
        column >= range[1]! &&
        column <= last &&
        column.length === range[1]!.length &&
        row >= Number(range[2]) &&
        row <= Number(range[4] ?? range[2])
      );
    })
    .map((cell) => cell.text.trim())
    .filter((text) => text !== '');
  return values.length > 0 ? values : null;
}

type Bounds = Pick<DraftColumn, 'min' | 'max'>;

/** A validation's range, for the column's type: a date's day numbers as dates, a share of 1 as percent. */
function validationBounds(validation: TemplateValidation, type: FieldType, from: string): Bounds {
  // A date bound comes as the day itself ("2026-01-01") or as Excel's day number (46023).
  const values = validation.formulae.map((formula) => (/^\d{4}-\d{2}-\d{2}$/u.test(formula) ? dayNumber(formula) : Number(formula)));
  if (values.some((value) => !Number.isFinite(value))) return {};
  const scale = (value: number): number | string => {
    if (type === 'date') return excelDate(value);
    // A percentage cell holds a share (0.857 shows as 85.7%): the campaign keeps what is read, 85.7.
    if (type === 'percent' && values.every((v) => v <= 1)) return Math.round(value * 100 * 1e6) / 1e6;
    return value;
  };
  const bound = (value: number) => sure(scale(value), from, `数据验证`);
  // The campaign's bounds are allowed values themselves: a strict bound of whole numbers or days
  // is the next one (greater than 2026-01-01 is from 2026-01-02); a decimal has no next value.
  const step = type === 'count' || type === 'date' ? 1 : 0;
  const [a, b] = values;
  switch (validation.operator ?? 'between') {
    case 'between':
      return a !== undefined && b !== undefined ? { min: bound(a), max: bound(b) } : {};
    case 'greaterThanOrEqual':
      return a !== undefined ? { min: bound(a) } : {};
    case 'greaterThan':
      return a !== undefined ? { min: bound(a + step) } : {};
    case 'lessThanOrEqual':
      return a !== undefined ? { max: bound(a) } : {};
    case 'lessThan':
      return a !== undefined ? { max: bound(a - step) } : {};
    default:
      return {};
  }
}

const VALIDATION_TYPES: Readonly<Record<string, FieldType>> = {
  whole: 'count',
  decimal: 'decimal',
  date: 'date',
  textLength: 'text',
  list: 'choice',
};

function typeFromHints(hint: HeaderHint | null, format: FormatHint | null, validation: TemplateValidation | undefined) {
  const byValidation = validation ? VALIDATION_TYPES[validation.type] : undefined;
  // A decimal validation or format is refined by the format or header: 0.0% is a percentage, 万元 an amount.
  if (byValidation && byValidation !== 'decimal') return { type: byValidation, by: 'validation' as const };
  if (format && format.type !== 'count' && format.type !== 'decimal') return { type: format.type, by: 'format' as const };
  if ((byValidation === 'decimal' || format?.type === 'decimal') && (hint?.type === 'percent' || hint?.type === 'amount'))
    return { type: hint.type, by: 'header' as const };
  if (byValidation === 'decimal') return { type: 'decimal' as FieldType, by: 'validation' as const };
  if (format) {
    // "0" on a 金额 / 百分比 column is the office's rounding, not a whole number.
    if (format.type === 'count' && hint && (hint.type === 'amount' || hint.type === 'percent'))
      return { type: hint.type, by: 'header' as const };
    return { type: format.type, by: 'format' as const };
  }
  if (hint) return { type: hint.type, by: 'header' as const };
  return null;
}

/**
 * What the column's name says of a number (the kernel's rule, column-names.ts, written out for the
 * clerk to see): the measure it counts in when the header has no (单位), and that an average, a
 * score, a rank, an age or a rate is not summed into the district total.
 */
function measureOf(label: string, groupLabel: string | undefined, type: FieldType, header: string): Pick<DraftColumn, 'unit' | 'sum'> {
  const names = groupLabel ? [nameOfLabel(groupLabel), label] : [nameOfLabel(label)];
  const out: Pick<DraftColumn, 'unit' | 'sum'> = {};
  if ((type === 'count' || type === 'decimal') && unitInLabel(groupLabel ?? label) === undefined) {
    const unit = names.map(unitInName).find((item) => item !== undefined);
    if (unit) out.unit = likely(unit, header, `栏目名称以「${unit}」计：数字后写了「${unit}」的去掉单位读取并提示`);
  }
  const notAdditive = summableByDefault(type) ? notAdditiveByName(...names) : null;
  if (notAdditive)
    out.sum = likely(false, header, `栏目名称中的「${notAdditive.word}」：是${notAdditive.what}，相加没有意义，合计行不求和`);
  return out;
}

/**
 * The column's settings. `groupHint`: what the group's header says, for a sub-column whose own
 * text (一般隐患, 涉密) says nothing. `list`: a 台账's column defaults to 文字, a 统计表's to 整数.
 */
export function typeColumn(sheet: TemplateSheet, leaf: HeaderLeaf, groupLabel: string | undefined, list: boolean): DraftColumn {
  const header = cellPlace(sheet, leaf.address);
  const cell: TemplateCell | undefined = leaf.dataCell;
  const at = cell ? cellPlace(sheet, cell.address) : header;
  const hint = headerHint(leaf.label) ?? (groupLabel ? headerHint(groupLabel) : null);
  const format = cell?.numFmt ? formatHint(cell.numFmt) : null;
  const validation = cell?.validation;
  const chosen = typeFromHints(hint, format, validation);
  const column: DraftColumn = { label: leaf.label, header, type: byDefault<FieldType>('text', '') };
  if (!chosen) {
    const fallback: FieldType = cell?.formula ? 'count' : list ? 'text' : 'count';
    column.type = guess(fallback, header, `表头「${leaf.label}」和单元格都没有说明填什么，按${FIELD_TYPE_LABEL[fallback]}处理，请确认`);
  } else if (chosen.by === 'header') {
    column.type = likely(chosen.type, header, `表头中的「${hint!.because}」`);
  } else {
    const what = chosen.by === 'validation' ? `数据验证（${validation!.type}）` : `单元格格式「${cell!.numFmt}」`;
    const disagree = hint && hint.type !== chosen.type && !(hint.type === 'count' && chosen.type === 'decimal');
    column.type = sure(
      chosen.type,
      at,
      disagree
        ? `${what}；表头「${hint.because}」像是${FIELD_TYPE_LABEL[hint.type]}，按单元格的设置取${FIELD_TYPE_LABEL[chosen.type]}`
        : what,
    );
    if (disagree) column.type.confidence = 'likely';
  }
  const type = column.type.value;
  if ((type === 'decimal' || type === 'percent' || type === 'amount') && format?.places !== undefined && format.type !== 'count')
    column.places = sure(format.places, at, `单元格格式「${cell!.numFmt}」`);
  if (type === 'amount') {
    const unit = hint?.amountUnit ?? format?.amountUnit;
    column.amountUnit = unit
      ? likely(unit, hint?.amountUnit ? header : at, hint?.amountUnit ? `表头中的「(${unit})」` : '单元格格式中的货币符号')
      : guess<AmountUnit>('万元', header, '表头没有写金额的单位，按万元计，请确认');
  }
  Object.assign(column, measureOf(leaf.label, groupLabel, type, header));
  if (type === 'choice') {
    const options = validation?.type === 'list' ? listOptions(validation.formulae[0] ?? '', sheet) : null;
    column.options = options
      ? sure(options, at, '数据验证的下拉列表')
      : hint?.because === '是否'
        ? likely(['是', '否'], header, '表头以「是否」开头')
        : guess(['是', '否'], header, '没有找到下拉列表的选项，暂按是/否，请确认');
  }
  if (validation && validation.type !== 'list' && validation.type !== 'textLength')
    Object.assign(column, validationBounds(validation, type, at));
  if (validation && !validation.allowBlank) column.required = likely(true, at, '数据验证不允许空白');
  if (cell?.formula) column.formula = { text: cell.formula, address: cellPlace(sheet, cell.address) };
  return column;
}
