/**
 * A cheap fingerprint of everything a merge reads: the campaign folder's files, decisions.yaml,
 * the templates, the store's state and stored-mail folders. The console compares it on
 * each page to notice what the CLI (or the clerk's Notepad) changed meanwhile, without merging
 * again when nothing did. Modification times and sizes only: a few hundred stat calls.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function statLine(path: string): Promise<string> {
  try {
    const info = await stat(path);
    return `${path}:${info.mtimeMs}:${info.size}`;
  } catch {
    return `${path}:-`;
  }
}

export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** A campaign folder's files a merge reads (archived.yaml: an archived campaign's pages are read-only). */
export async function campaignPaths(campaignDir: string): Promise<string[]> {
  return [
    ...['campaign.yaml', 'roster.csv', 'roster.xlsx', 'decisions.yaml', 'archived.yaml'].map((name) => join(campaignDir, name)),
    ...(await listDir(join(campaignDir, 'templates'))).map((name) => join(campaignDir, 'templates', name)),
  ];
}

/** The store's files that change when mail is taken in. */
export async function storePaths(storeDir: string): Promise<string[]> {
  return [
    join(storeDir, 'state.json'),
    join(storeDir, 'mail'),
    // A message stored into an existing shard changes only that shard's time.
    ...(await listDir(join(storeDir, 'mail'))).filter((name) => /^[0-9a-f]{2}$/.test(name)).map((name) => join(storeDir, 'mail', name)),
  ];
}

export async function signatureOf(paths: readonly string[]): Promise<string> {
  return (await Promise.all(paths.map(statLine))).join('\n');
}

export async function inputSignature(campaignDir: string, storeDir: string): Promise<string> {
  return signatureOf([...(await campaignPaths(campaignDir)), ...(await storePaths(storeDir))]);
}
