/**
 * `huizong receipts [--send]` and `huizong remind [--send]`: without --send, print what would be
 * sent (nothing is sent or written); with it, send under the data lock, one line per attempt.
 */
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { type PlanView, planMail, type SendReport, sendMail } from '../../../mail/outbox.js';
import { KIND_LABEL } from '../../../mail/send-batch.js';
import type { CommandContext } from '../../../runner/context.js';
import { runCampaignOf, runPipeline } from '../../../runner/runner.js';
import type { WorkspaceContext } from '../../../runner/workspace-context.js';
import type { Printer } from '../../printer.js';
import { LOCK_WAIT_MS, withStoreLock } from '../../store-lock.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { campaignContext, refuseArchived, resolveTarget, type TargetOptions, WORKSPACE_OPTION } from '../workspace-target.js';

type Kind = PlanView['kind'];

export const receiptsHelp = `用法：huizong receipts [--send] [--campaign 文件夹] [--data 文件夹]
      huizong receipts [--send] --workspace 工作区 [--campaign 活动名称]

给报送了材料的单位发回执：收到的来信和附件、报送情况、读出的数据、每一条问题（文件、单元格、应填写的内容）、
需要重新报送什么、在什么时间之前。只发到单位名单中登记的邮箱；待核实、无关邮件和自动回复不发。
每一次报送只发一份回执（同一单位尚未回执的几封来信合为一份），再次运行不会重发。
不加 --send 时只显示将要发送的内容，不发送；加 --brief 只列出收件人和标题。
工作区中不加 --campaign 时依次处理每个进行中的活动，每封回执的标题都写明所属的活动。`;

export const remindHelp = `用法：huizong remind [--send] [--campaign 文件夹] [--data 文件夹]
      huizong remind [--send] --workspace 工作区 [--campaign 活动名称]

给未报送、材料不全、数据有误的单位发催报邮件，每一轮催报（campaign.yaml 中 notify.rounds，按截止时间计算）
每个单位只发一次，同一轮再次运行不会重发。只发到单位名单中登记的邮箱。
不加 --send 时只显示将要发送的内容，不发送；加 --brief 只列出收件人和标题。
工作区中每个活动按自己的截止时间催报；不加 --campaign 时依次处理每个进行中的活动。`;

function printPlan(printer: Printer, plan: PlanView, full: boolean): void {
  const label = KIND_LABEL[plan.kind];
  if (plan.round) printer.out(`本轮催报：${plan.round.label}`);
  for (const line of plan.templateIssues) printer.err(`模板错误：${line}`);
  if (plan.planned.length === 0 && plan.retries.length === 0) printer.out(`没有需要发送的${label}。`);
  else
    printer.out(
      `将要发送的${label}：${plan.planned.length} 封${plan.retries.length > 0 ? `，另有上次暂未发出、将重试的 ${plan.retries.length} 封` : ''}`,
    );
  for (const mail of plan.planned) {
    printer.out(`  ${mail.unit ?? ''} → ${mail.to.join('、')}：${mail.subject}`);
    if (full) {
      for (const line of mail.text.trimEnd().split('\n')) printer.out(`      ${line}`);
      printer.out();
    }
  }
  for (const entry of plan.retries) printer.out(`  （重试）${entry.unit ?? ''} → ${entry.to.join('、')}：${entry.subject}`);
  for (const item of plan.skipped) printer.out(`  不发：${item.unit ? `${item.unit}：` : ''}${item.reason}`);
  for (const entry of plan.needsClerk) {
    const last = entry.attempts.at(-1);
    printer.out(
      `  待秘书科处理：${entry.id} ${entry.unit ?? ''}「${entry.subject}」${last?.answer ? `（${last.answer}）` : '（发送中程序中断，可能已发送）'}，核实后运行 huizong outbox --confirm ${entry.id} 或 --resend ${entry.id}`,
    );
  }
}

export function printSendReport(printer: Printer, report: SendReport, kind: Kind): void {
  const label = KIND_LABEL[kind];
  printer.out(
    `${formatBeijing(new Date())} ${label}：发送 ${report.sent.length} 封${report.deferred ? `，暂未发出 ${report.deferred} 封` : ''}${report.rejected ? `，被拒收 ${report.rejected} 封` : ''}${report.unknown ? `，可能已发送 ${report.unknown} 封` : ''}${report.notTried ? `，本批未发 ${report.notTried} 封` : ''}`,
  );
  if (report.stoppedBy) printer.err(`本批停止：${report.stoppedBy}`);
  if (report.copies?.failure) printer.err(`已发送的邮件未能存入「已发送」文件夹：${report.copies.failure}（下次发信时重试）`);
}

/** The campaign's state now: the last merge when nothing changed, else merged again (nothing written). */
async function mergedState(context: CommandContext, workspace: WorkspaceContext | null) {
  if (workspace === null) {
    const { run } = await runCampaignOf(context, { outputs: 'none', reuseMerge: true });
    return { result: run!.result, decisions: run!.decisions };
  }
  const outcome = await runPipeline({
    store: workspace,
    campaigns: workspace.campaigns,
    only: [context.workspace!.name],
    outputs: 'none',
    reuseMerge: true,
  });
  return { result: outcome.campaigns[0]!.result, decisions: outcome.campaigns[0]!.decisions };
}

/** The campaigns a mail command works on: the lone one, the one named, or every active one of the workspace. */
async function campaignsOf(
  values: TargetOptions,
): Promise<{ contexts: CommandContext[]; workspace: WorkspaceContext | null; storeDir: string }> {
  const target = await resolveTarget(values);
  if (target.kind === 'campaign') return { contexts: [target.context], workspace: null, storeDir: target.context.storeDir };
  const { workspace, named } = target;
  const places = named ? [named] : workspace.campaigns.filter((place) => !place.workspace?.archived);
  return { contexts: places.map((place) => campaignContext(workspace, place)), workspace, storeDir: workspace.storeDir };
}

function heading(printer: Printer, context: CommandContext, several: boolean): void {
  if (several) printer.out(`\n【${context.workspace?.name ?? context.campaign.dir}】${context.campaign.file.title}`);
}

async function preview(
  kind: Kind,
  context: CommandContext,
  workspace: WorkspaceContext | null,
  printer: Printer,
  brief: boolean,
): Promise<number> {
  if (context.workspace?.archived) {
    printer.out(`活动已归档（只读），不再发${KIND_LABEL[kind]}。`);
    return 0;
  }
  const plan = await planMail(context, await mergedState(context, workspace), kind);
  printPlan(printer, plan, !brief);
  if (plan.planned.length + plan.retries.length > 0) printer.out(`以上只是预览，没有发送。加 --send 发送。`);
  return plan.templateIssues.length > 0 ? 2 : 0;
}

async function send(kind: Kind, context: CommandContext, workspace: WorkspaceContext | null, printer: Printer): Promise<number> {
  if (workspace) refuseArchived(context, `发${KIND_LABEL[kind]}`);
  const report = await sendMail(context, await mergedState(context, workspace), kind, {
    log: (line) => printer.out(`  ${line}`),
    onPlan: (plan) => {
      if (plan.round) printer.out(`本轮催报：${plan.round.label}`);
    },
  });
  for (const item of report.plan.skipped) printer.out(`  不发：${item.unit ? `${item.unit}：` : ''}${item.reason}`);
  for (const entry of report.plan.needsClerk)
    printer.out(
      `  待秘书科处理：${entry.id} ${entry.unit ?? ''}「${entry.subject}」，核实后运行 huizong outbox --confirm ${entry.id} 或 --resend ${entry.id}`,
    );
  printSendReport(printer, report, kind);
  return report.rejected > 0 || report.unknown > 0 ? 1 : 0;
}

async function mailCommand(kind: Kind, argv: readonly string[], printer: Printer): Promise<number> {
  const name = kind === 'receipt' ? 'receipts' : 'remind';
  const { values } = parseCommandArgs(
    name,
    argv,
    { ...COMMON_OPTIONS, ...WORKSPACE_OPTION, send: { type: 'boolean' }, brief: { type: 'boolean' } },
    false,
  );
  if (values.help) {
    printer.out(kind === 'receipt' ? receiptsHelp : remindHelp);
    return 0;
  }
  const { contexts, workspace, storeDir } = await campaignsOf(values);
  const several = contexts.length > 1 || (workspace !== null && values.campaign === undefined);
  let code = 0;
  if (!values.send) {
    for (const context of contexts) {
      heading(printer, context, several);
      code = Math.max(code, await preview(kind, context, workspace, printer, values.brief === true));
    }
    return code;
  }
  return withStoreLock(storeDir, { command: name, waitMs: LOCK_WAIT_MS, printer }, async () => {
    for (const context of contexts) {
      heading(printer, context, several);
      code = Math.max(code, await send(kind, context, workspace, printer));
    }
    return code;
  });
}

export const receiptsCommand = (argv: readonly string[], printer: Printer) => mailCommand('receipt', argv, printer);
export const remindCommand = (argv: readonly string[], printer: Printer) => mailCommand('reminder', argv, printer);
