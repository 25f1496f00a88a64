/**
 * What validating a found table gives (validate-table.ts): a 统计表's values with their cells, or
 * a list's rows; and what every validator shares (the campaign's year for dates written without
 * one, the definition of the table found).
 */
import type { Campaign, TableDef } from '../../intake/kernel/campaign/campaign.js';
import type { Problem } from '../../intake/kernel/problems.js';
import type { FoundTable } from '../extract/find-table.js';
import type { FieldOptions } from './fields/read-field.js';

export type TableValues = Record<string, number | string | null>;

/** One row of a list, read and checked. */
export interface ValidatedListRow {
  /** Where the row is in the unit's file: "第6行". */
  location: string;
  /** Values by column key: numbers, "YYYY-MM-DD" for dates, texts for choices and text; null where blank or unreadable. */
  values: TableValues;
  /** Each value's cell, by column key ("D7"). */
  cells: Record<string, string>;
  /** An error was found in this row (a value or a rule inside the row). */
  hasErrors: boolean;
}

export type ValidatedTable =
  | {
      kind: 'row';
      table: string;
      /** Values by column key; null where the cell was unreadable or missing. */
      values: TableValues;
      /** Each value's cell, by column key. */
      cells: Record<string, string>;
      /** Row the values came from, e.g. "第6行"; null when the table has no usable row. */
      row: string | null;
      problems: Problem[];
    }
  | { kind: 'list'; table: string; rows: ValidatedListRow[]; problems: Problem[] };

export interface TableContext {
  /** Attachment file name, for problem messages. */
  file: string;
}

export type ValidationCampaign = Pick<Campaign, 'rules' | 'tables' | 'deadlineMs'>;

/** The year a date written without one belongs to: the deadline's, in Beijing. */
export function campaignYear(campaign: Pick<Campaign, 'deadlineMs'>): number {
  return new Date(campaign.deadlineMs + 8 * 3_600_000).getUTCFullYear();
}

export function fieldOptions(campaign: Pick<Campaign, 'deadlineMs'>, table: TableDef): FieldOptions {
  return { year: campaignYear(campaign), blankCountIsZero: table.kind === 'row' };
}

/** The definition of the table found (the first table for facts written before tables had keys). */
export function definitionOf(found: FoundTable, campaign: Pick<Campaign, 'tables'>): TableDef {
  return campaign.tables.find((table) => table.key === found.table) ?? campaign.tables[0]!;
}
