/** `huizong merge`: rebuild every output from stored mail alone. */
import { acquireDataLock } from '../../../../intake/store/data-lock.js';
import { resolveContext } from '../../context.js';
import type { Console } from '../../lines.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { rebuildAndPrint } from '../print-rebuild.js';

export const mergeHelp = `用法：huizong merge [--campaign 文件夹] [--data 文件夹] [--out 文件夹] [--force]

不收信，只根据已存档的来信和 decisions.yaml 重新生成汇总表和公文。
修改了 decisions.yaml、单位名单或模板后运行。同样的存档得到同样的结果。
存档、配置、名单、decisions.yaml 和模板都没有变化、输出文件也未被改动时，不重写输出文件。
  --force         无论有无变化都重新生成（数据截至时间随之更新）
  --retry-failed  重新读取以前因“文件过于复杂”（超出内存或时间限制）而未读取的来信；
                  通常先在 campaign.yaml 的 limits: 中调高 analysisMemoryMB 或 analysisTimeoutSeconds`;

export async function mergeCommand(argv: readonly string[], console: Console): Promise<number> {
  const { values } = parseCommandArgs(
    'merge',
    argv,
    { ...COMMON_OPTIONS, force: { type: 'boolean' }, 'retry-failed': { type: 'boolean' } },
    false,
  );
  if (values.help) {
    console.out(mergeHelp);
    return 0;
  }
  const context = await resolveContext(values);
  const lock = await acquireDataLock(context.dataDir, {
    command: 'merge',
    waitMs: 120_000,
    onWait: (owner) => console.err(`另一个 huizong 进程（进程号 ${owner.pid}，${owner.command}）正在运行，等待其结束……`),
  });
  try {
    return await rebuildAndPrint(context, console, { force: values.force === true, retryFailed: values['retry-failed'] === true });
  } finally {
    await lock.release();
  }
}
