/** `run` and `merge` in the terminal: progress while analysing (on a TTY), then the campaign's state and the outputs. */

import { formatBeijing } from '../../../intake/kernel/time.js';
import type { CommandContext } from '../../runner/context.js';
import type { CampaignRun } from '../../runner/runner.js';
import type { Printer } from '../printer.js';
import { printCounts, printHeading, printStatusTable } from './print-summary.js';

/** "正在分析来信 20/300……" on one line of a terminal; nothing when standard error is not one. */
export function analysisProgress(): { onAnalysed?: (done: number, total: number) => void; finish(analysed: number): void } {
  if (!process.stderr.isTTY) return { finish: () => {} };
  return {
    onAnalysed: (done, total) => {
      if (done % 20 === 0 || done === total) process.stderr.write(`\r正在分析来信 ${done}/${total}……`);
    },
    finish: (analysed) => {
      if (analysed > 0) process.stderr.write('\n');
    },
  };
}

/** Prints a rebuild and returns its exit code (see CampaignRun.exitCode). */
export function printRebuilt(printer: Printer, context: Pick<CommandContext, 'campaign'>, run: CampaignRun): number {
  const written = run.written!;
  printer.out();
  printHeading(printer, context.campaign, run.result);
  printer.out();
  printStatusTable(printer, run.result);
  printer.out();
  printCounts(printer, run.result);
  if (run.unchanged) {
    const asOf = run.unchanged.asOf;
    printer.out(
      `存档的来信、活动配置、单位名单、decisions.yaml 和模板都与上次生成时相同：汇总表和公文已是最新，本次未重写${asOf ? `（其中的数据截至时间仍为 ${formatBeijing(asOf)}）` : ''}。如需重新生成，运行 huizong merge --force`,
    );
  }
  for (const note of written.notes) printer.out(note);
  printer.out(run.unchanged ? '输出文件（未改动）：' : '输出文件：');
  for (const file of written.files) printer.out(`  ${file}`);
  if (run.exitCode !== 0)
    printer.err(
      `错误：${written.failedDocuments} 份公文因模板缺失或有误未生成（汇总表已生成），详见上方说明；可运行 huizong check 检查模板`,
    );
  return run.exitCode;
}
