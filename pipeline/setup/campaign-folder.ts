/**
 * Writes a new campaign folder from a draft: campaign.yaml (commented, draft-yaml.ts), roster.csv,
 * decisions.yaml and the templates a new campaign starts from, and a copy of the office's files it
 * was derived from (来源文件/), each file written atomically. The shell around the pure draft.
 */
import { cp, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { campaignTextMistakes } from '../../intake/kernel/campaign/campaign-yaml-edit.js';
import { DECISIONS_FILE } from '../../intake/kernel/campaign/decisions.js';
import { CAMPAIGN_FILE, ROSTER_CSV } from '../../intake/kernel/campaign/load-campaign.js';
import { formatRosterCsv } from '../../intake/kernel/campaign/roster.js';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { bundledCampaignDir, genericTemplatesDir } from '../../intake/kernel/package-root.js';
import type { CampaignDraft } from './derive-campaign.js';
import { draftCampaignYaml } from './draft-yaml.js';
import type { SetupFile } from './read-setup-files.js';

export const SOURCE_FILES_DIR = '来源文件';
const TEMPLATES_DIR = 'templates';
/** A campaign folder is shared and copied: its files are ordinary documents, not private data. */
const FILE_MODE = 0o644;

/**
 * The document and mail templates (汇总报告, 通报, 回执, 催报) a new campaign starts from: the
 * generic ones, which list what was asked, who sent what and every table's totals, whatever its
 * tables (the bundled campaign's are worded for the 2013 notice).
 */
export function newCampaignTemplatesDir(): string {
  return genericTemplatesDir();
}

export interface WrittenFolder {
  files: string[];
  /** What `huizong check` says of the campaign.yaml written: empty when it is right. */
  mistakes: string[];
}

export async function writeCampaignFolder(dir: string, draft: CampaignDraft, sources: readonly SetupFile[]): Promise<WrittenFolder> {
  await mkdir(dir, { recursive: true });
  const yaml = draftCampaignYaml(draft);
  await writeFileAtomic(join(dir, CAMPAIGN_FILE), yaml, FILE_MODE);
  await writeFileAtomic(join(dir, ROSTER_CSV), formatRosterCsv(draft.roster?.units ?? []), FILE_MODE);
  await cp(join(bundledCampaignDir(), DECISIONS_FILE), join(dir, DECISIONS_FILE), { force: true });
  const templates = newCampaignTemplatesDir();
  await mkdir(join(dir, TEMPLATES_DIR), { recursive: true });
  for (const name of await readdir(templates)) await cp(join(templates, name), join(dir, TEMPLATES_DIR, name), { force: true });
  if (sources.length > 0) {
    await mkdir(join(dir, SOURCE_FILES_DIR), { recursive: true });
    // Names as given, never as paths: a file called "../x" is written as "x" inside the folder.
    for (const file of sources)
      await writeFileAtomic(join(dir, SOURCE_FILES_DIR, file.name.replace(/[/\\]/gu, '_')), file.content, FILE_MODE);
  }
  return {
    files: [CAMPAIGN_FILE, ROSTER_CSV, DECISIONS_FILE, `${TEMPLATES_DIR}/`, ...(sources.length > 0 ? [`${SOURCE_FILES_DIR}/`] : [])],
    mistakes: campaignTextMistakes(yaml),
  };
}
