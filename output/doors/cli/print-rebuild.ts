/** `run` and `merge` in the terminal: rebuild every output with progress on a TTY, then print the campaign's state. */
import type { CommandContext } from '../context.js';
import type { Console } from '../lines.js';
import { type MergeStateOptions, type Rebuilt, rebuildOutputs } from '../rebuild-outputs.js';
import { printCounts, printHeading, printStatusTable } from './print-summary.js';

/** Rebuilds (the caller holds the data lock), prints, and returns the exit code (see `Rebuilt.exitCode`). */
export async function rebuildAndPrint(context: CommandContext, console: Console, options: MergeStateOptions = {}): Promise<number> {
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => {
        if (done % 20 === 0 || done === total) process.stderr.write(`\r正在分析来信 ${done}/${total}……`);
      }
    : undefined;
  const rebuilt = await rebuildOutputs(context, progress, options);
  if (progress && rebuilt.state.analysed > 0) process.stderr.write('\n');
  return printRebuilt(console, context, rebuilt);
}

export function printRebuilt(console: Console, context: CommandContext, rebuilt: Rebuilt): number {
  const { state, written } = rebuilt;
  console.out();
  printHeading(console, context.campaign, state.result);
  console.out();
  printStatusTable(console, state.result);
  console.out();
  printCounts(console, state.result);
  for (const note of written.notes) console.out(note);
  console.out('输出文件：');
  for (const file of written.files) console.out(`  ${file}`);
  if (rebuilt.exitCode !== 0)
    console.err(
      `错误：${written.failedDocuments} 份公文因模板缺失或有误未生成（汇总表已生成），详见上方说明；可运行 huizong check 检查模板`,
    );
  return rebuilt.exitCode;
}
