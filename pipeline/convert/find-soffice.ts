/**
 * Where LibreOffice's soffice is: $HUIZONG_SOFFICE when set (an IT person's explicit choice,
 * also how tests simulate a machine without LibreOffice), else `soffice` / `libreoffice` on the
 * PATH, else the usual install folders (Debian packages, the LibreOffice .deb/.rpm bundles).
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function optInstalls(): string[] {
  try {
    return readdirSync('/opt')
      .filter((name) => name.toLowerCase().startsWith('libreoffice'))
      .sort()
      .reverse()
      .map((name) => join('/opt', name, 'program', 'soffice'));
  } catch {
    return [];
  }
}

export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.HUIZONG_SOFFICE;
  if (explicit !== undefined && explicit !== '') return executable(explicit) ? explicit : null;
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => [join(dir, 'soffice'), join(dir, 'libreoffice')]);
  return [...onPath, '/usr/lib/libreoffice/program/soffice', ...optInstalls()].find(executable) ?? null;
}
