/**
 * `huizong init DIR`: a new campaign folder, copied from the built-in default campaign; or, with
 * `--from <通知> <附件表格>…`, derived from the office's own notice and table templates
 * (pipeline/setup): what was found and what is unsure are printed, the folder is written so that
 * `huizong check` passes on it.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { HuizongError } from '../../../../intake/kernel/errors.js';
import { bundledCampaignDir } from '../../../../intake/kernel/package-root.js';
import { formatBeijing } from '../../../../intake/kernel/time.js';
import type { OfficeSettings } from '../../../../intake/kernel/workspace/office-settings.js';
import { writeCampaignFolder } from '../../../../pipeline/setup/campaign-folder.js';
import { deriveCampaign } from '../../../../pipeline/setup/derive-campaign.js';
import { readSetupFiles, type SetupFile } from '../../../../pipeline/setup/read-setup-files.js';
import { readRosterSource } from '../../../../pipeline/setup/roster-source.js';
import { setupReport } from '../../../../pipeline/setup/setup-report.js';
import type { Printer } from '../../printer.js';
import { parseCommandArgs } from '../parse-options.js';

export const initHelp = `用法：huizong init <文件夹> [--force]
      huizong init <文件夹> --from <通知> <附件表格>… [--roster <名单.xlsx 或以前的活动文件夹>] [--force]

不加 --from：按内置的默认活动（伊滨办〔2013〕62号通知）新建一个活动文件夹，包含：
  campaign.yaml   活动配置（标题、文号、截止时间、统计表的列、校验规则、检查目录）
  roster.csv      单位名单（单位名称,别名,邮箱）
  decisions.yaml  秘书科的人工决定（认定单位、通报名单）
  templates/      公文模板
然后按本次活动修改这些文件，运行命令时加 --campaign <文件夹>。
在工作区中新建（huizong init <工作区>/<活动名称>）时，运行命令用 --workspace <工作区>；
工作区的 office.yaml 中写了收信邮箱时，通知中的报送邮箱不写入 campaign.yaml（用工作区的邮箱）。

加 --from：按秘书科自己的通知和附件表格新建活动，不用手写 campaign.yaml：
  通知（.docx .doc .wps .pdf .txt）中读出标题、文号、发文机关、成文日期、截止时间、主送、报送邮箱、
  附件列表、检查目录和要求报送的材料；附件表格（.xlsx .xls .et .docx .doc）中读出表头（含合并的分组表头）、
  填报单位和填报日期栏、每个单位一行还是若干行，以及每一栏的类型（单元格格式、数据验证、公式、表头中的单位）。
  第一个文件是通知，其后是附件表格；通知中印出的附件表格也会读取。打印读出的内容和需要确认的地方，
  并在 campaign.yaml 每一项的行尾注明从哪里读出、是否需要确认。

选项：
  --from <通知>   通知文件，其后跟附件表格文件
  --roster <路径> 单位名单：Excel 或 CSV 文件（单位名称、别名、邮箱三栏，顺序不限，可有标题行），
                  或以前的活动文件夹（使用其中的单位名单）
  --force         文件夹中已有 campaign.yaml 时仍然覆盖`;

const SKIPPED = new Set(['data', 'out']);

type Around = Awaited<ReturnType<typeof workspaceAround>>;

async function copyBundled(target: string, printer: Printer, given: string, workspace: Around): Promise<void> {
  const source = bundledCampaignDir();
  for (const name of await readdir(source)) {
    if (SKIPPED.has(name)) continue;
    await cp(join(source, name), join(target, name), { recursive: true, force: true });
  }
  printer.out(`已新建活动文件夹：${target}`);
  printer.out('下一步：修改其中的 campaign.yaml（标题、文号、截止时间）和 roster.csv（单位名单），');
  if (workspace) printer.out(`然后运行：npx huizong run --workspace ${workspace.given}（工作区 ${workspace.dir} 的所有活动共用一个邮箱）`);
  else printer.out(`然后运行：npx huizong run --campaign ${given} --mailbox-dir <邮件文件夹>`);
}

/**
 * The workspace a new campaign folder is made in: its parent, when that holds office.yaml or other
 * campaign folders (a folder of campaign folders is a workspace as it is). Asked before the folder
 * is written: a first campaign in a folder of nothing else is a lone campaign.
 */
async function workspaceAround(target: string): Promise<{ dir: string; given: string; office: OfficeSettings } | null> {
  const dir = dirname(target);
  const { isWorkspace } = await import('../../../../intake/kernel/workspace/workspace.js');
  if (!(await isWorkspace(dir))) return null;
  const { loadOfficeSettings } = await import('../../../../intake/kernel/workspace/office-settings.js');
  return { dir, given: relative(process.cwd(), dir) || '.', office: (await loadOfficeSettings(dir)).settings };
}

/**
 * In a workspace whose office.yaml names the mailbox, the notice's address is not the campaign's
 * own mailbox: the mailbox: read from the notice comes out of campaign.yaml (the office's applies),
 * so the workspace keeps one poll of its one mailbox. Returns what to tell the clerk.
 */
async function useOfficeMailbox(target: string, office: OfficeSettings): Promise<string | null> {
  if (!office.mailbox.host && !office.mailbox.user) return null;
  const path = join(target, 'campaign.yaml');
  const text = await readFile(path, 'utf8');
  const { applyCampaignEdits } = await import('../../../../intake/kernel/campaign/campaign-yaml-edit.js');
  const { parseCampaignText } = await import('../../../../intake/kernel/campaign/load-campaign.js');
  const written = parseCampaignText(text).mailbox;
  if (!written.host && !written.user) return null;
  await writeFile(path, applyCampaignEdits(text, [{ kind: 'delete', path: ['mailbox'] }]));
  return `本活动使用工作区 office.yaml 中的收信邮箱（${office.mailbox.user ?? office.mailbox.host}）；通知中写的报送邮箱是 ${written.user ?? written.host}，未写入 campaign.yaml`;
}

async function readGiven(paths: readonly string[]): Promise<SetupFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      if (!existsSync(path)) throw new HuizongError('USAGE', `找不到文件 ${path}`, { details: ['请检查文件名和所在的文件夹'] });
      return { name: basename(path), content: await readFile(path) };
    }),
  );
}

async function initFrom(
  target: string,
  given: string,
  paths: readonly string[],
  roster: string | undefined,
  printer: Printer,
  workspace: Around,
): Promise<number> {
  const files = await readGiven(paths);
  const rosterRead = roster ? await readRosterSource(resolve(roster)) : null;
  if (rosterRead && rosterRead.issues.length > 0)
    throw new HuizongError('USAGE', `单位名单 ${rosterRead.from} 有 ${rosterRead.issues.length} 处错误，未做任何改动`, {
      details: rosterRead.issues.map((issue) => issue.message),
    });
  const [notice, ...templates] = await readSetupFiles(files);
  // A first file that is a table, not a document: there is no notice, every file is a template.
  const noticeFile = notice?.kind === 'sheet' ? null : (notice ?? null);
  const draft = deriveCampaign({
    notice: noticeFile,
    templates: noticeFile ? templates : [notice!, ...templates],
    roster: rosterRead ? { units: rosterRead.units, from: rosterRead.from } : null,
    today: formatBeijing(new Date()).slice(0, 10),
  });
  const report = setupReport(draft);
  if (draft.tables.length === 0)
    throw new HuizongError('USAGE', '没有读出任何表格，未新建活动文件夹', {
      details: [...draft.doubts, '用法：huizong init <文件夹> --from <通知> <附件表格>…'],
    });
  const written = await writeCampaignFolder(target, draft, files);
  printer.out(`已新建活动文件夹：${target}（${written.files.join('、')}）`);
  printer.out('');
  printer.out('读出的内容：');
  for (const line of report.found) printer.out(`  ${line}`);
  printer.out('');
  if (report.unsure.length > 0) {
    printer.out(`需要确认（${report.unsure.length} 处，均已在 campaign.yaml 的行尾注明）：`);
    report.unsure.forEach((line, index) => {
      printer.out(`  ${index + 1}. ${line}`);
    });
  } else printer.out('没有需要确认的地方。');
  if (written.mistakes.length > 0) {
    printer.err('错误：写出的 campaign.yaml 没有通过检查（请把通知和表格文件发给维护人员）：');
    for (const line of written.mistakes) printer.err(`  ${line}`);
    return 2;
  }
  const mailboxNote = workspace ? await useOfficeMailbox(target, workspace.office) : null;
  if (mailboxNote) printer.out(mailboxNote);
  printer.out('');
  printer.out(`下一步：核对上面需要确认的地方（在 ${join(given, 'campaign.yaml')} 中修改），填好 roster.csv，然后运行`);
  if (workspace) {
    printer.out(`  npx huizong check --workspace ${workspace.given} --campaign ${basename(target)}`);
    printer.out(`  npx huizong run --workspace ${workspace.given}`);
    return 0;
  }
  printer.out(`  npx huizong check --campaign ${given}`);
  printer.out(`  npx huizong run --campaign ${given}`);
  return 0;
}

export async function initCommand(argv: readonly string[], printer: Printer): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'init',
    argv,
    {
      force: { type: 'boolean' },
      from: { type: 'string' },
      roster: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      debug: { type: 'boolean' },
    },
    true,
  );
  if (values.help) {
    printer.out(initHelp);
    return 0;
  }
  const [given, ...templates] = positionals;
  if (given === undefined) throw new HuizongError('USAGE', 'huizong init 需要一个文件夹参数', { details: [initHelp] });
  if (values.from === undefined && (templates.length > 0 || values.roster !== undefined))
    throw new HuizongError('USAGE', `多余的参数 ${templates[0] ?? '--roster'}：附件表格和名单要跟在 --from <通知> 之后`, {
      details: [initHelp],
    });
  const target = resolve(given);
  if (existsSync(join(target, 'campaign.yaml')) && !values.force) {
    throw new HuizongError('USAGE', `${target} 中已有 campaign.yaml，未做任何改动`, { details: ['如确需覆盖，请加 --force'] });
  }
  const workspace = await workspaceAround(target);
  if (values.from === undefined) {
    await copyBundled(target, printer, given, workspace);
    return 0;
  }
  return initFrom(target, given, [values.from, ...templates], values.roster, printer, workspace);
}
