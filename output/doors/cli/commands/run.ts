/**
 * `huizong run`: take in new mail (a folder of .eml files, or the mailbox), then rebuild every
 * output. With --workspace: one poll per mailbox for every active campaign, then each rebuilt.
 */
import type { StageEvent } from '../../../runner/stage-events.js';
import type { MailSource } from '../../../runner/stages/intake.js';
import type { Printer } from '../../printer.js';
import { runCycle, runWorkspaceCycle } from '../../schedule/cycle.js';
import { folderLine, oversizeLines, pollLine, progressPrinter } from '../../schedule/cycle-lines.js';
import { maxMessageBytesOf, requiredSource, requiredWorkspaceSource, warnAboutSettings } from '../../schedule/mail-source.js';
import { LOCK_WAIT_MS } from '../../store-lock.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { analysisProgress, printRebuilt } from '../print-rebuild.js';
import { printWorkspaceRuns } from '../print-workspace.js';
import { refuseArchived, resolveTarget, WORKSPACE_OPTION } from '../workspace-target.js';

export const runHelp = `用法：huizong run [--campaign 文件夹] [--mailbox-dir 文件夹] [--data 文件夹] [--out 文件夹]
      huizong run --workspace 工作区 [--campaign 活动名称] [--mailbox-dir 文件夹]

收取新来信并存档，然后重新生成汇总表和公文（没有新来信、配置和模板也没有改动时不重写，见 huizong merge --help）。
  --mailbox-dir  从这个文件夹读取 .eml 邮件文件（不指定时读取 campaign.yaml 中配置的邮箱）
  --campaign     活动文件夹（默认：内置示例活动）；与 --workspace 同用时是工作区中的活动名称，只重新生成这一个
  --data         存档文件夹（默认：活动文件夹下的 data）
  --out          输出文件夹（默认：活动文件夹下的 out）
  --workspace    工作区：放着各个活动文件夹的文件夹。每个邮箱只收一次信，供所有进行中的活动使用，
                 每封来信归入它所属的活动，然后重新生成每个活动的汇总表和公文`;

/** What the intake did, as soon as it is done (before the outputs are rebuilt). */
function printIntake(printer: Printer, source: MailSource, event: StageEvent): void {
  if (event.stage !== 'intake' || event.phase !== 'done') return;
  const intake = event.output;
  if (intake.kind === 'imap') {
    const limit = maxMessageBytesOf(source);
    if (limit !== null) for (const line of oversizeLines(intake.report, limit)) printer.err(line);
    printer.out(pollLine(intake.report, intake.report.openedAt));
    return;
  }
  printer.out(folderLine(intake.report));
  for (const failure of intake.report.failed) printer.err(`  无法读取 ${failure.file}：${failure.reason}`);
}

export async function runCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs('run', argv, { ...COMMON_OPTIONS, ...WORKSPACE_OPTION, 'mailbox-dir': { type: 'string' } }, false);
  if (values.help) {
    printer.out(runHelp);
    return 0;
  }
  const target = await resolveTarget(values);
  if (target.kind === 'workspace' && target.named) refuseArchived(target.named, '收信和重新汇总');
  // No folder given: the configured mailbox (imapflow is loaded only then).
  const source =
    target.kind === 'campaign'
      ? requiredSource(target.context, values['mailbox-dir'])
      : requiredWorkspaceSource(target.workspace, values['mailbox-dir']);
  if (source.kind === 'imap' || source.kind === 'mailboxes') warnAboutSettings(printer);
  const analysing = analysisProgress();
  const request = {
    source,
    // A manual run waits for a scheduled cycle that holds the data folder.
    lock: { command: 'run', waitMs: LOCK_WAIT_MS },
    printer,
    notify: false,
    // Only statuses are printed: a merge that stands is read without its lists' rows.
    listRows: 'skip' as const,
    events: {
      onIntakeProgress: progressPrinter((line) => printer.err(line)),
      onStage: (event: StageEvent) => printIntake(printer, source, event),
      ...(analysing.onAnalysed ? { onAnalysed: analysing.onAnalysed } : {}),
    },
  };
  if (target.kind === 'workspace') {
    const named = target.named?.workspace?.name;
    const outcome = await runWorkspaceCycle({ ...request, workspace: target.workspace, ...(named ? { only: [named] } : {}) });
    analysing.finish(outcome.campaigns.reduce((sum, run) => sum + run.analysed, 0));
    return printWorkspaceRuns(printer, outcome, named !== undefined);
  }
  const { run } = await runCycle({ ...request, context: target.context });
  analysing.finish(run!.analysed);
  return printRebuilt(printer, target.context, run!);
}
