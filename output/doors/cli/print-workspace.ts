/**
 * A workspace in the terminal: the campaigns with their states (`status --workspace`), what a
 * workspace run or merge did to each campaign, and the stored mail no campaign took — each
 * message by its number, so the clerk can assign it in the campaign it belongs to.
 */
import { shortId } from '../../../intake/kernel/problems.js';
import { formatBeijing } from '../../../intake/kernel/time.js';
import { UNIT_STATUS_LABEL, UNIT_STATUSES } from '../../../pipeline/merge/merge-result.js';
import type { MessageRoute } from '../../../pipeline/route/route-mail.js';
import type { CampaignRun, RunOutcome } from '../../runner/runner.js';
import type { CampaignSummary, WorkspaceOverview } from '../../runner/workspace-overview.js';
import type { Printer } from '../printer.js';
import { printRebuilt } from './print-rebuild.js';
import { printCounts } from './print-summary.js';
import { formatTable } from './terminal.js';

/** "还有 3 天 5 小时", "还有 40 分钟", "已过 2 天". Pure. */
export function timeLeft(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const span = days > 0 ? `${days} 天${hours > 0 ? ` ${hours} 小时` : ''}` : hours > 0 ? `${hours} 小时` : `${minutes % 60} 分钟`;
  return ms >= 0 ? `还有 ${span}` : `已过 ${span}`;
}

function stateOf(summary: CampaignSummary, now: Date): string {
  if (summary.archived)
    return `已归档${summary.archived.archivedAt ? `（${formatBeijing(summary.archived.archivedAt).slice(0, 10)}）` : ''}`;
  return timeLeft(summary.deadline, now);
}

export function printOverview(printer: Printer, overview: WorkspaceOverview, now: Date = new Date()): void {
  if (overview.campaigns.length === 0) {
    printer.out('工作区中还没有活动：用 huizong init <工作区>/<活动名称> 新建。');
    return;
  }
  const rows = overview.campaigns.map((summary) => [
    summary.name,
    `${summary.title}（${summary.documentNumber}）`,
    formatBeijing(summary.deadline),
    stateOf(summary, now),
    ...UNIT_STATUSES.map((status) => String(summary.counts[status])),
    String(summary.unidentified),
  ]);
  const header = ['活动', '名称（文号）', '截止时间', '剩余', ...UNIT_STATUSES.map((status) => UNIT_STATUS_LABEL[status]), '待核实来信'];
  for (const line of formatTable(header, rows)) printer.out(line);
  printUnrouted(printer, overview.unrouted);
}

export function printUnrouted(printer: Printer, unrouted: readonly MessageRoute[]): void {
  if (unrouted.length === 0) return;
  printer.out();
  printer.out(`未归入任何活动的来信 ${unrouted.length} 封（属于某个活动时，在该活动的 decisions.yaml 中认定单位即可）：`);
  for (const route of unrouted) {
    const at = route.receivedAt ? `${formatBeijing(route.receivedAt)}  ` : '';
    printer.out(`  ${shortId(route.id)}  ${at}${route.from || '（无发件人）'}  「${route.subject}」  ${route.basis}`);
  }
}

/** The JSON of `status --workspace --json`. */
export function overviewJson(overview: WorkspaceOverview) {
  return {
    campaigns: overview.campaigns.map((summary) => ({
      ...summary,
      archived: summary.archived !== null,
      archivedAt: summary.archived?.archivedAt ?? null,
    })),
    unrouted: overview.unrouted.map((route) => ({
      message: shortId(route.id),
      receivedAt: route.receivedAt ?? null,
      from: route.from,
      subject: route.subject,
      files: route.files,
      reason: route.basis,
    })),
  };
}

/** What a workspace run or merge did: each campaign in full when one was named, else in short. */
export function printWorkspaceRuns(printer: Printer, outcome: RunOutcome, named: boolean): number {
  if (named && outcome.campaigns.length === 1) {
    const code = printRebuilt(printer, outcome.campaigns[0]!.place, outcome.campaigns[0]!);
    printUnrouted(printer, outcome.routing?.unrouted ?? []);
    return code;
  }
  for (const run of outcome.campaigns) printShort(printer, run);
  printUnrouted(printer, outcome.routing?.unrouted ?? []);
  if (outcome.exitCode !== 0)
    printer.err('错误：有公文因模板缺失或有误未生成（汇总表已生成），详见上方说明；可运行 huizong check --workspace 检查模板');
  return outcome.exitCode;
}

function printShort(printer: Printer, run: CampaignRun): void {
  const { campaign } = run.place;
  printer.out();
  printer.out(`【${run.place.workspace?.name ?? campaign.dir}】${campaign.file.title}（${campaign.file.documentNumber}）`);
  printer.out(
    `截止时间 ${formatBeijing(campaign.file.deadline)}，数据截至 ${run.result.asOf ? formatBeijing(run.result.asOf) : '—（尚未收信）'}`,
  );
  printCounts(printer, run.result);
  if (run.unchanged) printer.out('汇总表和公文已是最新，本次未重写');
  for (const note of run.written?.notes ?? []) printer.out(note);
  if (run.written && !run.unchanged) for (const file of run.written.files) printer.out(`  ${file}`);
}
