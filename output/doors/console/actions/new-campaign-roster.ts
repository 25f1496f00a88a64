/**
 * The roster of a new campaign from the clerk's three ways: an earlier campaign of the same
 * workspace (its roster as it is now), an uploaded 名单 (rosterFromFile: columns in any order,
 * under a title row), or units typed as lines of 单位名称,别名,邮箱. Mistakes are Chinese lines.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCampaign } from '../../../../intake/kernel/campaign/load-campaign.js';
import { parseRosterCsv, type RosterUnit } from '../../../../intake/kernel/campaign/roster.js';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { readRosterSource } from '../../../../pipeline/setup/roster-source.js';

/** A campaign folder of the workspace whose roster a new campaign may take. */
export interface EarlierCampaign {
  /** The folder's name. */
  name: string;
  title: string;
  units: number;
}

export type RosterOutcome = { ok: true; units: RosterUnit[]; from: string } | { ok: false; mistakes: string[] };

/** The campaign folders of the workspace, by folder name, with their title and roster size. */
export async function earlierCampaigns(parent: string | null): Promise<EarlierCampaign[]> {
  if (parent === null || !existsSync(parent)) return [];
  const found: EarlierCampaign[] = [];
  for (const entry of await readdir(parent, { withFileTypes: true })) {
    if (!entry.isDirectory() || !existsSync(join(parent, entry.name, 'campaign.yaml'))) continue;
    try {
      const campaign = await loadCampaign(join(parent, entry.name));
      found.push({ name: entry.name, title: campaign.file.title, units: campaign.roster.length });
    } catch (error) {
      // A campaign folder with a mistake cannot lend its roster; it is not offered.
      if (!isHuizongError(error)) throw error;
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

function outcomeOf(read: { units: RosterUnit[]; issues: { row: number; message: string }[] }, from: string): RosterOutcome {
  if (read.issues.length > 0) return { ok: false, mistakes: read.issues.map((issue) => issue.message) };
  if (read.units.length === 0) return { ok: false, mistakes: [`${from} 中没有单位`] };
  return { ok: true, units: read.units, from };
}

export async function rosterOfEarlier(parent: string, name: string): Promise<RosterOutcome> {
  const known = await earlierCampaigns(parent);
  const chosen = known.find((campaign) => campaign.name === name);
  if (!chosen) return { ok: false, mistakes: [`工作区中没有活动「${name}」`] };
  const read = await readRosterSource(join(parent, chosen.name));
  return outcomeOf(read, `以前的活动「${chosen.title}」`);
}

/** Lines typed by the clerk; the header line may be left out, Chinese commas are commas. */
export function rosterOfTyped(text: string): RosterOutcome {
  const lines = text
    .replace(/，/gu, ',')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const typedHeader = lines[0]?.startsWith('单位名称') ?? false;
  const outcome = outcomeOf(
    parseRosterCsv((typedHeader ? lines : ['单位名称,别名,邮箱', ...lines]).join('\n'), { lenient: true }),
    '秘书科填写的名单',
  );
  // A header added here is not a line the clerk typed: lines are named as the clerk counts them.
  if (outcome.ok || typedHeader) return outcome;
  return {
    ok: false,
    mistakes: outcome.mistakes.map((line) => line.replace(/^第 (\d+) 行/u, (_, row: string) => `第 ${Number(row) - 1} 行`)),
  };
}
