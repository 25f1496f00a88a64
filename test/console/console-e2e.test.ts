/**
 * The console in a real Chromium, against the real `huizong serve` on the demo campaign: the
 * clerk's day from the 总览 to the downloaded workbook. Screenshots of every page at 1366×768
 * go to $HUIZONG_SCREENSHOTS when set (to look at them; the test does not compare pixels).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { launchChromium, OFFICE_VIEWPORT } from '../support/chromium.js';
import { demoCampaignWithMail } from '../support/console-campaign.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { tempDir } from '../support/temp-dir.js';

const TITLE = '政府信息公开保密审查专项检查';
const shots = process.env.HUIZONG_SCREENSHOTS;
let campaignDir: string;
let mailboxDir: string;
let server: RunningConsole;
let browser: Browser;
let page: Page;

async function screenshot(name: string): Promise<void> {
  if (!shots) return;
  await mkdir(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

beforeAll(async () => {
  campaignDir = await demoCampaignWithMail();
  // An empty folder the console polls: the test drops a message in and presses 立即收信.
  mailboxDir = await tempDir('huizong-console-mailbox-');
  server = await startServe(['--campaign', campaignDir, '--mailbox-dir', mailboxDir]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: OFFICE_VIEWPORT, acceptDownloads: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
});

describe('the console in Chromium', () => {
  it('shows every roster unit with its status on 总览', async () => {
    await page.goto(server.url);
    const roster = (await readFile(join(campaignDir, 'roster.csv'), 'utf8'))
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',')[0]!.replace(/^\uFEFF/, ''));
    const rows = page.locator('#units tbody tr');
    await expect.poll(() => rows.count()).toBe(roster.length);
    const names = await page.locator('#units tbody tr td:nth-child(2)').allTextContents();
    expect(names).toEqual(roster);
    for (const status of ['按时报送', '逾期报送', '未报送', '待核实']) expect(await page.locator('#units').textContent()).toContain(status);
    expect(await page.locator('svg.chart').count()).toBe(1);
    await screenshot('1-总览');
  });

  it('assigns a doubtful message with 认定 and shows the unit’s new status', async () => {
    await page.goto(new URL('/pending', server.url).href);
    const item = page.locator('.pending-item').first();
    const message = (await item.getAttribute('data-message'))!;
    await screenshot('3-待核实');
    // A unit that has not reported: whatever the message holds, the unit has mail now.
    const unit = await firstUnitWithStatus('未报送');
    const before = await statusOf(unit);
    expect(before).toBe('未报送');
    await item.locator('select[name=unit]').selectOption(unit);
    await item.locator('input[name=reason]').first().fill('已电话核实');
    await item.getByRole('button', { name: '认定' }).click();
    await page.waitForURL(/\/pending$/);
    expect(await page.locator('.flash.ok').textContent()).toContain(`已把来信 ${message} 认定给${unit}`);
    expect(await page.locator(`[data-message="${message}"]`).count()).toBe(0);
    expect(await page.locator('#decided').textContent()).toContain(unit);
    const after = await statusOf(unit);
    expect(after).not.toBe(before);
    expect(await readFile(join(campaignDir, 'decisions.yaml'), 'utf8')).toContain(`message: "${message}"`);
  });

  it('shows a unit’s messages, the table as read with its cells, problems and report coverage', async () => {
    await page.goto(new URL('/', server.url).href);
    await page.locator('#units').getByRole('link', { name: '庞村镇', exact: true }).click();
    await page.waitForURL(/\/unit\//);
    expect(await page.locator('h1').textContent()).toBe('庞村镇');
    expect(await page.locator('#messages').textContent()).toContain('.xlsx');
    expect(await page.locator('#table-as-read .src').count()).toBeGreaterThan(5);
    expect(await page.locator('#coverage').textContent()).toContain('制度建设');
    await screenshot('2-单位');
    const download = page.waitForEvent('download');
    await page.locator('#messages a[download]').first().click();
    expect((await (await download).path()) && true).toBe(true);
  });

  it('finalizes the circular with 定稿', async () => {
    await page.goto(new URL('/circular', server.url).href);
    await screenshot('4-通报');
    await page.getByRole('button', { name: '定稿' }).click();
    await page.waitForURL(/\/circular$/);
    expect(await page.locator('.panel').first().textContent()).toContain('已定稿');
    expect(existsSync(join(campaignDir, 'out', `${TITLE}通报.docx`))).toBe(true);
    expect(existsSync(join(campaignDir, 'out', `${TITLE}通报（草稿）.docx`))).toBe(false);
    expect(await readFile(join(campaignDir, 'decisions.yaml'), 'utf8')).toContain('final: true');
  });

  it('shows the circular’s pages as images (LibreOffice and pdftoppm)', async () => {
    await page.goto(new URL('/circular', server.url).href);
    await page.getByRole('button', { name: '生成页面预览' }).click();
    await page.waitForURL(/\/circular\?preview=/, { timeout: 120_000 });
    const images = page.locator('#preview img');
    expect(await images.count()).toBeGreaterThan(0);
    // Each image is a real PNG the browser could draw.
    expect(await images.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    await page.locator('#preview').scrollIntoViewIfNeeded();
    await screenshot('4b-通报预览');
  }, 180_000);

  it('downloads the workbook from the link named 汇总表, a workbook exceljs opens', async () => {
    await page.goto(new URL('/outputs', server.url).href);
    await screenshot('5-输出');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: `${TITLE}汇总表.xlsx` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${TITLE}汇总表.xlsx`);
    const saved = join(await tempDir(), 'downloaded.xlsx');
    await file.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('自查情况统计表');
  });

  it('refuses to save a template with a mistake and says where it is', async () => {
    await page.goto(new URL('/templates', server.url).href);
    await screenshot('6-模板');
    const panel = page.locator('#template-summary');
    const area = panel.locator('textarea');
    const original = await area.inputValue();
    await area.fill(`${original}\n【正文】{{campaign.titel}}\n`);
    await panel.getByRole('button', { name: '检查并保存' }).click();
    const issues = page.locator('#template-summary .template-issues');
    await expect.poll(() => issues.count()).toBe(1);
    expect(await issues.textContent()).toMatch(/第 \d+ 行第 \d+ 列：.*campaign\.titel/);
    await screenshot('6b-模板错误');
    const onDisk = await readFile(join(campaignDir, 'templates', '汇总报告.txt'), 'utf8');
    expect(onDisk).not.toContain('titel');
  });

  it('lists every stored message on 来信记录, filterable by outcome', async () => {
    await page.goto(new URL('/messages', server.url).href);
    const all = await page.locator('#message-log tbody tr').count();
    expect(all).toBe(
      (await readdir(join(campaignDir, 'data', 'mail'), { recursive: true })).filter((name) => String(name).endsWith('.eml')).length,
    );
    await screenshot('7-来信记录');
    await page.locator('select[name=outcome]').selectOption({ label: '无关邮件' });
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/outcome=unrelated/);
    const filtered = await page.locator('#message-log tbody tr').count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
  });

  it('takes in new mail with 立即收信 and updates 总览 by itself', async () => {
    await page.goto(server.url);
    const before = Number(await page.locator('#message-count').getAttribute('data-count'));
    const demo = join(packageRoot(), 'examples', 'mailbox');
    const first = (await readdir(demo)).filter((name) => name.endsWith('.eml')).sort()[0]!;
    await copyFile(join(demo, first), join(mailboxDir, 'new.eml'));
    await page.getByRole('button', { name: '立即收信' }).click();
    await page.waitForURL(server.url);
    // The page reloads itself when the poll is done (server-sent events): the poll line appears.
    await expect.poll(async () => (await page.locator('#last-poll').textContent()) ?? '', { timeout: 60_000 }).toContain('收信：读取 1 封');
    expect(Number(await page.locator('#message-count').getAttribute('data-count'))).toBe(before);
  });
});

async function firstUnitWithStatus(status: string): Promise<string> {
  const current = page.url();
  await page.goto(server.url);
  const row = page.locator('#units tbody tr', { has: page.locator('td:nth-child(3)', { hasText: status }) }).first();
  const name = (await row.locator('td:nth-child(2)').textContent()) ?? '';
  await page.goto(current);
  return name;
}

async function statusOf(unit: string): Promise<string> {
  const current = page.url();
  await page.goto(server.url);
  const row = page.locator('#units tbody tr', { has: page.getByRole('link', { name: unit, exact: true }) });
  const text = (await row.locator('td:nth-child(3)').textContent()) ?? '';
  await page.goto(current);
  return text;
}
