/** `huizong import FILE…`: store .eml files brought in by hand (saved from a mail client). */

import { storeFiles } from '../../../../intake/folder-source.js';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { acquireDataLock } from '../../../../intake/store/data-lock.js';
import { RawStore } from '../../../../intake/store/raw-store.js';
import { resolveContext } from '../../context.js';
import type { Console } from '../../lines.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';

export const importHelp = `用法：huizong import <邮件文件.eml>… [--campaign 文件夹] [--data 文件夹]

把从邮件客户端另存的 .eml 文件存入存档（不生成输出；之后运行 huizong merge）。
同一封邮件导入多次只存一份。`;

export async function importCommand(argv: readonly string[], console: Console): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', argv, COMMON_OPTIONS, true);
  if (values.help) {
    console.out(importHelp);
    return 0;
  }
  if (positionals.length === 0) throw new HuizongError('USAGE', 'huizong import 需要至少一个 .eml 文件', { details: [importHelp] });
  const context = await resolveContext(values);
  const lock = await acquireDataLock(context.dataDir, { command: 'import', waitMs: 120_000 });
  try {
    const report = await storeFiles(new RawStore(context.dataDir), positionals, 'import');
    console.out(
      `导入：${report.seen} 个文件，新存入 ${report.stored} 封，已存过 ${report.duplicates} 封${report.failed.length > 0 ? `，失败 ${report.failed.length} 个` : ''}`,
    );
    for (const failure of report.failed) console.err(`  无法读取 ${failure.file}：${failure.reason}`);
    console.out(`存档位置：${context.dataDir}`);
    if (report.stored > 0) console.out('运行 huizong merge 重新生成汇总表和公文。');
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await lock.release();
  }
}
