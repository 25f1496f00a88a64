/**
 * The campaign as the rest of the program sees it: the validated file, the roster, its tables
 * with their columns flattened in sheet order, its rules read, what each unit must send. Plain
 * data (it is cached as JSON), so pure functions can take it.
 */
import { createHash } from 'node:crypto';
import type { CampaignFile, ChecklistArea } from './campaign-schema.js';
import { type Material, resolveMaterials } from './materials.js';
import type { RosterUnit } from './roster.js';
import { readRules } from './rules/read-rules.js';
import type { Rule } from './rules/rule-ast.js';
import { buildTable, type ColumnDef, type TableDef } from './tables.js';

export type { Rule } from './rules/rule-ast.js';
export { type ColumnDef, DEFAULT_HEADER_SIMILARITY, type TableDef, type TableKind } from './tables.js';

export interface Campaign {
  /** Absolute path of the campaign folder. */
  dir: string;
  /** True for the demo campaign bundled with the program. */
  bundled: boolean;
  file: CampaignFile;
  /** Deadline as epoch milliseconds (the file's ISO text is in file.deadline). */
  deadlineMs: number;
  /** Every table units are asked to fill in, in the order of campaign.yaml. */
  tables: TableDef[];
  /**
   * The first 统计表's columns (or the first table's), and those of them that are counts: what the
   * code written for one table reads. New code reads `tables`.
   */
  columns: ColumnDef[];
  countColumns: ColumnDef[];
  rules: Rule[];
  /** What each unit must send (材料不全 names what is missing). */
  materials: Material[];
  checklist: ChecklistArea[];
  roster: RosterUnit[];
  /** Changes whenever anything extraction depends on changes; part of cache keys. */
  extractionFingerprint: string;
}

/** The table units fill in first: the first 统计表, or the first table when all are lists. */
export function primaryTable(tables: readonly TableDef[]): TableDef {
  return tables.find((table) => table.kind === 'row') ?? tables[0]!;
}

export function buildCampaign(dir: string, file: CampaignFile, roster: RosterUnit[], bundled: boolean): Campaign {
  const tables = file.tables.map(buildTable);
  const columns = primaryTable(tables).columns;
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        tables: file.tables,
        checklist: file.checklist,
        report: file.report,
        keywords: file.keywords,
        limits: file.limits,
        // A report's text is searched for the campaign's title and 文号 (pipeline/report/campaign-topic.ts).
        title: file.title,
        noticeTitle: file.noticeTitle,
        documentNumber: file.documentNumber,
      }),
    )
    .digest('hex')
    .slice(0, 16);
  return {
    dir,
    bundled,
    file,
    deadlineMs: Date.parse(file.deadline),
    tables,
    columns,
    countColumns: columns.filter((column) => column.type === 'count'),
    // Mistakes were refused when the file was read (campaign-schema.ts): only rules are left.
    rules: readRules(file.rules, tables).rules,
    materials: resolveMaterials(file.required, tables).materials,
    checklist: file.checklist,
    roster,
    extractionFingerprint: fingerprint,
  };
}
