/**
 * Where LibreOffice's soffice is: $HUIZONG_SOFFICE when set (an IT person's explicit choice,
 * also how tests simulate a machine without LibreOffice), else `soffice` / `libreoffice` on the
 * PATH, else the usual install folders (Debian packages, the LibreOffice .deb/.rpm bundles).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findProgram } from '../../intake/kernel/find-program.js';

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
  return findProgram(
    {
      variable: 'HUIZONG_SOFFICE',
      names: ['soffice', 'libreoffice'],
      elsewhere: () => ['/usr/lib/libreoffice/program/soffice', ...optInstalls()],
    },
    env,
  );
}
