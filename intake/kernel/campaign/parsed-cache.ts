/**
 * campaign.yaml, the roster and decisions.yaml as last read and checked, kept in the data
 * folder (cache/parsed-campaign.json) under the SHA-256 of their bytes and the program's
 * fingerprint. Reading and checking them takes the YAML parser, zod and the CSV/GBK readers,
 * which cost more to load than `status` may spend in all; with unchanged files none of them is
 * loaded. Any change to the files (or to the program) reads and checks them again, with the same
 * Chinese errors; files with errors are never cached.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';
import { programFingerprint } from '../program-fingerprint.js';
import type { Campaign } from './campaign.js';
import type { Decisions } from './decisions.js';

/** The files read, named as load-campaign.ts and decisions.ts name them. */
const CAMPAIGN_FILES = ['campaign.yaml', 'roster.csv', 'roster.xlsx'];
const DECISIONS_FILES = ['decisions.yaml'];
const FORMAT = 1;

interface CacheFile {
  format: number;
  campaign?: { key: string; value: Campaign };
  decisions?: { key: string; value: Decisions };
}

async function keyOf(dir: string, names: readonly string[], extra: string): Promise<string> {
  const hash = createHash('sha256').update(`${FORMAT}\0${await programFingerprint()}\0${dir}\0${extra}\0`);
  for (const name of names) {
    let bytes: Buffer | null = null;
    try {
      bytes = await readFile(join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    hash.update(`${name}\0${bytes === null ? 'missing' : bytes.byteLength}\0`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

export class ParsedCampaignCache {
  private file: CacheFile = { format: FORMAT };
  private changed = false;

  private constructor(
    private readonly path: string,
    /** Whether this command may write the cache (`status` only reads). */
    private readonly writable: boolean,
  ) {}

  static async open(dataDir: string, writable: boolean): Promise<ParsedCampaignCache> {
    const cache = new ParsedCampaignCache(join(dataDir, 'cache', 'parsed-campaign.json'), writable);
    try {
      const file = JSON.parse(await readFile(cache.path, 'utf8')) as CacheFile;
      if (file?.format === FORMAT) cache.file = file;
    } catch {
      // Missing or damaged: the files are read again.
    }
    return cache;
  }

  async campaign(dir: string, bundled: boolean): Promise<Campaign> {
    const key = await keyOf(dir, CAMPAIGN_FILES, `bundled=${bundled}`);
    if (this.file.campaign?.key === key) return this.file.campaign.value;
    const { loadCampaign } = await import('./load-campaign.js');
    const value = await loadCampaign(dir, { bundled });
    this.file.campaign = { key, value };
    this.changed = true;
    return value;
  }

  async decisions(campaign: Campaign): Promise<Decisions> {
    const names = campaign.roster.map((unit) => unit.name);
    const key = await keyOf(campaign.dir, DECISIONS_FILES, JSON.stringify(names));
    if (this.file.decisions?.key === key) return this.file.decisions.value;
    const { loadDecisions } = await import('./decisions.js');
    const value = await loadDecisions(campaign.dir, names);
    this.file.decisions = { key, value };
    this.changed = true;
    return value;
  }

  /** Writes what was read anew; a failure only means reading the files again next time. */
  async save(): Promise<void> {
    if (!this.writable || !this.changed) return;
    await writeFileAtomic(this.path, JSON.stringify(this.file)).catch(() => undefined);
    this.changed = false;
  }
}
