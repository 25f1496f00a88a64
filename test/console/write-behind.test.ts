/**
 * A decision's page is current at once and its workbook and documents are written behind it (in
 * a worker thread, under the data lock): a download asked for meanwhile waits for the finished
 * file, never the one before it; the CLI beside the console waits for the data lock the writing
 * holds, then finds nothing to rewrite; the 输出 page says what the writing changed once it is
 * done. For the console of one campaign and for a campaign of a workspace's console. Against the
 * real `huizong serve`, the real CLI and a real Chromium (no timing: the waiting is by the lock,
 * the console's own queue and the page's own reload).
 */
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { launchChromium, OFFICE_VIEWPORT } from '../support/chromium.js';
import { runCli } from '../support/cli.js';
import { demoCampaignWithMail } from '../support/console-campaign.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { http, openSession } from '../support/http.js';
import { tempDir } from '../support/temp-dir.js';
import { shootAsIs } from './screenshots.js';

const NOTHING_TO_REWRITE = '汇总表和公文已是最新，本次未重写';

/** A session of the pages under `base` (a campaign's prefix in a workspace). */
async function sessionAt(base: string): Promise<{ cookie: string; csrf: string }> {
  const response = await http(new URL('pending', base).href);
  const setCookie = response.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)).split(';')[0]!;
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(response.body)![1]! };
}

async function post(base: string, session: { cookie: string; csrf: string }, action: string, form: Record<string, string>) {
  return http(new URL(`actions/${action}`, base).href, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: new URL(base).origin },
    form: { _csrf: session.csrf, ...form },
  });
}

describe('outputs written behind a decision, in the console of one campaign', () => {
  let campaignDir: string;
  let server: RunningConsole;
  let browser: Browser;

  beforeAll(async () => {
    campaignDir = await demoCampaignWithMail();
    server = await startServe(['--campaign', campaignDir]);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server) expect(await server.stop()).toBe(0);
  });

  it('gives a download asked for right after 定稿 the finished final circular', async () => {
    const session = await openSession(server.url);
    const before = await http(new URL('/outputs/circular-final', server.url).href, { headers: { cookie: session.cookie } });
    expect(before.status).toBe(404);
    const posted = await post(server.url, session, 'circular-final', { final: 'true' });
    expect(posted.status).toBe(303);
    // Asked for at once: the file did not exist before the decision, and must come whole.
    const download = await fetch(new URL('/outputs/circular-final', server.url), { headers: { cookie: session.cookie } });
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(unzipSync(new Uint8Array(bytes))['word/document.xml']).toBeDefined();
    // The CLI waits for the data lock the writing holds, and then has nothing to rewrite.
    const merge = await runCli(['merge', '--campaign', campaignDir]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain(NOTHING_TO_REWRITE);
    // What was downloaded is the file as written from the decision, byte for byte.
    const written = (await readdir(join(campaignDir, 'out'))).find((name) => name.endsWith('通报.docx'));
    expect(written).toBeDefined();
    expect(bytes.equals(await readFile(join(campaignDir, 'out', written!)))).toBe(true);
  });

  it('says on the 输出 page, once the files are written, what the decision changed in them', async () => {
    const page = await browser.newPage({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN' });
    await page.goto(new URL('/circular', server.url).href);
    await page.getByRole('button', { name: '改回草稿' }).click();
    await page.waitForURL(/\/circular$/);
    const flash = (await page.locator('.flash.ok').textContent()) ?? '';
    expect(flash).toContain('通报已改回草稿');
    expect(flash).toContain('汇总表和公文正在按此重新生成');
    // Still being written, the page says so and shows the result itself when done (it asks the console).
    await page.goto(new URL('/outputs', server.url).href);
    const lines = page.locator('#outputs-behind li');
    await lines.first().waitFor({ timeout: 120_000 });
    const text = (await lines.allTextContents()).join('\n');
    expect(text).toContain('已重新生成：');
    expect(text).toContain('通报（草稿）');
    await shootAsIs(page, '5b-输出-按决定生成');
    await page.close();
  }, 180_000);
});

describe('outputs written behind a decision, in a workspace console', () => {
  let workspace: string;
  let server: RunningConsole;
  const name = '保密审查';

  beforeAll(async () => {
    workspace = join(await tempDir('huizong-write-behind-'), '秘书科');
    expect((await runCli(['init', join(workspace, name)])).code).toBe(0);
    const mailbox = await tempDir('huizong-write-behind-mail-');
    const demo = join(packageRoot(), 'examples', 'mailbox');
    for (const file of await readdir(demo)) if (file.endsWith('.eml')) await copyFile(join(demo, file), join(mailbox, file));
    server = await startServe(['--workspace', workspace, '--mailbox-dir', mailbox]);
    // The first cycle (at start) has stored, routed and written once the server says so.
    while (!server.stdout.some((line) => line.includes('已更新：'))) await new Promise((resolve) => setTimeout(resolve, 200));
  }, 300_000);

  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0);
  });

  it('gives a download asked for right after a decision the workbook written from it', async () => {
    const base = new URL(`/c/${encodeURIComponent(name)}/`, server.url).href;
    const session = await sessionAt(base);
    const posted = await post(base, session, 'circular', { list: 'exempt', unit: '寇店镇', reason: '经批准' });
    expect(posted.status).toBe(303);
    const download = await fetch(new URL('outputs/workbook', base), { headers: { cookie: session.cookie } });
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const merge = await runCli(['merge', '--workspace', workspace]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain(NOTHING_TO_REWRITE);
    const written = (await readdir(join(workspace, name, 'out'))).find((file) => file.endsWith('汇总表.xlsx'));
    expect(bytes.equals(await readFile(join(workspace, name, 'out', written!)))).toBe(true);
  });
});
