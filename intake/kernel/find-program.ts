/**
 * Where an external program is (LibreOffice, pdftotext): the path in its HUIZONG_* variable when
 * set — an IT person's explicit choice, and how tests simulate a machine without it; an empty
 * value counts as unset — else the first of its names on the PATH, else the usual install places.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export interface ProgramLookup {
  /** The environment variable that names the program's path. */
  variable: string;
  /** File names looked for in each PATH folder, in order. */
  names: readonly string[];
  /** Paths tried after the PATH (computed only when needed). */
  elsewhere?: () => string[];
}

/** The program's path, or null when it is not installed (or the variable names no executable). */
export function findProgram(lookup: ProgramLookup, env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env[lookup.variable];
  if (explicit !== undefined && explicit !== '') return executable(explicit) ? explicit : null;
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => lookup.names.map((name) => join(dir, name)));
  return onPath.find(executable) ?? (lookup.elsewhere?.() ?? []).find(executable) ?? null;
}
