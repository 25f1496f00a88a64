/**
 * The tables of a campaign as the rest of the program sees them: each table's columns flattened
 * in sheet order (a group's sub-columns one by one), with every default filled in, so that the
 * readers, the validation and the outputs never look at campaign.yaml's shorthand.
 */
import { compact } from '../text/normalize.js';
import { unitInName } from './column-names.js';
import { type AmountUnit, DEFAULT_CHOICE_OPTIONS, DEFAULT_PLACES, type FieldType, isNumeric, summableByDefault } from './field-types.js';
import type { ColumnEntry, GroupColumnEntry, LeafColumnEntry, SubColumnEntry } from './schema/column-schema.js';
import type { TableEntry } from './schema/table-schema.js';

export const DEFAULT_HEADER_SIMILARITY = 0.8;

export interface ColumnDef {
  /** Names the column in templates, status --json and values: campaign.yaml's key, else `name`. */
  key: string;
  type: FieldType;
  /**
   * How rules and templates name the column, as a clerk reads it in the header: the label
   * without its unit of measure (检查机关、单位内设部门数量), or 组·列 under a group (检查计算机数量·涉密).
   */
  name: string;
  /** How the column is named to a person, in full: 检查计算机数量(台)·涉密. */
  displayName: string;
  /** Accepted texts of the column's top header cell (the group's, for a grouped column). */
  headerTexts: string[];
  /** Accepted texts of the sub-header cell under a group (涉密 / 非涉密); absent when ungrouped. */
  subHeaderTexts?: string[];
  /** Unit of measure stripped from values like "12台"; for 金额 the unit values are kept in (万元 or 元). */
  unit?: string;
  /** 金额: the unit its values are kept in. */
  amountUnit?: AmountUnit;
  /** 小数, 百分比, 金额: places after the decimal point. */
  places?: number;
  /** 单选: the allowed values. */
  options?: string[];
  /** 必填: a blank cell is an error. */
  required: boolean;
  /** Bounds: numbers, or "YYYY-MM-DD" for a date column. */
  min?: number | string;
  max?: number | string;
  /** The district total of this column is the sum of the units' values. */
  summable: boolean;
  /** Least similarity for a retyped top header (campaign.yaml `similarity`, default 0.8). */
  similarity: number;
  /** The same for the sub-header under a group. */
  subSimilarity?: number;
}

export type TableKind = 'row' | 'list';

export interface TableDef {
  /** Names the table in templates, rules and status --json: campaign.yaml's key, else its name. */
  key: string;
  name: string;
  /** 附件2, or "". */
  attachmentLabel: string;
  /** row: one row per unit (统计表); list: zero or more rows per unit (明细表, 台账). */
  kind: TableKind;
  unitField: string;
  dateField: string;
  columns: ColumnDef[];
}

/** A column that only numbers the rows (序号): read where a list has it, never required, never summed. */
export function isSerialName(name: string): boolean {
  return /^(序号|编号|顺序号|no\.?|№)$/iu.test(compact(name));
}

/** The unit of measure a header ends with: 数量(个) → 个, 金额（万元） → 万元. */
export function unitInLabel(label: string): string | undefined {
  return compact(label).match(/\(([^()]{1,6})\)$/u)?.[1];
}

/** A label as rules and templates name it: without a trailing unit of measure. */
export function nameOfLabel(label: string): string {
  return compact(label).replace(/\([^()]{1,6}\)$/u, '') || compact(label);
}

/** A key any template path can hold, made from a name (signs Handlebars reads become "_"). */
export function keyOfName(name: string): string {
  return name.replace(/[\s.[\]{}()"'`!#%&*+,/;<=>@\\^|~]+/gu, '_');
}

const firstDefined = <T>(values: readonly (T | undefined)[]): T | undefined => values.find((value) => value !== undefined);

type ValueEntry = LeafColumnEntry | SubColumnEntry | GroupColumnEntry;

/** A sub-column's own settings win over its group's. */
function settingsOf(own: ValueEntry, group?: GroupColumnEntry) {
  const pick = <K extends keyof ValueEntry>(key: K): ValueEntry[K] | undefined => own[key] ?? group?.[key];
  const type: FieldType = pick('type') ?? 'count';
  const label = 'label' in own ? own.label : own.group;
  // The names the column goes by: its own, and its group's (培训人数 over 男 / 女).
  const names = group ? [nameOfLabel(group.group), compact(label)] : [nameOfLabel(label)];
  // A (单位) in the header, else the measure the name counts in (平均答复天数 → 天).
  const headerUnit = unitInLabel(group?.group ?? label) ?? firstDefined(names.map(unitInName));
  const unit = pick('unit') ?? headerUnit;
  const amountUnit: AmountUnit | undefined = type === 'amount' ? (unit === '万元' ? '万元' : '元') : undefined;
  const places = pick('places') ?? DEFAULT_PLACES[type];
  const min = pick('min') ?? (isNumeric(type) ? 0 : undefined);
  const max = pick('max');
  const options = type === 'choice' ? (pick('options') ?? [...DEFAULT_CHOICE_OPTIONS]) : undefined;
  return {
    type,
    ...(unit !== undefined && (type === 'count' || type === 'decimal') ? { unit } : {}),
    ...(amountUnit ? { amountUnit, unit: amountUnit } : {}),
    ...(places !== undefined && type !== 'count' && isNumeric(type) ? { places } : {}),
    ...(options ? { options } : {}),
    required: pick('required') ?? false,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    summable: pick('sum') ?? (summableByDefault(type, ...names) && !isSerialName(label)),
  };
}

/** A leaf column's key: written, or made from its name. */
export function leafKey(entry: LeafColumnEntry): string {
  return entry.key ?? keyOfName(nameOfLabel(entry.label));
}

/** A grouped column's key: written, or made from 组·列. */
export function subKey(group: GroupColumnEntry, sub: SubColumnEntry): string {
  return sub.key ?? keyOfName(`${nameOfLabel(group.group)}·${compact(sub.label)}`);
}

function leafColumn(entry: LeafColumnEntry): ColumnDef {
  const name = nameOfLabel(entry.label);
  return {
    key: leafKey(entry),
    name,
    displayName: entry.label,
    headerTexts: [entry.label, ...entry.aliases],
    ...settingsOf(entry),
    similarity: entry.similarity ?? DEFAULT_HEADER_SIMILARITY,
  };
}

function groupColumns(entry: GroupColumnEntry): ColumnDef[] {
  return entry.columns.map((sub) => {
    const name = `${nameOfLabel(entry.group)}·${compact(sub.label)}`;
    return {
      key: subKey(entry, sub),
      name,
      displayName: `${entry.group}·${sub.label}`,
      headerTexts: [entry.group, ...entry.aliases],
      subHeaderTexts: [sub.label, ...sub.aliases],
      ...settingsOf(sub, entry),
      similarity: entry.similarity ?? DEFAULT_HEADER_SIMILARITY,
      subSimilarity: sub.similarity ?? DEFAULT_HEADER_SIMILARITY,
    };
  });
}

export function flattenColumns(entries: readonly ColumnEntry[]): ColumnDef[] {
  return entries.flatMap((entry) => ('group' in entry ? groupColumns(entry) : [leafColumn(entry)]));
}

export function buildTable(entry: TableEntry): TableDef {
  return {
    key: entry.key ?? keyOfName(compact(entry.name)),
    name: entry.name,
    attachmentLabel: entry.attachmentLabel,
    kind: entry.kind,
    unitField: entry.unitField,
    dateField: entry.dateField,
    columns: flattenColumns(entry.columns),
  };
}
