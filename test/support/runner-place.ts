/**
 * A campaign of the clerk's for the runner's tests: the bundled campaign copied into a fresh
 * folder (its own data and out), and folders holding some of the demo mailbox's messages (all
 * .xlsx/.docx: no LibreOffice needed).
 */
import { copyFile, cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { bundledCampaignDir, packageRoot } from '../../intake/kernel/package-root.js';
import type { CommandContext } from '../../output/runner/context.js';
import { tempDir } from './temp-dir.js';

export const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');

/** On time, a correction of an on-time one, late. */
export const THREE_MESSAGES = ['01-pangcun.eml', '02-licun-first.eml', '04-koudian-late.eml'];

export async function campaignPlace(): Promise<CommandContext> {
  const dir = join(await tempDir('huizong-runner-'), '活动');
  await cp(bundledCampaignDir(), dir, { recursive: true, filter: (source) => !/[/\\](data|out)$/.test(source) });
  const dataDir = join(dir, 'data');
  return { campaign: await loadCampaign(dir), storeDir: dataDir, dataDir, outDir: join(dir, 'out') };
}

export async function mailFolder(names: readonly string[] = THREE_MESSAGES): Promise<string> {
  const dir = join(await tempDir('huizong-runner-mail-'), 'mailbox');
  await mkdir(dir);
  for (const name of names) await copyFile(join(DEMO_MAILBOX, name), join(dir, name));
  return dir;
}
