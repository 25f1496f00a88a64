/**
 * Receipts and reminders against a real SMTP server (aiosmtpd) delivering into a real Dovecot:
 * what arrives is read back over IMAP. Preview sends nothing; receipts go to roster addresses
 * only, one per submission, never twice; a correction gets its own; reminders once per round;
 * a copy of everything sent lands in the Sent folder.
 */
import { appendFile, copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';
import { tempDir } from '../support/temp-dir.js';
import { DEMO_MAILBOX, type OutboundCampaign, outboundCampaign } from './outbound-campaign.js';

let dovecot: DovecotServer;
let smtp: SmtpServer;
let campaign: OutboundCampaign;
let rosterAddresses: Set<string>;

/** Every message in a folder: Delivered-To, subject, text. */
async function readFolder(folder: string, as?: { user: string; password: string }) {
  const client = await dovecot.client(as);
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      if ((client.mailbox as { exists: number }).exists === 0) return [];
      const messages: { deliveredTo: string; subject: string; source: string; messageId: string }[] = [];
      for await (const message of client.fetch('1:*', { envelope: true, source: true })) {
        const source = message.source!.toString();
        messages.push({
          deliveredTo: /^Delivered-To: (.*)$/m.exec(source)?.[1]?.trim() ?? '',
          subject: message.envelope!.subject ?? '',
          source,
          messageId: message.envelope!.messageId ?? '',
        });
      }
      return messages;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

function bodyOf(source: string): string {
  return Buffer.from(
    source
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n')
      .replace(/\s+/g, ''),
    'base64',
  ).toString('utf8');
}

beforeAll(async () => {
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
  campaign = await outboundCampaign(dovecot, smtp);
  rosterAddresses = new Set(campaign.campaign.roster.flatMap((unit) => unit.emails));
}, 120_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.dispose();
});

describe('receipts', () => {
  it('previews without sending or writing anything', async () => {
    const preview = await campaign.cli(['receipts']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('以上只是预览，没有发送');
    expect(preview.stdout).toContain('区经济发展局 → jingfa@yibin-demo.gov.cn');
    expect(preview.stdout).toContain('「若干」');
    expect(preview.stdout).toContain('待核实');
    expect(await smtp.transactions()).toEqual([]);
    const outbox = await campaign.cli(['outbox']);
    expect(outbox.stdout).toContain('还没有发出过邮件');
  });

  it('sends one receipt per unit that sent material, to roster addresses only, and none a second time', async () => {
    const sent = await campaign.cli(['receipts', '--send']);
    expect(sent.code, `${sent.stdout}\n${sent.stderr}`).toBe(0);
    expect(sent.stdout + sent.stderr).not.toContain(smtp.password);
    const delivered = await smtp.delivered();
    const recipients = delivered.flatMap((entry) => entry.rcptTos ?? []);
    expect(recipients.length).toBeGreaterThan(10);
    for (const address of recipients) expect(rosterAddresses.has(address), address).toBe(true);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).not.toContain('wangli2013@163.com');
    // Every transaction was authenticated as the configured user, from the configured sender.
    for (const entry of delivered) expect(entry.mailFrom).toBe(smtp.user);

    // What arrived, read back over IMAP.
    const inbox = await readFolder('INBOX', SINK);
    expect(inbox).toHaveLength(recipients.length);
    const jingfa = inbox.find((message) => message.deliveredTo === 'jingfa@yibin-demo.gov.cn')!;
    expect(jingfa.subject).toContain('区经济发展局');
    expect(jingfa.subject).toContain('数据有误');
    const text = bodyOf(jingfa.source);
    expect(text).toContain('D7');
    expect(text).toContain('若干');
    expect(text).toContain('重新报送改正后的自查情况统计表');
    expect(jingfa.source).toMatch(/^Auto-Submitted: auto-generated/m);
    // Subjects differ from unit to unit (163 refuses identical subjects in bulk).
    const byMessage = new Map(inbox.map((message) => [message.messageId, message.subject]));
    expect(new Set(byMessage.values()).size).toBe(byMessage.size);

    const again = await campaign.cli(['receipts', '--send']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('发送 0 封');
    expect(await smtp.delivered()).toHaveLength(delivered.length);
  });

  it('files a copy of every message sent in the Sent folder', async () => {
    const copies = await readFolder('已发送');
    const delivered = await smtp.delivered();
    expect(copies.map((message) => message.messageId).sort()).toEqual(delivered.map((entry) => entry.messageId).sort());
  });

  it('gives a correction its own receipt', async () => {
    const folder = await tempDir('huizong-mail-correction-');
    await mkdir(join(folder, 'in'));
    await copyFile(join(DEMO_MAILBOX, '08-jingfa-error.eml'), join(folder, 'in', 'x.eml'));
    // The same unit writes again (another message: a new Message-ID and date).
    const { readFile, writeFile } = await import('node:fs/promises');
    const raw = (await readFile(join(folder, 'in', 'x.eml'), 'latin1'))
      .replace(/^Message-ID: .*$/im, 'Message-ID: <correction-1@yibin-demo.gov.cn>')
      .replace(/^Date: .*$/im, 'Date: Sat, 17 Aug 2013 09:00:00 +0800');
    await writeFile(join(folder, 'in', 'x.eml'), raw, 'latin1');
    const before = (await smtp.delivered()).length;
    const run = await campaign.cli(['run', '--mailbox-dir', join(folder, 'in'), '--data', campaign.dataDir]);
    expect(run.code, run.stderr).toBe(0);
    const sent = await campaign.cli(['receipts', '--send']);
    expect(sent.code, sent.stderr).toBe(0);
    const delivered = (await smtp.delivered()).slice(before);
    expect(delivered.map((entry) => entry.rcptTos)).toEqual([['jingfa@yibin-demo.gov.cn']]);
  });
});

describe('reminders', () => {
  it('reminds exactly the units 未报送, 材料不全 or 数据有误, once per round', async () => {
    const status = JSON.parse((await campaign.cli(['status', '--json'])).stdout) as { units: { unit: string; status: string }[] };
    const due = status.units.filter((unit) => ['未报送', '材料不全', '数据有误'].includes(unit.status)).map((unit) => unit.unit);
    const addresses = new Set(due.flatMap((name) => campaign.campaign.roster.find((unit) => unit.name === name)!.emails));
    const preview = await campaign.cli(['remind']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('本轮催报：截止后 1 天');
    const before = (await smtp.delivered()).length;
    const sent = await campaign.cli(['remind', '--send']);
    expect(sent.code, `${sent.stdout}\n${sent.stderr}`).toBe(0);
    const reminders = (await smtp.delivered()).slice(before);
    expect(new Set(reminders.flatMap((entry) => entry.rcptTos))).toEqual(addresses);
    expect(reminders).toHaveLength(addresses.size);
    expect(new Set(reminders.map((entry) => entry.subject)).size).toBe(reminders.length);

    const again = await campaign.cli(['remind', '--send']);
    expect(again.code, again.stderr).toBe(0);
    expect(await smtp.delivered()).toHaveLength(before + reminders.length);

    // A later round (two days after the deadline, long past for this 2013 campaign): once more.
    await appendFile(join(campaign.dir, 'campaign.yaml'), '\n');
    const { readFile, writeFile } = await import('node:fs/promises');
    const yaml = await readFile(join(campaign.dir, 'campaign.yaml'), 'utf8');
    await writeFile(
      join(campaign.dir, 'campaign.yaml'),
      yaml.replace(
        /^notify:\n/m,
        'notify:\n  rounds:\n    - { daysBefore: 2, at: "09:00" }\n    - { daysAfter: 1, at: "09:00" }\n    - { daysAfter: 2, at: "09:00" }\n',
      ),
    );
    const next = await campaign.cli(['remind', '--send']);
    expect(next.code, `${next.stdout}\n${next.stderr}`).toBe(0);
    expect(next.stdout).toContain('截止后 2 天');
    expect((await smtp.delivered()).slice(before + reminders.length)).toHaveLength(addresses.size);
  });
});
