/**
 * A campaign folder (made by the real `init`) whose campaign.yaml points at a test Dovecot, and
 * the environment that gives the password (as the IT person would: never in the file).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { RawStore, type Receipt } from '../../intake/store/raw-store.js';
import { type CliResult, runCli } from '../support/cli.js';
import type { DovecotServer } from '../support/dovecot.js';
import { tempDir } from '../support/temp-dir.js';

export interface ImapCampaign {
  dir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  run(extraEnv?: NodeJS.ProcessEnv, args?: readonly string[]): Promise<CliResult>;
  receipts(): Promise<Receipt[]>;
  status(): Promise<StatusJson>;
}

export interface StatusJson {
  asOf: string | null;
  units: {
    unit: string;
    status: string;
    late: boolean;
    receivedAt: string | null;
    tableFile: string | null;
    reportFile: string | null;
    messages: string[];
  }[];
  unidentified: { message: string; subject: string; files: string[] }[];
}

export async function imapCampaign(
  server: DovecotServer,
  options: { folder?: string; moveTo?: string; schedule?: string } = {},
): Promise<ImapCampaign> {
  const dir = join(await tempDir('huizong-imap-'), '专项检查');
  const init = await runCli(['init', dir]);
  expect(init.code, init.stderr).toBe(0);
  const lines = [
    '',
    'mailbox:',
    `  host: ${server.host}`,
    `  port: ${server.port}`,
    '  tls: false',
    `  user: ${server.user}`,
    ...(options.folder ? [`  folder: ${options.folder}`] : []),
    ...(options.moveTo ? [`  moveTo: ${options.moveTo}`] : []),
    ...(options.schedule ? [`schedule: "${options.schedule}"`] : []),
    '',
  ];
  await appendFile(join(dir, 'campaign.yaml'), lines.join('\n'));
  expect(await readFile(join(dir, 'campaign.yaml'), 'utf8')).not.toContain(server.password);
  const env: NodeJS.ProcessEnv = { HUIZONG_IMAP_PASSWORD: server.password };
  const dataDir = join(dir, 'data');
  return {
    dir,
    dataDir,
    env,
    run: (extraEnv = {}, args = []) => runCli(['run', '--campaign', dir, ...args], { env: { ...env, ...extraEnv } }),
    receipts: () => new RawStore(dataDir).list(),
    async status() {
      const result = await runCli(['status', '--campaign', dir, '--json']);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as StatusJson;
    },
  };
}

/** The one cycle line of a run's stdout. */
export function pollLineOf(stdout: string): string {
  const line = stdout.split('\n').find((text) => text.includes(' 收信：'));
  if (!line) throw new Error(`no poll line in:\n${stdout}`);
  return line;
}
