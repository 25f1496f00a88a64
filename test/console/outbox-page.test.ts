/**
 * The 发信 page against the real `huizong serve`, a real SMTP server (aiosmtpd) and the test
 * Dovecot. Nothing goes at one click: 发送回执 first names how many mails go to whom, the send
 * runs with its progress shown and ends with its result; a plan that changed since it was
 * confirmed sends nothing; a form without the token sends nothing. A failure — a refused
 * connection, a server without AUTH, a 5xx — is told on the 发信 page in plain Chinese (what
 * failed, the server's own words, what to check), never as an error page. In Chromium too, with
 * screenshots at 1366×768 and 1024×768 when HUIZONG_SCREENSHOTS is set.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataLock } from '../../intake/store/data-lock.js';
import { fewUnitsMailbox, type OutboundCampaign, outboundCampaign } from '../mail/outbound-campaign.js';
import { launchChromium, OFFICE_VIEWPORT } from '../support/chromium.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { type DovecotServer, freePort, startDovecot } from '../support/dovecot.js';
import { http } from '../support/http.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';
import { shootBothSizes } from './screenshots.js';

let dovecot: DovecotServer;
let smtp: SmtpServer;
let noAuthSmtp: SmtpServer;
let campaign: OutboundCampaign;
let server: RunningConsole;
let base: string;
let origin: string;
let browser: Browser;
let page: Page;

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
  // The 发信 page itself may hold no form (its sends are links to the question): the session's
  // token is the same on every page, so take it from 总览's 立即收信 when it is not here.
  const tokenIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  const csrf = tokenIn(response.body) ?? tokenIn((await http(new URL('/', base).href, { headers: { cookie } })).body) ?? '';
  return { cookie, csrf, body: response.body, status: response.status };
}

const rowsOf = (body: string, table: string): string =>
  new RegExp(`<table class="grid" id="${table}">([\\s\\S]*?)</table>`).exec(body)?.[1] ?? '';

/** The confirm page of a kind, and the plan fingerprint its form carries. */
async function confirmPage(cookie: string, kind: 'receipt' | 'reminder'): Promise<{ body: string; plan: string }> {
  const response = await http(new URL(`/outbox/confirm?kind=${kind}`, base).href, { headers: { cookie } });
  expect(response.status, response.body).toBe(200);
  return { body: response.body, plan: /name="plan" value="([0-9a-f]{16})"/.exec(response.body)?.[1] ?? '' };
}

async function send(session: { cookie: string; csrf: string }, form: Record<string, string>): Promise<void> {
  const answer = await http(new URL('/actions/send', base).href, {
    method: 'POST',
    headers: { cookie: session.cookie, origin },
    form: { _csrf: session.csrf, ...form },
  });
  expect(answer.status, answer.body).toBe(303);
  expect(answer.headers.location).toBe('/outbox#send-job');
}

/** Waits until the batch has ended (the page's script asks the same), then the page as the clerk sees it. */
async function finished(cookie: string): Promise<string> {
  for (;;) {
    const job = JSON.parse((await http(new URL('/outbox/job', base).href, { headers: { cookie } })).body) as { running: boolean };
    if (!job.running) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const shown = await http(new URL('/outbox', base).href, { headers: { cookie } });
  expect(shown.status).toBe(200);
  return shown.body;
}

/** The job panel of the 发信 page: from its start to the first plan section. */
function jobPanel(body: string): string {
  const start = body.indexOf('id="send-job"');
  return start < 0 ? '' : body.slice(start, body.indexOf('<section id="plan-receipt"', start));
}

let smtpPort = 0;

/** campaign.yaml's smtp: port changed, as the IT person would (the console reads the folder again). */
async function setSmtpPort(port: number): Promise<void> {
  const path = join(campaign.dir, 'campaign.yaml');
  const yaml = await readFile(path, 'utf8');
  const smtpAt = yaml.indexOf('\nsmtp:');
  await writeFile(path, yaml.slice(0, smtpAt) + yaml.slice(smtpAt).replace(`  port: ${smtpPort}`, `  port: ${port}`));
  smtpPort = port;
}

beforeAll(async () => {
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
  noAuthSmtp = await startSmtpServer(dovecot, { noAuth: true });
  campaign = await outboundCampaign(dovecot, smtp, { mailboxDir: await fewUnitsMailbox() });
  smtpPort = smtp.port;
  server = await startServe(['--campaign', campaign.dir, '--data', campaign.dataDir, '--out', join(campaign.dir, 'out')], campaign.env);
  base = server.url;
  origin = `http://${new URL(base).host}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
  await smtp?.stop();
  await noAuthSmtp?.stop();
  await dovecot?.dispose();
});

describe('the 发信 page', () => {
  it('asks first, naming how many receipts go to which units; a stale plan sends nothing', async () => {
    const session = await openOutbox();
    expect(session.status, session.body).toBe(200);
    expect(session.body).toContain('<a href="/outbox" class="current" aria-current="page">发信</a>');
    const units = [...rowsOf(session.body, 'preview-receipt').matchAll(/<tr data-unit="([^"]+)">/g)].map((match) => match[1]!);
    expect(units).toContain('庞村镇');
    // The page offers no button that sends: a link to the question.
    expect(session.body).toContain('<a class="button" href="/outbox/confirm?kind=receipt">发送回执……</a>');
    expect(session.body).not.toContain('<button type="submit">发送回执</button>');

    const confirm = await confirmPage(session.cookie, 'receipt');
    expect(confirm.body).toContain(`将向 ${units.length} 个单位发送回执，共 ${units.length} 封。`);
    for (const unit of units) expect(rowsOf(confirm.body, 'confirm-list')).toContain(`<td>${unit}</td>`);
    expect(confirm.body).toContain(`确认发送这 ${units.length} 封回执`);
    expect(await smtp.transactions()).toEqual([]);

    // A plan that is not the one shown now (new mail came in meanwhile): nothing goes.
    await send(session, { kind: 'receipt', plan: '0'.repeat(16) });
    const stale = await finished(session.cookie);
    expect(jobPanel(stale)).toContain('要发送的邮件与确认时不同了');
    expect(await smtp.transactions()).toEqual([]);
  });

  it('shows the batch in progress, then its result; every receipt arrives; a replay without the token sends nothing', async () => {
    const session = await openOutbox();
    const { plan, body } = await confirmPage(session.cookie, 'receipt');
    const count = Number(/将向 \d+ 个单位发送回执，共 (\d+) 封/.exec(body)![1]);
    // Another writer holds the data: the batch waits, and the page says it is under way.
    const held = await acquireDataLock(campaign.dataDir, { command: 'test', waitMs: 0 });
    try {
      await send(session, { kind: 'receipt', plan });
      const during = await http(new URL('/outbox', base).href, { headers: { cookie: session.cookie } });
      expect(jobPanel(during.body)).toContain('正在发送回执');
      expect(during.body).toContain('data-job-url="/outbox/job"');
      expect(JSON.parse((await http(new URL('/outbox/job', base).href, { headers: { cookie: session.cookie } })).body)).toMatchObject({
        running: true,
      });
      // A second batch is not started meanwhile.
      const again = await http(new URL('/outbox/confirm?kind=reminder', base).href, { headers: { cookie: session.cookie } });
      expect(again.status).toBe(303);
    } finally {
      await held.release();
    }
    const after = await finished(session.cookie);
    expect(jobPanel(after)).toContain(`发送完成`);
    expect(jobPanel(after)).toContain(`已发送回执 ${count} 封`);
    expect((jobPanel(after).match(/<li>[^<]*已发送 回执/g) ?? []).length).toBe(count);
    const delivered = (await smtp.delivered()).flatMap((entry) => entry.rcptTos ?? []);
    expect(delivered).toHaveLength(count);
    expect((await arrived()).sort()).toEqual([...delivered].sort());
    expect([...rowsOf(after, 'outbox-list').matchAll(/data-state="已发送"/g)]).toHaveLength(count);
    const journal = await readFile(join(campaign.dataDir, 'console-journal.jsonl'), 'utf8');
    expect(journal).toContain('"action":"send-receipts"');

    const replay = await http(new URL('/actions/send', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin },
      form: { kind: 'receipt', plan },
    });
    expect(replay.status).toBe(403);
    expect((await smtp.delivered()).length).toBe(count);
  }, 180_000);

  it('says in plain Chinese why nothing went: a refused connection, then a server without AUTH', async () => {
    const session = await openOutbox();
    const closed = await freePort();
    await setSmtpPort(closed);
    await send(session, { kind: 'reminder', plan: (await confirmPage(session.cookie, 'reminder')).plan });
    let shown = await finished(session.cookie);
    expect(jobPanel(shown)).toContain(`连不上发信服务器 127.0.0.1:${closed}：对方拒绝连接`);
    expect(jobPanel(shown)).toContain('请检查');
    expect(jobPanel(shown)).toContain('服务器地址和端口是否填对');
    expect(shown).not.toContain('程序内部错误');
    await shootBothSizes(page, new URL('/outbox#send-job', base).href, '8b-发信-连接失败');

    await setSmtpPort(noAuthSmtp.port);
    await send(session, { kind: 'reminder', plan: (await confirmPage(session.cookie, 'reminder')).plan });
    shown = await finished(session.cookie);
    expect(jobPanel(shown)).toContain(`发信服务器 127.0.0.1:${noAuthSmtp.port} 不支持用户名和授权码登录`);
    expect(jobPanel(shown)).toContain('服务器的原话：<code class="server-words">500 Error: command &#39;AUTH&#39; not recognized</code>');
    expect(jobPanel(shown)).not.toMatch(/服务器回答 500：服务器的回答/);
    // Reminders (请…报送…), not the receipts sent before (…材料回执（按时报送）).
    expect((await smtp.delivered()).filter((entry) => /^请/.test(entry.subject ?? ''))).toEqual([]);
    await setSmtpPort(smtp.port);
  }, 180_000);

  it('names the reminder a server refused with 554, its words and what to check; the rest waits', async () => {
    const session = await openOutbox();
    const confirm = await confirmPage(session.cookie, 'reminder');
    const count = Number(/共 (\d+) 封/.exec(confirm.body)![1]);
    await smtp.refuse([
      {
        stage: 'data',
        match: { nth: (await smtp.transactions()).filter((entry) => entry.stage === 'data').length + 2 },
        reply: '554 DT:SPM 发送的邮件内容包含了未被许可的信息',
        times: 1,
      },
    ]);
    await send(session, { kind: 'reminder', plan: confirm.plan });
    const shown = await finished(session.cookie);
    const panel = jobPanel(shown);
    expect(panel).toContain('发送未完成');
    expect(panel).toMatch(/服务器拒收了发给\S+（\S+）的催报《[^》]+》：服务器判定这封邮件是垃圾邮件/);
    expect(panel).toContain(`其余 ${count - 2} 封这次没有发`);
    expect(panel).toContain('服务器的原话：<code class="server-words">554 DT:SPM 发送的邮件内容包含了未被许可的信息</code>');
    expect(panel).toContain('按“重发”');
    expect(shown).toContain('data-state="被拒收"');
    await smtp.refuse([]);
    await shootBothSizes(page, new URL('/outbox#send-job', base).href, '8c-发信-被拒收');
  }, 180_000);

  it('walks the clerk through it in Chromium: the question, the progress, the result', async () => {
    await page.goto(new URL('/outbox', base).href);
    await shootBothSizes(page, new URL('/outbox', base).href, '8-发信');
    await page.getByRole('link', { name: '发送催报……' }).click();
    await page.waitForURL(/\/outbox\/confirm\?kind=reminder/);
    expect(await page.locator('.confirm-question').textContent()).toMatch(/将向 \d+ 个单位发送催报/);
    await shootBothSizes(page, page.url(), '8a-发信-确认');
    await page.getByRole('button', { name: /确认发送这 \d+ 封催报/ }).click();
    await page.waitForURL(/\/outbox#send-job/);
    // The page's script asks for the progress and shows the result when the batch ends.
    await expect.poll(async () => (await page.locator('#send-job').textContent()) ?? '', { timeout: 120_000 }).toContain('发送完成');
    expect(await page.locator('#send-job').textContent()).toMatch(/已发送催报 \d+ 封/);
    await shootBothSizes(page, new URL('/outbox#send-job', base).href, '8d-发信-完成');
  }, 180_000);

  it('shows a reminder whose answer never came as 可能已发送; 重发 asks first; 确认已收到 makes it 已发送', async () => {
    const session = await openOutbox();
    // A round's reminders all went: a new one to another unit comes only from a correction; use a refusal's entry instead.
    const list = rowsOf(session.body, 'outbox-list');
    const refused = /<tr data-entry="(reminder-[0-9a-f]{16})" data-state="被拒收">/.exec(list)?.[1];
    expect(refused, list).toBeDefined();
    const question = await http(new URL(`/outbox/confirm?entry=${refused}`, base).href, { headers: { cookie: session.cookie } });
    expect(question.body).toContain('重发《');
    expect(question.body).toContain('确认重发');
    await smtp.refuse([{ stage: 'data', match: {}, action: 'deliver-then-drop', times: 1 }]);
    await send(session, { entry: refused! });
    const shown = await finished(session.cookie);
    expect(jobPanel(shown)).toContain('不知道对方是否收到');
    const row = new RegExp(`<tr data-entry="${refused}" data-state="可能已发送">(.*?)</tr>`).exec(rowsOf(shown, 'outbox-list'));
    expect(row, shown).not.toBeNull();
    expect(row![1]).toContain('确认已收到');
    expect(row![1]).toContain('重发……');
    const deliveredBefore = (await smtp.delivered()).length;
    const confirm = await http(new URL('/actions/outbox-confirm', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin },
      form: { _csrf: session.csrf, entry: refused! },
    });
    expect(confirm.status).toBe(303);
    const after = await http(new URL('/outbox', base).href, { headers: { cookie: session.cookie } });
    expect(after.body).toContain('不再重发');
    expect(after.body).toContain(`<tr data-entry="${refused}" data-state="已发送">`);
    expect((await smtp.delivered()).length).toBe(deliveredBefore);
    await smtp.refuse([]);
  }, 180_000);
});
