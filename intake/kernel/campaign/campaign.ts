/**
 * The campaign as the rest of the program sees it: the validated file, the roster, and the
 * table's columns flattened in sheet order. Plain data, so pure functions can take it.
 */
import { createHash } from 'node:crypto';
import type { CampaignFile, ChecklistArea, Rule } from './campaign-schema.js';
import type { RosterUnit } from './roster.js';

export interface ColumnDef {
  key: string;
  type: 'count' | 'text';
  /** How the column is named to a person: 检查计算机数量(台)·涉密. */
  displayName: string;
  /** Accepted texts of the column's top header cell (the group's, for a grouped column). */
  headerTexts: string[];
  /** Accepted texts of the sub-header cell under a group (涉密 / 非涉密); absent when ungrouped. */
  subHeaderTexts?: string[];
  /** Unit of measure, stripped from values like "12台". */
  unit?: string;
  /** Least similarity for a retyped top header (campaign.yaml `similarity`, default 0.8). */
  similarity: number;
  /** The same for the sub-header under a group. */
  subSimilarity?: number;
}

export const DEFAULT_HEADER_SIMILARITY = 0.8;

export interface Campaign {
  /** Absolute path of the campaign folder. */
  dir: string;
  /** True for the demo campaign bundled with the program. */
  bundled: boolean;
  file: CampaignFile;
  /** Deadline as epoch milliseconds (the file's ISO text is in file.deadline). */
  deadlineMs: number;
  columns: ColumnDef[];
  countColumns: ColumnDef[];
  rules: Rule[];
  checklist: ChecklistArea[];
  roster: RosterUnit[];
  /** Changes whenever anything extraction depends on changes; part of cache keys. */
  extractionFingerprint: string;
}

export function flattenColumns(file: CampaignFile): ColumnDef[] {
  const columns: ColumnDef[] = [];
  for (const entry of file.table.columns) {
    if ('group' in entry) {
      for (const sub of entry.columns) {
        columns.push({
          key: sub.key,
          type: 'count',
          displayName: `${entry.group}·${sub.label}`,
          headerTexts: [entry.group, ...entry.aliases],
          subHeaderTexts: [sub.label, ...sub.aliases],
          ...(entry.unit ? { unit: entry.unit } : {}),
          similarity: entry.similarity ?? DEFAULT_HEADER_SIMILARITY,
          subSimilarity: sub.similarity ?? DEFAULT_HEADER_SIMILARITY,
        });
      }
    } else {
      columns.push({
        key: entry.key,
        type: entry.type,
        displayName: entry.label,
        headerTexts: [entry.label, ...entry.aliases],
        ...(entry.unit ? { unit: entry.unit } : {}),
        similarity: entry.similarity ?? DEFAULT_HEADER_SIMILARITY,
      });
    }
  }
  return columns;
}

export function buildCampaign(dir: string, file: CampaignFile, roster: RosterUnit[], bundled: boolean): Campaign {
  const columns = flattenColumns(file);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({ table: file.table, checklist: file.checklist, report: file.report, keywords: file.keywords, limits: file.limits }),
    )
    .digest('hex')
    .slice(0, 16);
  return {
    dir,
    bundled,
    file,
    deadlineMs: Date.parse(file.deadline),
    columns,
    countColumns: columns.filter((column) => column.type === 'count'),
    rules: file.rules,
    checklist: file.checklist,
    roster,
    extractionFingerprint: fingerprint,
  };
}
