/**
 * `status`, and `merge` or `run` with nothing new, load no library they do not use: what the
 * runner and these commands import at start (not `import()` when a stage needs it, not
 * `import type`) never reaches the output writers, the mail senders or the IMAP client.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';

const root = packageRoot();

/** What a file imports when it loads: relative files (as .ts paths) and packages. */
function loadedBy(file: string): { files: string[]; packages: string[] } {
  const source = readFileSync(join(root, file), 'utf8');
  const files: string[] = [];
  const packages: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    const target = match[1]!;
    if (target.startsWith('.')) files.push(normalize(join(dirname(file), target)).replace(/\.js$/, '.ts'));
    else if (!target.startsWith('node:')) packages.push(target.split('/')[0]!);
  }
  return { files, packages };
}

function loadedFrom(start: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const loaded = loadedBy(file);
    for (const name of loaded.packages) packages.add(name);
    for (const next of loaded.files) visit(next);
  };
  visit(start);
  return { files, packages };
}

const HEAVY = ['exceljs', 'docx', 'handlebars', 'nodemailer', 'imapflow', 'mailparser'];

describe('what loads at start', () => {
  for (const start of ['output/runner/runner.ts', 'output/doors/cli/commands/status.ts', 'output/doors/cli/commands/merge.ts']) {
    it(`${start} loads no writer, sender or mail reader until a stage needs one`, () => {
      const { files, packages } = loadedFrom(start);
      expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
      expect(
        [...files].filter((file) =>
          /^output\/(mail|documents|workbook)\/|^output\/write-outputs\.ts$|^intake\/imap\/(poll|connect)/.test(file),
        ),
      ).toEqual([]);
    });
  }
});
