/**
 * Where the installed program lives, so the bundled demo campaign (templates/) and demo mailbox
 * (examples/) are found both from compiled code (dist/…) and from sources run by vitest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'huizong') {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the huizong package root');
    dir = parent;
  }
}

/** The default campaign that ships with the program (the 2013 notice). */
export function bundledCampaignDir(): string {
  return join(packageRoot(), 'templates');
}

/**
 * The templates a new campaign starts from (documents and mail that list what was asked, who sent
 * what and every table's totals, for tables of any shape); also used by a campaign folder that
 * has no template of its own.
 */
export function genericTemplatesDir(): string {
  return join(packageRoot(), 'generic-templates');
}
