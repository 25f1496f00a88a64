/**
 * Where the mail is (issue 13): 163/QQ put mail with attachments from senders they do not know in
 * 垃圾邮件. By default huizong reads INBOX and the folder the server marks \Junk, one cursor per
 * folder keyed by the folder as the server names it — so a host alias does not read everything
 * again — and `mailbox.folders` lists folders explicitly. A real Dovecot with a \Junk folder.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { demoCampaign } from '../support/demo-campaign.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { type ImapCampaign, imapCampaign } from './imap-campaign.js';
import { beijing, submission } from './mail-factory.js';

let server: DovecotServer;
let campaign: Campaign;
let mailbox: ImapCampaign;

beforeAll(async () => {
  server = await startDovecot();
  campaign = await demoCampaign();
  await server.append('INBOX', [
    {
      raw: await submission(campaign, { unit: '庞村镇', sent: beijing('2013-08-15T10:00:00') }),
      internalDate: beijing('2013-08-15T10:00:05'),
    },
  ]);
  // Filed as spam by the server: a unit's mail from a personal address with attachments.
  await server.append('垃圾邮件', [
    {
      raw: await submission(campaign, { unit: '李村镇', from: { address: 'zhang.san@qq.com' }, sent: beijing('2013-08-16T09:00:00') }),
      internalDate: beijing('2013-08-16T09:00:04'),
    },
  ]);
  mailbox = await imapCampaign(server);
});

afterAll(async () => {
  await server?.dispose();
});

describe('folders', () => {
  it('reads INBOX and the \\Junk folder by default: a unit whose mail sits in spam is found', async () => {
    const result = await mailbox.run();
    expect(result.code, result.stderr).toBe(0);
    const receipts = await mailbox.receipts();
    expect(receipts.map((receipt) => receipt.imap?.folder).sort()).toEqual(['INBOX', '垃圾邮件']);
    const status = await mailbox.status();
    expect(status.units.find((unit) => unit.unit === '李村镇')?.status).toBe('按时报送');
    const cursor = JSON.parse(await readFile(join(mailbox.dataDir, 'imap-cursor.json'), 'utf8')) as { mailboxes: Record<string, unknown> };
    expect(Object.keys(cursor.mailboxes).sort()).toEqual([`imap://${server.user}/INBOX`, `imap://${server.user}/垃圾邮件`]);
  });

  it('does not read everything again under a host alias', async () => {
    const again = await mailbox.run({ HUIZONG_IMAP_HOST: 'localhost' });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/看到 0 封/);
  });

  it('reads the folders listed in mailbox.folders, each with its own cursor', async () => {
    const listed = await imapCampaign(server, { folder: undefined });
    const { appendFile } = await import('node:fs/promises');
    await appendFile(join(listed.dir, 'campaign.yaml'), '  folders: [垃圾邮件]\n');
    const result = await listed.run();
    expect(result.code, result.stderr).toBe(0);
    expect((await listed.receipts()).map((receipt) => receipt.imap?.folder)).toEqual(['垃圾邮件']);
  });
});
