/**
 * Facts are derived data: a pure function of the raw message, the campaign's extraction
 * settings and the analyzer version. Caching them makes `merge` and `status` cheap; deleting the
 * cache is always safe (it is rebuilt from stored mail).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../intake/kernel/files/atomic-write.js';
import { ANALYZER_VERSION, type MessageFacts } from './facts.js';

export class FactsCache {
  private readonly dir: string;
  private readonly suffix: string;

  constructor(dataDir: string, campaignFingerprint: string) {
    this.dir = join(dataDir, 'cache', 'facts');
    this.suffix = `${campaignFingerprint}.v${ANALYZER_VERSION}.json`;
  }

  private pathOf(id: string): string {
    return join(this.dir, id.slice(0, 2), `${id}.${this.suffix}`);
  }

  async get(id: string): Promise<MessageFacts | null> {
    try {
      const facts = JSON.parse(await readFile(this.pathOf(id), 'utf8')) as MessageFacts;
      return facts.analyzerVersion === ANALYZER_VERSION && facts.id === id ? facts : null;
    } catch {
      // Missing or unreadable: derived data, simply recomputed.
      return null;
    }
  }

  async put(facts: MessageFacts): Promise<void> {
    await writeFileAtomic(this.pathOf(facts.id), JSON.stringify(facts));
  }
}
