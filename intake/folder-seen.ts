/**
 * Files of a mail folder already stored, remembered by path, size and modification time
 * (cache/folder-seen.json beside the raw store), so a run over a folder of 1,000 messages that brought nothing
 * new reads no message again: a file whose size and time are unchanged is the message stored
 * from it before (as git's index trusts a file's stat). A file changed in any way is read and
 * stored by its content as usual. Derived data: a missing or damaged file means every file is
 * read once more.
 */
import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './kernel/files/atomic-write.js';

interface SeenEntry {
  size: number;
  mtimeMs: number;
  id: string;
}

const FORMAT = 1;

export class SeenFiles {
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, SeenEntry>,
  ) {}

  /** The files remembered beside the store in `storeDir` (they name messages stored there). */
  static async open(storeDir: string): Promise<SeenFiles> {
    const path = join(storeDir, 'cache', 'folder-seen.json');
    try {
      const file = JSON.parse(await readFile(path, 'utf8')) as { format: number; files: Record<string, SeenEntry> };
      if (file.format === FORMAT && file.files && typeof file.files === 'object')
        return new SeenFiles(path, new Map(Object.entries(file.files)));
    } catch {
      // Missing or damaged: every file is read again.
    }
    return new SeenFiles(path, new Map());
  }

  /** The id of the message stored from this file, when the file is as it was then. */
  storedId(file: string, stats: Stats): string | null {
    const entry = this.entries.get(file);
    return entry && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs ? entry.id : null;
  }

  remember(file: string, stats: Stats, id: string): void {
    const entry = this.entries.get(file);
    if (entry && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs && entry.id === id) return;
    this.entries.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, id });
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.changed) return;
    await writeFileAtomic(this.path, JSON.stringify({ format: FORMAT, files: Object.fromEntries(this.entries) }));
    this.changed = false;
  }
}
