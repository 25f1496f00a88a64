/** `huizong run`: take in new mail, then rebuild every output. */
import { resolve } from 'node:path';
import { SeenFiles } from '../../../../intake/folder-seen.js';
import { type IntakeReport, listEmlFiles, storeFiles } from '../../../../intake/folder-source.js';
import { acquireDataLock } from '../../../../intake/store/data-lock.js';
import { RawStore } from '../../../../intake/store/raw-store.js';
import { AnalysisAhead } from '../../../../pipeline/analyze/load-stored.js';
import { resolveContext } from '../../context.js';
import type { Console } from '../../lines.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { rebuildAndPrint } from '../print-rebuild.js';

export const runHelp = `用法：huizong run [--campaign 文件夹] [--mailbox-dir 文件夹] [--data 文件夹] [--out 文件夹]

收取新来信并存档，然后重新生成汇总表和公文（没有新来信、配置和模板也没有改动时不重写，见 huizong merge --help）。
  --mailbox-dir  从这个文件夹读取 .eml 邮件文件（不指定时读取 campaign.yaml 中配置的邮箱）
  --campaign     活动文件夹（默认：内置示例活动）
  --data         存档文件夹（默认：活动文件夹下的 data）
  --out          输出文件夹（默认：活动文件夹下的 out）`;

/** How long a manual run waits for a scheduled cycle that holds the data folder. */
const WAIT_FOR_OTHER_MS = 120_000;

export async function runCommand(argv: readonly string[], console: Console): Promise<number> {
  const { values } = parseCommandArgs('run', argv, { ...COMMON_OPTIONS, 'mailbox-dir': { type: 'string' } }, false);
  if (values.help) {
    console.out(runHelp);
    return 0;
  }
  const context = await resolveContext(values);
  const mailboxDir = values['mailbox-dir'];
  // No folder given: poll the mailbox of campaign.yaml (imapflow is loaded only then).
  if (mailboxDir === undefined) return (await import('../run-from-mailbox.js')).runFromMailbox(context, console, WAIT_FOR_OTHER_MS);
  const lock = await acquireDataLock(context.dataDir, {
    command: 'run',
    waitMs: WAIT_FOR_OTHER_MS,
    onWait: (owner) => console.err(`另一个 huizong 进程（进程号 ${owner.pid}，${owner.command}）正在运行，等待其结束……`),
  });
  // A large first intake is analysed while it is being stored (load-stored.ts).
  const store = new RawStore(context.dataDir);
  const ahead = new AnalysisAhead(store, context.dataDir, context.campaign);
  try {
    const files = await listEmlFiles(resolve(mailboxDir));
    const intake: IntakeReport = await storeFiles(store, files, 'folder', {
      seen: await SeenFiles.open(context.dataDir),
      onStored: (id) => ahead.offer(id),
    });
    console.out(
      `收信：读取 ${intake.seen} 封，新存入 ${intake.stored} 封，已存过 ${intake.duplicates} 封${intake.failed.length > 0 ? `，读取失败 ${intake.failed.length} 封` : ''}`,
    );
    for (const failure of intake.failed) console.err(`  无法读取 ${failure.file}：${failure.reason}`);
    return await rebuildAndPrint(context, console, { ahead });
  } finally {
    await ahead.close();
    await lock.release();
  }
}
