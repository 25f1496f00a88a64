/**
 * What a campaign shows, in a form two runs can be compared by: `status --json` without its
 * 数据截至, every workbook cell, every document paragraph (the 数据截至 and dates of the day
 * masked: they are the clock of each poll).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../support/cli.js';
import { paragraphTexts, readDocx } from '../support/docx.js';
import { cellValues, readWorkbook } from '../support/workbook.js';

export async function campaignOutputs(statusArgs: readonly string[], outDir: string, env: NodeJS.ProcessEnv = {}) {
  const status = await runCli(['status', ...statusArgs, '--json'], { env });
  expect(status.code, status.stderr).toBe(0);
  const json = JSON.parse(status.stdout) as Record<string, unknown>;
  delete json.asOf;
  const names = (await readdir(outDir)).filter((name) => !name.startsWith('.')).sort();
  const workbooks: Record<string, string> = {};
  for (const name of names.filter((file) => file.endsWith('.xlsx')))
    workbooks[name] = JSON.stringify(cellValues(await readWorkbook(join(outDir, name)))).replace(/数据截至：[^（"]*/g, '数据截至：…');
  const documents: Record<string, string[]> = {};
  for (const name of names.filter((file) => file.endsWith('.docx')))
    documents[name] = paragraphTexts((await readDocx(join(outDir, name))).document).map((text) =>
      text.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '…日'),
    );
  return { status: json, names, workbooks, documents };
}

/** Logins the test server took since its log was this long (Dovecot logs each: "imap-login: Info: Login: user=<…>"). */
export function loginsIn(log: string, from = 0): number {
  return (log.slice(from).match(/imap-login: Info: Login: user=</g) ?? []).length;
}
