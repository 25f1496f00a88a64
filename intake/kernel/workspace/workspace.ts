/**
 * A workspace: one folder holding the office's campaigns, active and archived, each a campaign
 * folder of its own (campaign.yaml, roster, decisions.yaml, templates/, its own data/ for caches,
 * journals and outbox, its own out/), the office's settings (office.yaml, optional), and one store
 * of raw mail for all of them (<workspace>/data: raw mail, IMAP cursors, state.json, the
 * folder-seen cache, the data lock). A folder holding campaign folders is a workspace as it is.
 *
 * A campaign is known by its folder's name (the `--campaign <name>` of the command line).
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { HuizongError } from '../errors.js';
import { type ArchiveMark, readArchiveMark } from './archive-mark.js';
import { loadOfficeSettings, OFFICE_FILE, type OfficeSettings } from './office-settings.js';

/** The store's folder inside the workspace (never a campaign: it has no campaign.yaml). */
export const WORKSPACE_STORE = 'data';
const CAMPAIGN_FILE = 'campaign.yaml';

export interface WorkspaceEntry {
  /** The campaign folder's name: how commands and the console name it. */
  name: string;
  dir: string;
  /** Null while active. */
  archived: ArchiveMark | null;
}

export interface Workspace {
  dir: string;
  /** Where raw mail lives for every campaign. */
  storeDir: string;
  office: OfficeSettings;
  /** office.yaml, when there is one. */
  officeFile: string | null;
  /** Every campaign folder, by name (code-point order: the same on every machine). */
  campaigns: WorkspaceEntry[];
}

/** Sub-folders holding a campaign.yaml, by name. */
export async function campaignFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== WORKSPACE_STORE)
    .map((entry) => entry.name)
    .filter((name) => existsSync(join(dir, name, CAMPAIGN_FILE)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** True when `dir` is a workspace: it has the office's settings, or campaign folders. */
export async function isWorkspace(dir: string): Promise<boolean> {
  if (existsSync(join(dir, OFFICE_FILE))) return true;
  try {
    return (await campaignFolders(dir)).length > 0;
  } catch {
    return false;
  }
}

export async function openWorkspace(dir: string): Promise<Workspace> {
  const absolute = resolve(dir);
  let folder: Awaited<ReturnType<typeof stat>>;
  try {
    folder = await stat(absolute);
  } catch {
    throw new HuizongError('CONFIG', `工作区文件夹 ${absolute} 不存在`, {
      details: ['工作区是放着各个活动文件夹的文件夹；用 huizong init <工作区>/<活动名称> 在其中新建活动'],
    });
  }
  if (!folder.isDirectory()) throw new HuizongError('CONFIG', `${absolute} 不是文件夹`);
  const [{ settings, file }, names] = await Promise.all([loadOfficeSettings(absolute), campaignFolders(absolute)]);
  const campaigns = await Promise.all(
    names.map(async (name) => ({ name, dir: join(absolute, name), archived: await readArchiveMark(join(absolute, name)) })),
  );
  return { dir: absolute, storeDir: join(absolute, WORKSPACE_STORE), office: settings, officeFile: file, campaigns };
}

/** The campaign of that name, or a USAGE error listing the workspace's campaigns. */
export function workspaceEntry(workspace: Workspace, name: string): WorkspaceEntry {
  const wanted = name.replace(/[/\\]+$/, '');
  const found = workspace.campaigns.find((entry) => entry.name === wanted || entry.dir === resolve(wanted));
  if (found) return found;
  const names = workspace.campaigns.map((entry) => entry.name);
  throw new HuizongError('USAGE', `工作区 ${workspace.dir} 中没有名为「${name}」的活动`, {
    details: [
      names.length > 0 ? `工作区中的活动：${names.join('、')}` : `工作区中还没有活动，用 huizong init ${workspace.dir}/<活动名称> 新建`,
    ],
  });
}
