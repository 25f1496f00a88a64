/**
 * Converted files under the data folder, keyed by the content hash of the original: a file
 * sent twice, or a merge after a cache of facts was cleared, never starts LibreOffice again.
 * Failures that are the file's fault (unreadable, hanging) are kept too; "LibreOffice not
 * installed" never is, so installing it later helps. Derived data: deleting it is always safe.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import type { ConversionOutcome, ConvertTarget } from './convert-batch.js';

type Stored = Exclude<ConversionOutcome, { status: 'converted' } | { status: 'unavailable' }>;

export class ConversionCache {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'cache', 'convert');
  }

  private base(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }

  async get(key: string): Promise<ConversionOutcome | null> {
    try {
      const meta = JSON.parse(await readFile(`${this.base(key)}.json`, 'utf8')) as { filter: string; target: ConvertTarget } | Stored;
      if ('status' in meta) return meta;
      return { status: 'converted', target: meta.target, content: await readFile(`${this.base(key)}.${meta.target}`), filter: meta.filter };
    } catch {
      return null;
    }
  }

  async put(key: string, outcome: ConversionOutcome): Promise<void> {
    if (outcome.status === 'unavailable') return;
    if (outcome.status === 'converted') {
      // The converted file first: a metadata file is only ever there with its file.
      await writeFileAtomic(`${this.base(key)}.${outcome.target}`, outcome.content);
      await writeFileAtomic(`${this.base(key)}.json`, JSON.stringify({ filter: outcome.filter, target: outcome.target }));
      return;
    }
    await writeFileAtomic(`${this.base(key)}.json`, JSON.stringify(outcome));
  }
}
