/**
 * A campaign folder (made by the real `init`) whose campaign.yaml points at the test SMTP server
 * and the test Dovecot (for the Sent-folder copy), with the demo mail stored; passwords only in
 * the environment, as the IT person would give them.
 */
import { appendFile, copyFile, cp, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { type CliResult, runCli } from '../support/cli.js';
import type { DovecotServer } from '../support/dovecot.js';
import type { SmtpServer } from '../support/smtp-server.js';
import { tempDir } from '../support/temp-dir.js';

export const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');

export interface OutboundCampaign {
  dir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  campaign: Campaign;
  cli(args: readonly string[], extraEnv?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** The data folder copied (stored mail and caches): a fresh outbox over the same mail. */
  copyData(): Promise<string>;
}

export async function outboundCampaign(
  dovecot: DovecotServer,
  smtp: SmtpServer,
  options: { mailboxDir?: string; yaml?: string } = {},
): Promise<OutboundCampaign> {
  const dir = join(await tempDir('huizong-mail-'), '专项检查');
  expect((await runCli(['init', dir])).code).toBe(0);
  await appendFile(
    join(dir, 'campaign.yaml'),
    [
      '',
      'mailbox:',
      `  host: ${dovecot.host}`,
      `  port: ${dovecot.port}`,
      '  tls: false',
      `  user: ${dovecot.user}`,
      'smtp:',
      `  host: ${smtp.host}`,
      `  port: ${smtp.port}`,
      '  tls: false',
      `  user: ${smtp.user}`,
      `  from: "区综合办公室秘书科 <${smtp.user}>"`,
      '  sentFolder: 已发送',
      '  maxPerSecond: 5',
      'notify:',
      '  contact: 秘书科王丽，电话 0379-65550000',
      options.yaml ?? '',
      '',
    ].join('\n'),
  );
  const yaml = await readFile(join(dir, 'campaign.yaml'), 'utf8');
  expect(yaml).not.toContain(smtp.password);
  const env: NodeJS.ProcessEnv = { HUIZONG_SMTP_PASSWORD: smtp.password, HUIZONG_IMAP_PASSWORD: dovecot.password };
  const dataDir = join(dir, 'data');
  const stored = await runCli([
    'run',
    '--campaign',
    dir,
    '--mailbox-dir',
    options.mailboxDir ?? DEMO_MAILBOX,
    '--data',
    dataDir,
    '--out',
    join(dir, 'out'),
  ]);
  expect(stored.code, stored.stderr).toBe(0);
  return {
    dir,
    dataDir,
    env,
    campaign: await loadCampaign(dir),
    cli: (args, extraEnv = {}) => runCli([...args, '--campaign', dir], { env: { ...env, ...extraEnv } }),
    async copyData() {
      const copy = join(await tempDir('huizong-mail-data-'), 'data');
      await cp(dataDir, copy, { recursive: true });
      return copy;
    },
  };
}

/** Five units: on time, on time, late, a wrong cell, no report. */
export const FEW_UNITS = ['01-pangcun.eml', '02-licun-first.eml', '04-koudian-late.eml', '08-jingfa-error.eml', '10-guijian-no-report.eml'];

export async function fewUnitsMailbox(names: readonly string[] = FEW_UNITS): Promise<string> {
  const dir = join(await tempDir('huizong-mail-few-'), 'mailbox');
  await mkdir(dir);
  for (const name of names) await copyFile(join(DEMO_MAILBOX, name), join(dir, name));
  return dir;
}
