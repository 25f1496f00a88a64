/**
 * The 发信 page against the real `huizong serve`, a real SMTP server (aiosmtpd) and the test
 * Dovecot: the preview lists the units a receipt would go to, 发送回执 sends them (read back over
 * IMAP), the outbox list shows them 已发送, and a replayed form without the token sends nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fewUnitsMailbox, type OutboundCampaign, outboundCampaign } from '../mail/outbound-campaign.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { http } from '../support/http.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';

let dovecot: DovecotServer;
let smtp: SmtpServer;
let campaign: OutboundCampaign;
let server: RunningConsole;
let base: string;

/** Delivered-To of every message in the sink's INBOX. */
async function arrived(): Promise<string[]> {
  const client = await dovecot.client(SINK);
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      if ((client.mailbox as { exists: number }).exists === 0) return [];
      const to: string[] = [];
      for await (const message of client.fetch('1:*', { source: true }))
        to.push(/^Delivered-To: (.*)$/m.exec(message.source!.toString())?.[1]?.trim() ?? '');
      return to;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** A browser's session: its cookie and the CSRF token of the 发信 page's forms. */
async function openOutbox(): Promise<{ cookie: string; csrf: string; body: string; status: number }> {
  const response = await http(new URL('/outbox', base).href);
  const setCookie = response.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1] ?? '';
  return { cookie, csrf, body: response.body, status: response.status };
}

const rowsOf = (body: string, table: string): string =>
  new RegExp(`<table class="grid" id="${table}">([\\s\\S]*?)</table>`).exec(body)?.[1] ?? '';

beforeAll(async () => {
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
  campaign = await outboundCampaign(dovecot, smtp, { mailboxDir: await fewUnitsMailbox() });
  server = await startServe(['--campaign', campaign.dir, '--data', campaign.dataDir, '--out', join(campaign.dir, 'out')], campaign.env);
  base = server.url;
}, 180_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  await smtp?.stop();
  await dovecot?.dispose();
});

describe('the 发信 page', () => {
  it('previews the receipts, sends them with 发送回执, lists them 已发送, and refuses a replay without the token', async () => {
    const origin = `http://${new URL(base).host}`;
    const before = await openOutbox();
    expect(before.status, before.body).toBe(200);
    expect(before.csrf).not.toBe('');
    const session = before;
    expect(before.body).toContain('<a href="/outbox" class="current" aria-current="page">发信</a>');
    expect(before.body).toContain('已配置发信服务器');
    const preview = rowsOf(before.body, 'preview-receipt');
    const units = [...preview.matchAll(/<tr data-unit="([^"]+)">/g)].map((match) => match[1]!);
    expect(units).toContain('区经济发展局');
    expect(units).toContain('庞村镇');
    expect(new Set(units).size).toBe(units.length);
    expect(preview).toContain('jingfa@yibin-demo.gov.cn');
    expect(before.body).toContain('<button type="submit">发送回执</button>');
    expect(before.body).toContain('<button type="submit">发送催报</button>');
    expect(before.body).toContain('还没有发过邮件');
    // Showing the preview sent nothing.
    expect(await smtp.transactions()).toEqual([]);

    const sent = await http(new URL('/actions/send-receipts', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin },
      form: { _csrf: session.csrf },
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe('/outbox');

    const rosterAddresses = new Set(campaign.campaign.roster.filter((unit) => units.includes(unit.name)).flatMap((unit) => unit.emails));
    const delivered = (await smtp.delivered()).flatMap((entry) => entry.rcptTos ?? []);
    expect(new Set(delivered)).toEqual(rosterAddresses);
    expect((await arrived()).sort()).toEqual([...delivered].sort());

    const after = await http(new URL('/outbox', base).href, { headers: { cookie: session.cookie } });
    expect(after.body).toContain(`已发送回执 ${units.length} 封`);
    const list = rowsOf(after.body, 'outbox-list');
    expect([...list.matchAll(/data-state="已发送"/g)]).toHaveLength(units.length);
    for (const unit of units) expect(list).toContain(`<td>${unit}</td>`);
    expect(rowsOf(after.body, 'preview-receipt')).toBe('');
    const journal = await readFile(join(campaign.dataDir, 'console-journal.jsonl'), 'utf8');
    expect(journal).toContain('"action":"send-receipts"');

    // The same form replayed without the token: refused, nothing sent.
    const replay = await http(new URL('/actions/send-receipts', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin },
      form: {},
    });
    expect(replay.status).toBe(403);
    expect((await smtp.delivered()).flatMap((entry) => entry.rcptTos ?? [])).toHaveLength(delivered.length);
  }, 180_000);

  it('shows a reminder whose answer never came as 可能已发送 with 确认已收到 and 重发, and 确认已收到 makes it 已发送', async () => {
    const origin = `http://${new URL(base).host}`;
    const session = await openOutbox();
    expect(rowsOf(session.body, 'preview-reminder')).toContain('<tr data-unit="区规划建设局">');
    await smtp.refuse([{ stage: 'data', match: { subjectContains: '区规划建设局' }, action: 'deliver-then-drop', times: 1 }]);
    const sent = await http(new URL('/actions/send-reminders', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin },
      form: { _csrf: session.csrf },
    });
    expect(sent.status).toBe(303);
    const page = await http(new URL('/outbox', base).href, { headers: { cookie: session.cookie } });
    const row = /<tr data-entry="(reminder-[0-9a-f]{16})" data-state="可能已发送">(.*?)<\/tr>/.exec(rowsOf(page.body, 'outbox-list'));
    expect(row, page.body).not.toBeNull();
    expect(row![2]).toContain('<td>区规划建设局</td>');
    expect(row![2]).toContain('确认已收到');
    expect(row![2]).toContain('重发');
    const deliveredBefore = (await smtp.delivered()).length;

    const confirm = await http(new URL('/actions/outbox-confirm', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin },
      form: { _csrf: session.csrf, entry: row![1]! },
    });
    expect(confirm.status).toBe(303);
    const after = await http(new URL('/outbox', base).href, { headers: { cookie: session.cookie } });
    expect(after.body).toContain('不再重发');
    expect(after.body).toContain(`<tr data-entry="${row![1]}" data-state="已发送">`);
    expect((await smtp.delivered()).length).toBe(deliveredBefore);
  }, 180_000);
});
