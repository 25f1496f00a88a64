/** `huizong import FILE…`: store .eml files brought in by hand (saved from a mail client). */

import { HuizongError } from '../../../../intake/kernel/errors.js';
import { intake } from '../../../runner/stages/intake.js';
import type { Printer } from '../../printer.js';
import { LOCK_WAIT_MS, withStoreLock } from '../../store-lock.js';
import { COMMON_OPTIONS, parseCommandArgs } from '../parse-options.js';
import { resolveTarget, WORKSPACE_OPTION } from '../workspace-target.js';

export const importHelp = `用法：huizong import <邮件文件.eml>… [--campaign 文件夹] [--data 文件夹]
      huizong import <邮件文件.eml>… --workspace 工作区

把从邮件客户端另存的 .eml 文件存入存档（不生成输出；之后运行 huizong merge）。
同一封邮件导入多次只存一份。`;

export async function importCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', argv, { ...COMMON_OPTIONS, ...WORKSPACE_OPTION }, true);
  if (values.help) {
    printer.out(importHelp);
    return 0;
  }
  if (positionals.length === 0) throw new HuizongError('USAGE', 'huizong import 需要至少一个 .eml 文件', { details: [importHelp] });
  const target = await resolveTarget(values);
  const storeDir = target.kind === 'campaign' ? target.context.storeDir : target.workspace.storeDir;
  const campaigns = target.kind === 'campaign' ? [target.context.campaign] : target.workspace.campaigns.map((place) => place.campaign);
  // The intake stage alone: nothing is analysed or written until `merge`.
  const taken = await withStoreLock(storeDir, { command: 'import', waitMs: LOCK_WAIT_MS, printer }, () =>
    intake({ storeDir, campaigns, source: { kind: 'files', files: positionals } }),
  );
  if (taken.kind === 'imap') throw new Error('import takes files only');
  const report = taken.report;
  printer.out(
    `导入：${report.seen} 个文件，新存入 ${report.stored} 封，已存过 ${report.duplicates} 封${report.failed.length > 0 ? `，失败 ${report.failed.length} 个` : ''}`,
  );
  for (const failure of report.failed) printer.err(`  无法读取 ${failure.file}：${failure.reason}`);
  printer.out(`存档位置：${storeDir}`);
  if (report.stored > 0) printer.out(`运行 huizong merge${target.kind === 'workspace' ? ' --workspace' : ''} 重新生成汇总表和公文。`);
  return report.failed.length > 0 ? 1 : 0;
}
