/** `huizong init DIR`: a new campaign folder, copied from the built-in default campaign. */
import { existsSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { bundledCampaignDir } from '../../../../intake/kernel/package-root.js';
import type { Printer } from '../../printer.js';
import { parseCommandArgs } from '../parse-options.js';

export const initHelp = `用法：huizong init <文件夹> [--force]

按内置的默认活动（伊滨办〔2013〕62号通知）新建一个活动文件夹，包含：
  campaign.yaml   活动配置（标题、文号、截止时间、统计表的列、校验规则、检查目录）
  roster.csv      单位名单（单位名称,别名,邮箱）
  decisions.yaml  秘书科的人工决定（认定单位、通报名单）
  templates/      公文模板
然后按本次活动修改这些文件，运行命令时加 --campaign <文件夹>。

选项：
  --force   文件夹中已有 campaign.yaml 时仍然覆盖`;

const SKIPPED = new Set(['data', 'out']);

export async function initCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'init',
    argv,
    { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } },
    true,
  );
  if (values.help) {
    printer.out(initHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new HuizongError('USAGE', 'huizong init 需要一个文件夹参数', { details: [initHelp] });
  const target = resolve(positionals[0]!);
  if (existsSync(join(target, 'campaign.yaml')) && !values.force) {
    throw new HuizongError('USAGE', `${target} 中已有 campaign.yaml，未做任何改动`, { details: ['如确需覆盖，请加 --force'] });
  }
  const source = bundledCampaignDir();
  for (const name of await readdir(source)) {
    if (SKIPPED.has(name)) continue;
    await cp(join(source, name), join(target, name), { recursive: true, force: true });
  }
  printer.out(`已新建活动文件夹：${target}`);
  printer.out('下一步：修改其中的 campaign.yaml（标题、文号、截止时间）和 roster.csv（单位名单），');
  printer.out(`然后运行：npx huizong run --campaign ${positionals[0]} --mailbox-dir <邮件文件夹>`);
  return 0;
}
