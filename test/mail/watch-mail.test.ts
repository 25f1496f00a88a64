/**
 * `huizong watch` with `notify.receipts: auto` and a clerk address: after its poll it sends the
 * receipts and the clerk's copy of the workbook and documents, once; a second watch sends
 * nothing more (nothing changed).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { CLI_PATH } from '../support/cli.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';
import { fewUnitsMailbox, type OutboundCampaign, outboundCampaign } from './outbound-campaign.js';

const CLERK = 'mishuke-copy@example.cn';
let dovecot: DovecotServer;
let smtp: SmtpServer;
let campaign: OutboundCampaign;

beforeAll(async () => {
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
  campaign = await outboundCampaign(dovecot, smtp, { mailboxDir: await fewUnitsMailbox(), yaml: `  receipts: auto\n  clerk: ${CLERK}` });
}, 120_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.dispose();
});

/** Runs watch until its first cycle has done its mail, then ends it with SIGTERM. */
async function watchOnce(): Promise<string> {
  const child = spawn(process.execPath, [CLI_PATH, 'watch', '--campaign', campaign.dir], {
    cwd: packageRoot(),
    env: { ...process.env, ...campaign.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 60_000;
  // The cycle line is printed after the mail was done (under the same lock).
  while (!/收信：看到/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`watch did not finish a cycle\n${out}\n${err}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  return out;
}

describe('watch with notify', () => {
  it('sends receipts and the clerk copy after a poll, and nothing more when nothing changed', async () => {
    const first = await watchOnce();
    expect(first).toContain('回执：发送 5 封');
    const delivered = await smtp.delivered();
    const recipients = delivered.flatMap((entry) => entry.rcptTos ?? []);
    expect(recipients.filter((address) => address === CLERK)).toHaveLength(1);
    expect(recipients.filter((address) => address !== CLERK).sort()).toEqual([
      'guijian@yibin-demo.gov.cn',
      'jingfa@yibin-demo.gov.cn',
      'koudian@yibin-demo.gov.cn',
      'licun@yibin-demo.gov.cn',
      'pangcun@yibin-demo.gov.cn',
    ]);
    // The clerk's copy carries the workbook and the documents.
    const client = await dovecot.client(SINK);
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const types: string[] = [];
        for await (const message of client.fetch('1:*', { source: true })) {
          const source = message.source!.toString().replace(/\r?\n[ \t]+/g, ' ');
          if (!/^Delivered-To: mishuke-copy@example\.cn/m.test(source)) continue;
          for (const match of source.matchAll(/^Content-Type: (application\/vnd\.openxmlformats[^;\s]*)/gm)) types.push(match[1]!);
        }
        // The workbook and at least one document, as Office files.
        expect(types.some((type) => type.includes('spreadsheetml'))).toBe(true);
        expect(types.some((type) => type.includes('wordprocessingml'))).toBe(true);
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
    await watchOnce();
    expect(await smtp.delivered()).toHaveLength(delivered.length);
  });
});
