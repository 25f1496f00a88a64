/**
 * Merge results written by hand for the documents' unit tests: each unit from its status and
 * a few facts, the totals summed as merge does. Test support, not used by the program.
 */
import { type Campaign, primaryTable } from '../../intake/kernel/campaign/campaign.js';
import { error } from '../../intake/kernel/problems.js';
import type { MergeResult, UnitResult, UnitStatus } from '../../pipeline/merge/merge-result.js';
import { districtTotals, unsentTable } from '../../pipeline/merge/table-results.js';
import { analyzeReport } from '../../pipeline/report/analyze-report.js';

export interface UnitSketch {
  status: UnitStatus;
  late?: boolean;
  firstReceivedAt?: string;
  /** Count values; every count column defaults to 1 for a unit with a table. */
  values?: Record<string, number | string>;
  /** Report text; a unit with mail gets a short readable report by default. */
  report?: string | null;
}

export function unitResult(campaign: Campaign, unit: string, sketch: UnitSketch): UnitResult {
  const hasMail = sketch.status !== 'missing' && sketch.status !== 'pending';
  const hasTable = hasMail && !(sketch.status === 'incomplete' && sketch.values === undefined);
  const values = hasTable
    ? Object.fromEntries(
        primaryTable(campaign.tables).columns.map((column) => [
          column.key,
          sketch.values?.[column.key] ?? (column.type === 'count' ? 1 : ''),
        ]),
      )
    : null;
  // A value written '' is one that could not be read: null, as merge keeps it.
  const read = values ? Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value === '' ? null : value])) : null;
  const table = primaryTable(campaign.tables);
  const counted = hasTable && sketch.status !== 'invalid';
  const at = sketch.firstReceivedAt ?? (hasMail ? '2013-08-15T02:00:00.000Z' : null);
  const fullReport =
    '我单位对照检查目录，从制度建设、先审查后公开、计算机和网站管理、社会网站监管等方面开展自查，发现的问题已经整改。'.repeat(12);
  const reportText = sketch.report === undefined ? (hasMail ? fullReport : null) : sketch.report;
  return {
    unit,
    status: sketch.status,
    late: sketch.late ?? sketch.status === 'late',
    receivedAt: at,
    firstReceivedAt: at,
    values,
    countedInTotals: hasTable && sketch.status !== 'invalid',
    tableFile: hasTable ? `${unit}统计表.xlsx` : null,
    tableMessageId: hasTable ? 'a'.repeat(64) : null,
    report:
      reportText === null ? null : { messageId: 'b'.repeat(64), file: `${unit}报告.docx`, analysis: analyzeReport(reportText, campaign) },
    sender: hasMail ? `${unit}@example.gov.cn` : null,
    subject: hasMail ? '自查材料' : null,
    files: [],
    messageIds: hasMail ? ['c'.repeat(64)] : [],
    tables: {
      ...Object.fromEntries(campaign.tables.map((each) => [each.key, unsentTable(each)])),
      [table.key]: hasTable
        ? { ...unsentTable(table), file: `${unit}统计表.xlsx`, messageId: 'a'.repeat(64), receivedAt: at, values: read, counted }
        : unsentTable(table),
    },
    missing: [],
    problems:
      sketch.status === 'invalid'
        ? [
            error('value.invalid', '填写为「若干」，不是数字，应为非负整数', {
              unit,
              file: `${unit}统计表.xlsx`,
              location: 'D7',
              field: '检查计算机数量(台)·涉密',
            }),
          ]
        : [],
  };
}

export function mergeResult(
  campaign: Campaign,
  sketches: Record<string, UnitSketch>,
  asOf: string | null = '2013-08-20T02:00:00.000Z',
): MergeResult {
  const units = campaign.roster.map((entry) => unitResult(campaign, entry.name, sketches[entry.name] ?? { status: 'onTime' }));
  const totals = Object.fromEntries(campaign.countColumns.map((column) => [column.key, 0]));
  for (const unit of units)
    if (unit.countedInTotals) for (const column of campaign.countColumns) totals[column.key]! += Number(unit.values?.[column.key] ?? 0);
  return {
    asOf,
    deadline: campaign.file.deadline,
    units,
    totals,
    tables: districtTotals(campaign, units),
    totalsIncluded: units.filter((unit) => unit.countedInTotals).map((unit) => unit.unit),
    totalsExcluded: units.filter((unit) => unit.tableFile !== null && !unit.countedInTotals).map((unit) => unit.unit),
    unidentified: [],
    messages: [],
    problems: units.flatMap((unit) => unit.problems),
  };
}
