/**
 * What identifies the running program for the input fingerprint: its version and pinned
 * dependencies (package.json), and the size and modification time of every code file. A new
 * version, or code rebuilt by a developer, therefore never reuses outputs an older one wrote.
 * Stat only (no file is read): a few milliseconds.
 */

import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './package-root.js';

/** Folders beside the code that are not the program (data, tests, sources of the compiled code). */
const NOT_CODE = new Set(['node_modules', '.git', 'test', 'examples', 'templates', 'data', 'out', 'dist', 'coverage']);
const CODE_FILE = /\.(js|ts|json)$/;

async function codeFiles(dir: string, top: boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(top && NOT_CODE.has(entry.name)) && !entry.name.startsWith('.')) files.push(...(await codeFiles(path, false)));
    } else if (CODE_FILE.test(entry.name) && !/\.test\.(js|ts)$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

let cached: Promise<string> | undefined;

export function programFingerprint(): Promise<string> {
  cached ??= (async () => {
    const hash = createHash('sha256');
    const root = packageRoot();
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    hash.update(JSON.stringify({ version: manifest.version, dependencies: manifest.dependencies, overrides: manifest.overrides }));
    // The folder holding the floors: dist/ when compiled, the package when run from sources.
    const codeRoot = fileURLToPath(import.meta.url).includes(`${sep}dist${sep}`) ? join(root, 'dist') : root;
    const files = (await codeFiles(codeRoot, true)).sort();
    const stats = await Promise.all(files.map((file) => stat(file)));
    for (const [index, file] of files.entries())
      hash.update(`${file.slice(codeRoot.length)}\0${stats[index]!.size}\0${stats[index]!.mtimeMs}\n`);
    return hash.digest('hex');
  })();
  return cached;
}
