/**
 * Runs the real CLI on one of the test campaigns of other shapes (test/fixtures/campaigns/):
 * the campaign folder copied, the units' mail written as .eml files from the files in its
 * units/ folder, `huizong run`, then the merge result the run kept (data/cache/merge-result.json:
 * every table, list row and total) and `status --json`.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildMail, type MailAttachmentSpec } from '../../examples/kit/mime.js';
import { readMergeResultFile } from '../../output/runner/merge-result-cache.js';
import type { MergeResult, UnitResult } from '../../pipeline/merge/merge-result.js';
import { type CliResult, runCli } from './cli.js';
import { type FixtureCampaign, fixtureCampaign, fixtureCampaignDir } from './fixture-campaigns.js';
import { tempDir } from './temp-dir.js';

export interface UnitMail {
  unit: string;
  subject: string;
  /** Server receive time, Beijing: "2026-05-20 09:30". */
  received: string;
  /** Files of the campaign's units/ folder, or files made in the test. */
  files: (string | MailAttachmentSpec)[];
  /** Sent from another address than the unit's registered one. */
  from?: string;
}

export interface CampaignRun {
  run: CliResult;
  result: MergeResult;
  status: { units: { unit: string; status: string; statusKey: string; problems: { code: string; message: string }[] }[] };
  unit(name: string): UnitResult;
  dir: string;
}

/** "2026-05-20 09:30" (Beijing) → the instant. */
export const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`);

export async function unitFile(campaign: FixtureCampaign, name: string): Promise<MailAttachmentSpec> {
  return { filename: name, content: await readFile(join(fixtureCampaignDir(campaign), 'units', name)) };
}

async function mailOf(campaign: FixtureCampaign, mail: UnitMail, index: number): Promise<Buffer> {
  const roster = (await fixtureCampaign(campaign)).roster;
  const address = mail.from ?? roster.find((unit) => unit.name === mail.unit)!.emails[0]!;
  const attachments = await Promise.all(mail.files.map((file) => (typeof file === 'string' ? unitFile(campaign, file) : file)));
  return buildMail({
    from: { name: mail.unit, address },
    subject: mail.subject,
    date: beijing(mail.received),
    receivedAt: beijing(mail.received),
    messageId: `<${campaign}-${index}@yibin-demo.gov.cn>`,
    text: `${mail.unit}报送材料，请查收。`,
    attachments,
  });
}

export async function runCampaign(campaign: FixtureCampaign, mails: readonly (UnitMail | Buffer)[]): Promise<CampaignRun> {
  const dir = join(await tempDir(), campaign);
  await cp(fixtureCampaignDir(campaign), dir, { recursive: true, filter: (source) => !source.includes('/units') });
  const mailbox = join(dir, '..', 'mailbox');
  await mkdir(mailbox, { recursive: true });
  for (const [index, mail] of mails.entries()) {
    const content = Buffer.isBuffer(mail) ? mail : await mailOf(campaign, mail, index);
    await writeFile(join(mailbox, `${String(index + 1).padStart(2, '0')}.eml`), content);
  }
  const run = await runCli(['run', '--campaign', dir, '--mailbox-dir', mailbox], { timeoutMs: 300_000 });
  const cached = (await readMergeResultFile(join(dir, 'data'), 'read'))!;
  const status = JSON.parse((await runCli(['status', '--campaign', dir, '--json'])).stdout) as CampaignRun['status'];
  const result = cached.result;
  return { run, result, status, dir, unit: (name) => result.units.find((unit) => unit.unit === name)! };
}
