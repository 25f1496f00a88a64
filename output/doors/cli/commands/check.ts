/**
 * `huizong check`: everything a clerk can get wrong in a campaign folder, found before a run —
 * campaign.yaml, the roster, decisions.yaml and every document template — each mistake with
 * its file and line (and column, for templates), in Chinese. Exit code 2 when there is any.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildCampaign } from '../../../../intake/kernel/campaign/campaign.js';
import type { CampaignFile } from '../../../../intake/kernel/campaign/campaign-schema.js';
import { loadDecisions, NO_DECISIONS } from '../../../../intake/kernel/campaign/decisions.js';
import { loadCampaignFile, loadRoster } from '../../../../intake/kernel/campaign/load-campaign.js';
import type { RosterUnit } from '../../../../intake/kernel/campaign/roster.js';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { bundledCampaignDir } from '../../../../intake/kernel/package-root.js';
import { decodeText } from '../../../../intake/kernel/text/decode-text.js';
import { checkTemplate } from '../../../documents/check-template.js';
import { decisionWarnings } from '../../../documents/decision-warnings.js';
import { DOCUMENT_KINDS, GENERIC_TEMPLATE_NOTE, genericTemplatePath, TEMPLATES_DIR, templatePath } from '../../../documents/documents.js';
import { tableNames } from '../../../documents/named-tables.js';
import { templateFields } from '../../../documents/template-fields.js';
import { checkMailTemplate } from '../../../mail/check-mail-templates.js';
import { loadMailTemplate, MAIL_TEMPLATES, type MailTemplateKind } from '../../../mail/mail-templates.js';
import { trialRender } from '../../../runner/template-trial.js';
import type { Printer } from '../../printer.js';
import { parseCommandArgs } from '../parse-options.js';

export const checkHelp = `用法：huizong check [--campaign 文件夹]

检查活动文件夹中的 campaign.yaml、单位名单、decisions.yaml 和 ${TEMPLATES_DIR}/ 中的公文模板
（${DOCUMENT_KINDS.map((kind) => kind.template).join('、')}），逐条列出错误：文件、第几行第几列、错在哪里。
campaign.yaml 中还会检查 watch 使用的收信时间表（schedule）。模板中会检查：不存在的数据字段、没有结束的 {{#if}}/{{#each}} 块、不认识的函数、不以标记开头的行。
没有错误时退出码为 0，有错误时为 2。不加 --campaign 时检查内置的示例活动。`;

/** Runs a loader; a configuration error becomes lines in `mistakes` instead of stopping the check. */
async function collect<T>(mistakes: string[], load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (!isHuizongError(error) || error.code !== 'CONFIG') throw error;
    mistakes.push(...(error.details.length > 0 ? error.details : [error.message]));
    return null;
  }
}

export async function checkCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values } = parseCommandArgs(
    'check',
    argv,
    { campaign: { type: 'string' }, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    false,
  );
  if (values.help) {
    printer.out(checkHelp);
    return 0;
  }
  const bundled = values.campaign === undefined;
  const dir = bundled ? bundledCampaignDir() : resolve(values.campaign!);
  const mistakes: string[] = [];

  const file: CampaignFile | null = await collect(mistakes, () => loadCampaignFile(dir));
  const roster: { units: RosterUnit[] } | null = await collect(mistakes, () => loadRoster(dir));
  const decisions = roster
    ? await collect(mistakes, () =>
        loadDecisions(
          dir,
          roster.units.map((unit) => unit.name),
        ),
      )
    : null;
  const campaign = file && roster ? buildCampaign(dir, file, roster.units, bundled) : null;
  // Only `watch` uses the schedule; checked here so the clerk hears of it before starting one.
  if (file) {
    const { scheduleMistake, validSchedule, SCHEDULE_EXAMPLES } = await import('../../schedule/watch-loop.js');
    if (!validSchedule(file.schedule)) mistakes.push(`${scheduleMistake(file.schedule)}，${SCHEDULE_EXAMPLES}`);
  }

  const checked: string[] = ['campaign.yaml', '单位名单', 'decisions.yaml'];
  for (const kind of DOCUMENT_KINDS) {
    const own = templatePath({ dir }, kind);
    // A folder without its own template uses the generic one: checked all the same.
    const path = existsSync(own) ? own : genericTemplatePath(kind);
    const where = path === own ? `${TEMPLATES_DIR}/${kind.template}` : `${kind.template}${GENERIC_TEMPLATE_NOTE}`;
    if (path === own) checked.push(where);
    const source = decodeText(await readFile(path)).text;
    // Without a valid campaign.yaml the table's column keys are unknown: they are not checked then.
    const issues = checkTemplate(source, templateFields(campaign), tableNames(campaign));
    mistakes.push(...issues.map((issue) => `${where} 第 ${issue.line} 行第 ${issue.column} 列：${issue.message}`));
    if (issues.length === 0 && campaign) mistakes.push(...(await trialRender(campaign, decisions ?? NO_DECISIONS, source, where)));
  }

  // Mail templates: a campaign folder without them uses the bundled ones (checked all the same).
  if (campaign) {
    for (const kind of Object.keys(MAIL_TEMPLATES) as MailTemplateKind[]) {
      const template = await loadMailTemplate(dir, kind);
      if (!template.bundled) checked.push(template.where);
      mistakes.push(...checkMailTemplate(campaign, kind, template.source, template.where));
    }
  }

  // Allowed but probably not meant: said, without failing the check.
  const hints = decisions ? decisionWarnings(decisions, null).map((warning) => `提示：decisions.yaml ${warning}`) : [];
  if (mistakes.length > 0) {
    printer.out(`检查 ${dir}：发现 ${mistakes.length} 处错误`);
    for (const line of [...mistakes, ...hints]) printer.out(`  ${line}`);
    return 2;
  }
  for (const line of hints) printer.out(line);
  printer.out(`检查 ${dir}：未发现错误（已检查 ${checked.join('、')}）`);
  return 0;
}
