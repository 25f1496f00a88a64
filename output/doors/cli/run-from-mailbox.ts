/** `huizong run` without --mailbox-dir: one intake cycle from the configured mailbox, printed in full. */
import type { CommandContext } from '../context.js';
import type { Console } from '../lines.js';
import { mailboxSettingsFor, runIntakeCycle, warnAboutSettings } from '../schedule/intake-cycle.js';
import { oversizeLines, pollLine, progressPrinter } from './poll-summary.js';
import { printRebuilt } from './print-rebuild.js';

export async function runFromMailbox(context: CommandContext, console: Console, lockWaitMs: number): Promise<number> {
  const settings = mailboxSettingsFor(context);
  warnAboutSettings(console);
  const cycle = await runIntakeCycle({
    context,
    settings,
    console,
    lockCommand: 'run',
    lockWaitMs,
    onProgress: progressPrinter((line) => console.err(line)),
    onPolled: (report) => {
      for (const line of oversizeLines(report, settings.maxMessageBytes)) console.err(line);
      console.out(pollLine(report, report.openedAt));
    },
    onRebuilt: (rebuilt) => printRebuilt(console, context, rebuilt),
  });
  return cycle.exitCode;
}
