/**
 * `huizong check`: everything a clerk can get wrong in a campaign folder, found before a run —
 * campaign.yaml, the roster, decisions.yaml and every document template — each mistake with
 * its file and line (and column, for templates), in Chinese. Exit code 2 when there is any.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildCampaign } from '../../../../intake/kernel/campaign/campaign.js';
import type { CampaignFile } from '../../../../intake/kernel/campaign/campaign-schema.js';
import { loadDecisions, NO_DECISIONS } from '../../../../intake/kernel/campaign/decisions.js';
import { loadCampaignFile, loadRoster } from '../../../../intake/kernel/campaign/load-campaign.js';
import type { RosterUnit } from '../../../../intake/kernel/campaign/roster.js';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { bundledCampaignDir } from '../../../../intake/kernel/package-root.js';
import { decodeText } from '../../../../intake/kernel/text/decode-text.js';
import { RawStore } from '../../../../intake/store/raw-store.js';
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

export const checkHelp = `用法：huizong check [--campaign 文件夹] [--data 文件夹]
      huizong check --workspace 工作区 [--campaign 活动名称]

检查活动文件夹中的 campaign.yaml、单位名单、decisions.yaml 和 ${TEMPLATES_DIR}/ 中的公文模板
（${DOCUMENT_KINDS.map((kind) => kind.template).join('、')}），逐条列出错误：文件、第几行第几列、错在哪里。
campaign.yaml 中还会检查 watch 使用的收信时间表（schedule）。模板中会检查：不存在的数据字段、没有结束的 {{#if}}/{{#each}} 块、不认识的函数、不以标记开头的行。
decisions.yaml 中认定（assign）和无关（ignore）的来信编号与数据文件夹（--data，默认为活动文件夹中的 data/）中存档的来信核对。
没有错误时退出码为 0，有错误时为 2。不加 --campaign 时检查内置的示例活动。
加 --workspace 时检查工作区的 office.yaml（收信邮箱、发信服务器、收信时间表）和其中的每一个活动（或 --campaign 指定的一个），
来信编号与工作区的存档（<工作区>/data）核对。`;

/** The stored messages' ids, or null when there is no store to check against (a folder with no mail yet). */
async function storedIds(dataDir: string): Promise<string[] | null> {
  const store = new RawStore(dataDir);
  return existsSync(store.root) ? store.listIds() : null;
}

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
    {
      campaign: { type: 'string' },
      data: { type: 'string' },
      workspace: { type: 'string' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    printer.out(checkHelp);
    return 0;
  }
  if (values.workspace !== undefined) return checkWorkspace(values.workspace, values.campaign, printer);
  const bundled = values.campaign === undefined;
  const dir = bundled ? bundledCampaignDir() : resolve(values.campaign!);
  // The store of the campaign's data folder, as `run` and `serve` use it (the bundled demo's is ./data).
  const dataDir = values.data !== undefined ? resolve(values.data) : join(bundled ? process.cwd() : dir, 'data');
  return checkCampaign(dir, bundled, dataDir, printer);
}

/**
 * A workspace: the office's settings (office.yaml, its schedule), then every campaign folder (or
 * the one named) as above. Exit code 2 when anything is wrong anywhere.
 */
async function checkWorkspace(dir: string, name: string | undefined, printer: Printer): Promise<number> {
  const { openWorkspace, workspaceEntry } = await import('../../../../intake/kernel/workspace/workspace.js');
  const { OFFICE_FILE } = await import('../../../../intake/kernel/workspace/office-settings.js');
  const mistakes: string[] = [];
  const workspace = await collect(mistakes, () => openWorkspace(dir));
  if (workspace === null) {
    printer.out(`检查工作区 ${resolve(dir)}：发现 ${mistakes.length} 处错误`);
    for (const line of mistakes) printer.out(`  ${line}`);
    return 2;
  }
  const { scheduleMistake, validSchedule, SCHEDULE_EXAMPLES } = await import('../../schedule/watch-loop.js');
  if (!validSchedule(workspace.office.schedule))
    mistakes.push(`${OFFICE_FILE}：${scheduleMistake(workspace.office.schedule)}，${SCHEDULE_EXAMPLES}`);
  if (mistakes.length > 0) {
    printer.out(`检查 ${workspace.officeFile}：发现 ${mistakes.length} 处错误`);
    for (const line of mistakes) printer.out(`  ${line}`);
  } else
    printer.out(
      `检查工作区 ${workspace.dir}：${workspace.officeFile ? `${OFFICE_FILE} 未发现错误` : `没有 ${OFFICE_FILE}（收信邮箱可用环境变量或各活动的 campaign.yaml 配置）`}`,
    );
  const entries = name === undefined ? workspace.campaigns : [workspaceEntry(workspace, name)];
  if (entries.length === 0) printer.out(`工作区中还没有活动：用 huizong init ${workspace.dir}/<活动名称> 新建`);
  let code = mistakes.length > 0 ? 2 : 0;
  for (const entry of entries) {
    printer.out();
    printer.out(`【${entry.name}】${entry.archived ? '（已归档）' : ''}`);
    code = Math.max(code, await checkCampaign(entry.dir, false, workspace.storeDir, printer));
  }
  return code;
}

/** Every mistake of one campaign folder, printed; 2 when there is any. */
async function checkCampaign(dir: string, bundled: boolean, dataDir: string, printer: Printer): Promise<number> {
  const mistakes: string[] = [];
  const ids = await storedIds(dataDir);

  const file: CampaignFile | null = await collect(mistakes, () => loadCampaignFile(dir));
  const roster: { units: RosterUnit[] } | null = await collect(mistakes, () => loadRoster(dir));
  const decisions = roster
    ? await collect(mistakes, () =>
        loadDecisions(
          dir,
          roster.units.map((unit) => unit.name),
          ids ? { storedIds: ids } : {},
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
  if (ids === null && decisions && decisions.assign.length + decisions.ignore.length > 0)
    hints.push(`提示：${dataDir} 中没有存档的来信，未核对 decisions.yaml 中的来信编号（数据文件夹在别处时用 --data 指定）`);
  if (mistakes.length > 0) {
    printer.out(`检查 ${dir}：发现 ${mistakes.length} 处错误`);
    for (const line of [...mistakes, ...hints]) printer.out(`  ${line}`);
    return 2;
  }
  for (const line of hints) printer.out(line);
  printer.out(`检查 ${dir}：未发现错误（已检查 ${checked.join('、')}）`);
  return 0;
}
