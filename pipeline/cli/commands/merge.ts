/** `huizong merge`: rebuild every output from stored mail alone. */
import { writeOutputs } from '../../../output/write-outputs.js';
import { acquireDataLock } from '../../../intake/store/data-lock.js';
import { computeMergeState } from '../../rebuild.js';
import { resolveContext, type CommandContext } from '../context.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { printCounts, printHeading, printStatusTable } from '../print-summary.js';
import type { Console } from '../terminal.js';

export const mergeHelp = `用法：huizong merge [--campaign 文件夹] [--data 文件夹] [--out 文件夹]

不收信，只根据已存档的来信和 decisions.yaml 重新生成汇总表和公文。
修改了 decisions.yaml、单位名单或模板后运行。同样的存档得到同样的结果。`;

/**
 * Shared by run and merge: analyse, merge, write, print. The caller holds the data lock.
 * Returns the exit code: 2 when a document could not be made because its template is wrong
 * (a configuration error; everything else was still written), else 0.
 */
export async function rebuildOutputs(context: CommandContext, console: Console): Promise<number> {
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => {
        if (done % 20 === 0 || done === total) process.stderr.write(`\r正在分析来信 ${done}/${total}……`);
      }
    : undefined;
  const state = await computeMergeState(context, progress);
  if (progress && state.analysed > 0) process.stderr.write('\n');
  const written = await writeOutputs(context.outDir, context.campaign, state.result, state.decisions);
  console.out();
  printHeading(console, context.campaign, state.result);
  console.out();
  printStatusTable(console, state.result);
  console.out();
  printCounts(console, state.result);
  for (const note of written.notes) console.out(note);
  console.out('输出文件：');
  for (const file of written.files) console.out(`  ${file}`);
  if (written.failedDocuments === 0) return 0;
  console.err(`错误：${written.failedDocuments} 份公文因模板缺失或有误未生成（汇总表已生成），详见上方说明；可运行 huizong check 检查模板`);
  return 2;
}

export async function mergeCommand(argv: readonly string[], console: Console): Promise<number> {
  const { values } = parseCommandArgs('merge', argv, COMMON_OPTIONS, false);
  if (values.help) {
    console.out(mergeHelp);
    return 0;
  }
  const context = await resolveContext(values);
  const lock = await acquireDataLock(context.dataDir, { command: 'merge', waitMs: 120_000, onWait: (owner) => console.err(`另一个 huizong 进程（进程号 ${owner.pid}，${owner.command}）正在运行，等待其结束……`) });
  try {
    return await rebuildOutputs(context, console);
  } finally {
    await lock.release();
  }
}
