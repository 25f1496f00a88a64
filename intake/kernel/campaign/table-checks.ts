/**
 * What zod's shapes alone cannot say about the tables of campaign.yaml: names and keys that must
 * be unique, and settings that only make sense for some types (options for 单选, places for
 * numbers, 万元 or 元 for 金额, bounds of the column's own kind). Each mistake names its place.
 */
import { AMOUNT_UNITS, FIELD_TYPE_LABEL, isNumeric } from './field-types.js';
import type { ColumnEntry } from './schema/column-schema.js';
import type { TableEntry } from './schema/table-schema.js';
import { flattenColumns } from './tables.js';

export interface TableIssue {
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

function columnIssues(entry: ColumnEntry, path: Path): TableIssue[] {
  const issues: TableIssue[] = [];
  const group = 'group' in entry ? entry : undefined;
  const leaves = group ? group.columns.map((sub, j) => ({ own: sub, at: [...path, 'columns', j] })) : [{ own: entry, at: path }];
  for (const { own, at } of leaves) {
    const type = own.type ?? group?.type ?? 'count';
    const value = <K extends 'options' | 'places' | 'unit' | 'min' | 'max'>(key: K) => own[key] ?? group?.[key];
    const label = FIELD_TYPE_LABEL[type];
    if (value('options') !== undefined && type !== 'choice')
      issues.push({ path: [...at, 'options'], message: `只有单选列（type: 单选）才写 options，这一列是${label}` });
    if (value('places') !== undefined && (!isNumeric(type) || type === 'count'))
      issues.push({ path: [...at, 'places'], message: `只有小数、百分比、金额列才写 places，这一列是${label}` });
    const unit = value('unit');
    if (type === 'amount' && unit !== undefined && !(AMOUNT_UNITS as readonly string[]).includes(unit))
      issues.push({ path: [...at, 'unit'], message: `金额列的 unit 应为 ${AMOUNT_UNITS.join(' 或 ')}，写的是「${unit}」` });
    for (const side of ['min', 'max'] as const) {
      const bound = value(side);
      if (bound === undefined) continue;
      if (type === 'date' ? typeof bound !== 'string' : typeof bound !== 'number')
        issues.push({ path: [...at, side], message: type === 'date' ? '日期列的范围写日期，例如 "2026-01-01"' : `${label}列的范围写数字` });
      if (type === 'text' || type === 'choice') issues.push({ path: [...at, side], message: `${label}列没有范围，去掉 ${side}` });
    }
    const [min, max] = [value('min'), value('max')];
    if (min !== undefined && max !== undefined && typeof min === typeof max && min > max)
      issues.push({ path: [...at, 'min'], message: `范围的下限 ${min} 大于上限 ${max}` });
  }
  return issues;
}

function tableIssues(table: TableEntry, at: Path): TableIssue[] {
  const issues: TableIssue[] = [];
  table.columns.forEach((entry, index) => {
    issues.push(...columnIssues(entry, [...at, 'columns', index]));
  });
  const seen = new Map<string, string>();
  for (const column of flattenColumns(table.columns)) {
    const other = seen.get(column.key);
    if (other !== undefined)
      issues.push({
        path: [...at, 'columns'],
        message: `「${column.displayName}」与「${other}」的键名都是「${column.key}」，同一张表中每一列的键名必须不同（写 key: 区分）`,
      });
    seen.set(column.key, column.displayName);
  }
  return issues;
}

export function checkTables(tables: readonly TableEntry[], at: (index: number) => Path): TableIssue[] {
  const issues: TableIssue[] = [];
  const names = new Set<string>();
  const keys = new Set<string>();
  tables.forEach((table, index) => {
    issues.push(...tableIssues(table, at(index)));
    if (names.has(table.name)) issues.push({ path: [...at(index), 'name'], message: `表格名称「${table.name}」重复` });
    names.add(table.name);
    const key = table.key ?? table.name;
    if (keys.has(key)) issues.push({ path: [...at(index), 'key'], message: `表格的键名「${key}」重复` });
    keys.add(key);
  });
  return issues;
}
