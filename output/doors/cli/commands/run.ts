/** `huizong run`: take in new mail (a folder of .eml files, or the mailbox), then rebuild every output. */
import { resolveContext } from '../../../runner/context.js';
import type { StageEvent } from '../../../runner/stage-events.js';
import type { MailSource } from '../../../runner/stages/intake.js';
import type { Printer } from '../../printer.js';
import { runCycle } from '../../schedule/cycle.js';
import { folderLine, oversizeLines, pollLine, progressPrinter } from '../../schedule/cycle-lines.js';
import { requiredSource, warnAboutSettings } from '../../schedule/mail-source.js';
import { LOCK_WAIT_MS } from '../../store-lock.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { analysisProgress, printRebuilt } from '../print-rebuild.js';

export const runHelp = `用法：huizong run [--campaign 文件夹] [--mailbox-dir 文件夹] [--data 文件夹] [--out 文件夹]

收取新来信并存档，然后重新生成汇总表和公文（没有新来信、配置和模板也没有改动时不重写，见 huizong merge --help）。
  --mailbox-dir  从这个文件夹读取 .eml 邮件文件（不指定时读取 campaign.yaml 中配置的邮箱）
  --campaign     活动文件夹（默认：内置示例活动）
  --data         存档文件夹（默认：活动文件夹下的 data）
  --out          输出文件夹（默认：活动文件夹下的 out）`;

/** What the intake did, as soon as it is done (before the outputs are rebuilt). */
function printIntake(printer: Printer, source: MailSource, event: StageEvent): void {
  if (event.stage !== 'intake' || event.phase !== 'done') return;
  const intake = event.output;
  if (intake.kind === 'imap') {
    if (source.kind === 'imap') for (const line of oversizeLines(intake.report, source.settings.maxMessageBytes)) printer.err(line);
    printer.out(pollLine(intake.report, intake.report.openedAt));
    return;
  }
  printer.out(folderLine(intake.report));
  for (const failure of intake.report.failed) printer.err(`  无法读取 ${failure.file}：${failure.reason}`);
}

export async function runCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs('run', argv, { ...COMMON_OPTIONS, 'mailbox-dir': { type: 'string' } }, false);
  if (values.help) {
    printer.out(runHelp);
    return 0;
  }
  const context = await resolveContext(values);
  // No folder given: the mailbox of campaign.yaml (imapflow is loaded only then).
  const source = requiredSource(context, values['mailbox-dir']);
  if (source.kind === 'imap') warnAboutSettings(printer);
  const analysing = analysisProgress();
  const { run } = await runCycle({
    context,
    source,
    // A manual run waits for a scheduled cycle that holds the data folder.
    lock: { command: 'run', waitMs: LOCK_WAIT_MS },
    printer,
    notify: false,
    events: {
      onIntakeProgress: progressPrinter((line) => printer.err(line)),
      onStage: (event) => printIntake(printer, source, event),
      ...(analysing.onAnalysed ? { onAnalysed: analysing.onAnalysed } : {}),
    },
  });
  analysing.finish(run!.analysed);
  return printRebuilt(printer, context, run!);
}
