/** `huizong status`: every unit's status now, as a table or as one JSON document. */

import type { Campaign } from '../../../../intake/kernel/campaign/campaign.js';
import { describeProblem } from '../../../../intake/kernel/problems.js';
import { type MergeResult, UNIT_STATUS_LABEL, type UnitResult } from '../../../../pipeline/merge/merge-result.js';
import { runCampaignOf, runPipeline } from '../../../runner/runner.js';
import type { Printer } from '../../printer.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { printCounts, printHeading, printStatusTable } from '../print-summary.js';
import { overviewJson, printOverview } from '../print-workspace.js';
import { resolveTarget, WORKSPACE_OPTION } from '../workspace-target.js';

export const statusHelp = `用法：huizong status [--campaign 文件夹] [--data 文件夹] [--json]
      huizong status --workspace 工作区 [--campaign 活动名称] [--json]

显示每个单位的报送情况（根据已存档的来信，不收信、不写文件）。
  --workspace  工作区：不加 --campaign 时列出每个活动（名称、文号、截止时间、各种报送情况的单位数、待核实来信）
               和未归入任何活动的来信；加 --campaign 时显示这个活动的报送情况
  --debug      另外列出问题背后的技术细节（程序库的原始报错）
  --json       输出一个 JSON 文档，供其他程序使用`;

/**
 * Whether the campaign has what the first campaign's `values` and `remarks` cannot carry: several
 * tables, a list, a column that is neither 整数 nor 文字. Then each unit's `tables` and the
 * district `tables` are written too.
 */
export function needsTables(campaign: Pick<Campaign, 'tables'>): boolean {
  const [only, ...more] = campaign.tables;
  return more.length > 0 || only?.kind !== 'row' || only.columns.some((column) => column.type !== 'count' && column.type !== 'text');
}

function unitTables(unit: UnitResult) {
  return Object.fromEntries(
    Object.entries(unit.tables).map(([key, table]) => [
      key,
      {
        kind: table.kind,
        file: table.file,
        receivedAt: table.receivedAt,
        counted: table.counted,
        values: table.values,
        cells: table.cells,
        rows: table.rows.map((row) => ({ location: row.location, values: row.values, cells: row.cells, hasErrors: row.hasErrors })),
      },
    ]),
  );
}

function districtTables(campaign: Pick<Campaign, 'tables'>, result: MergeResult) {
  return Object.fromEntries(
    campaign.tables.map((table) => {
      const totals = result.tables[table.key]!;
      return [
        table.key,
        {
          name: table.name,
          kind: table.kind,
          totals: totals.totals,
          included: totals.included,
          excluded: totals.excluded,
          rows: totals.rows,
        },
      ];
    }),
  );
}

/** The JSON contract of `status --json` (other tools script against it). */
export function statusJson(result: MergeResult, campaign: Pick<Campaign, 'tables'>) {
  const withTables = needsTables(campaign);
  return {
    asOf: result.asOf,
    deadline: result.deadline,
    units: result.units.map((unit) => ({
      unit: unit.unit,
      status: UNIT_STATUS_LABEL[unit.status],
      statusKey: unit.status,
      late: unit.late,
      receivedAt: unit.receivedAt,
      firstReceivedAt: unit.firstReceivedAt,
      values:
        unit.values === null ? null : Object.fromEntries(Object.entries(unit.values).filter(([, value]) => typeof value === 'number')),
      remarks:
        unit.values === null ? null : Object.fromEntries(Object.entries(unit.values).filter(([, value]) => typeof value === 'string')),
      countedInTotals: unit.countedInTotals,
      tableFile: unit.tableFile,
      reportFile: unit.report?.file ?? null,
      report: unit.report ? { file: unit.report.file, ...unit.report.analysis } : null,
      messages: unit.messageIds.map((id) => id.slice(0, 12)),
      problems: unit.problems.map((item) => ({
        severity: item.severity,
        code: item.code,
        message: describeProblem(item),
        ...(item.file ? { file: item.file } : {}),
        ...(item.location ? { location: item.location } : {}),
        ...(item.field ? { field: item.field } : {}),
      })),
      ...(withTables ? { tables: unitTables(unit), missing: unit.missing } : {}),
    })),
    totals: result.totals,
    totalsExcluded: result.totalsExcluded,
    ...(withTables ? { tables: districtTables(campaign, result) } : {}),
    unidentified: result.unidentified.map((item) => ({
      message: item.shortId,
      receivedAt: item.receivedAt,
      from: item.from,
      subject: item.subject,
      files: item.files,
      claimedUnit: item.claimedUnit,
      candidates: item.candidates,
      reason: item.reason,
    })),
  };
}

export async function statusCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs('status', argv, { ...COMMON_OPTIONS, ...WORKSPACE_OPTION, json: { type: 'boolean' } }, false);
  if (values.help) {
    printer.out(statusHelp);
    return 0;
  }
  const target = await resolveTarget(values, { readOnly: true });
  if (target.kind === 'workspace' && !target.named) {
    const { workspaceOverview } = await import('../../../runner/workspace-overview.js');
    const overview = await workspaceOverview(target.workspace);
    if (values.json) printer.out(JSON.stringify(overviewJson(overview), null, 2));
    else printOverview(printer, overview);
    return 0;
  }
  // The last merge's result when nothing it was made from has changed; else merge now. The
  // table printed shows no list rows: they are read for --json only.
  const listRows = values.json ? ('read' as const) : ('skip' as const);
  const run =
    target.kind === 'campaign'
      ? (await runCampaignOf(target.context, { outputs: 'none', reuseMerge: true, listRows })).run!
      : (
          await runPipeline({
            store: target.workspace,
            campaigns: target.workspace.campaigns,
            only: [target.named!.workspace!.name],
            outputs: 'none',
            reuseMerge: true,
            listRows,
          })
        ).campaigns[0]!;
  const result = run.result;
  const context = run.place;
  if (values.json) {
    printer.out(JSON.stringify(statusJson(result, context.campaign), null, 2));
    return 0;
  }
  printHeading(printer, context.campaign, result);
  printer.out();
  printStatusTable(printer, result);
  printer.out();
  printCounts(printer, result);
  if (values.debug) printDetails(printer, result);
  return 0;
}

/** With --debug: the raw technical text behind problems (library exceptions), which the clerk's views never show. */
function printDetails(printer: Printer, result: MergeResult): void {
  const detailed = result.problems.filter((item) => item.detail);
  if (detailed.length === 0) return;
  printer.out();
  printer.out('技术细节（--debug）：');
  for (const item of detailed) printer.out(`  ${item.messageId ?? ''} ${item.file ?? ''} ${item.code}：${item.detail}`);
}
