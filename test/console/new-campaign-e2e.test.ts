/**
 * Issue 21 in a real Chromium against the real `huizong serve`: 新建活动 from the office's own
 * files (the 2013 notice as .docx, its 附件2 as .xls through LibreOffice) uploaded in the page,
 * a column's type changed, the roster taken from an earlier campaign of the same folder, 创建;
 * then the new campaign served with the demo mailbox (its units' statuses), and 活动设置: the
 * deadline, a rule with a mistake shown as typed then fixed, a unit added, 测试连接 against the
 * test Dovecot and SMTP server and a refused port. Screenshots of every new page at both sizes
 * go to $HUIZONG_SCREENSHOTS when set.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { launchChromium, OFFICE_VIEWPORT } from '../support/chromium.js';
import { runCli } from '../support/cli.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { type DovecotServer, freePort, startDovecot } from '../support/dovecot.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';
import { tempDir } from '../support/temp-dir.js';
import { shootAsIs, shootBothSizes } from './screenshots.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'setup', 'yibin-2013');
const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');
let workspace: string;
let first: RunningConsole;
let second: RunningConsole | null = null;
let browser: Browser;
let page: Page;
let dovecot: DovecotServer;
let smtp: SmtpServer;

beforeAll(async () => {
  workspace = await tempDir('huizong-workspace-');
  // The earlier campaign, the bundled one's copy: its roster is the one the new campaign takes.
  expect((await runCli(['init', join(workspace, '2013年保密审查')])).code).toBe(0);
  first = await startServe(['--campaign', join(workspace, '2013年保密审查'), '--mailbox-dir', await tempDir('huizong-empty-mail-')]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN' });
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  expect(await first?.stop()).toBe(0);
  if (second) expect(await second.stop()).toBe(0);
  await smtp?.stop();
  await dovecot?.dispose();
});

const newDir = () => join(workspace, '新活动');

describe('新建活动 in Chromium', () => {
  it('reads the uploaded notice and template and shows the table as in Excel, with each column’s type', async () => {
    await page.goto(new URL('/new', first.url).href);
    await shootBothSizes(page, new URL('/new', first.url).href, '21-1-新建活动-上传');
    await page.setInputFiles('input[name=notice]', join(FIXTURES, '关于开展政府信息公开保密审查专项检查的通知.docx'));
    await page.setInputFiles('input[name=tables]', join(FIXTURES, '附件2 自查情况统计表.xls'));
    await page.getByRole('button', { name: '上传并读取' }).click();
    await page.waitForURL(/\/new\/review$/, { timeout: 120_000 });
    expect(await page.locator('input[name=documentNumber]').inputValue()).toBe('伊滨办〔2013〕62号');
    expect(await page.locator('input[name=deadlineDate]').inputValue()).toBe('2013-08-18');
    // Group headers span their sub-columns, as the template's merged cells do.
    expect(await page.locator('table.xl th.xl-head[colspan]').count()).toBeGreaterThan(0);
    expect(await page.locator('table.xl select').count()).toBeGreaterThan(5);
    await shootBothSizes(page, page.url(), '21-2-新建活动-核对');
  });

  it('checks a rule as it is typed, and keeps the clerk’s corrections across a reload', async () => {
    const rules = page.locator('textarea[name=rules]');
    const before = await rules.inputValue();
    await rules.fill(`${before}\n不存在的列 <= 1`);
    await expect
      .poll(() => page.locator('ul.rule-check li').allTextContents(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('不存在的列')]));
    await shootAsIs(page, '21-2b-新建活动-规则有误');
    await rules.fill(before);
    await expect.poll(() => page.locator('ul.rule-check li.ok').count(), { timeout: 20_000 }).toBe(1);
    await page.locator('input[name=deadlineTime]').fill('17:30');
    await page.getByRole('button', { name: '只保存' }).click();
    // The save is a form post and a redirect: reloading before its page has arrived races the
    // navigation (and may reload the page from before the save).
    await page.locator('div.flash.ok[role=status]', { hasText: /^已保存$/ }).waitFor({ timeout: 30_000 });
    await page.reload();
    expect(await page.locator('input[name=deadlineTime]').inputValue()).toBe('17:30');
  });

  it('takes the roster of the earlier campaign and creates the folder that check passes', async () => {
    await page.getByRole('button', { name: '保存，下一步：单位名单' }).click();
    await page.waitForURL(/\/new\/roster$/);
    await page.getByRole('button', { name: '使用这份名单' }).click();
    await page.waitForURL(/\/new\/roster$/);
    expect(await page.locator('#draft-roster tbody tr').count()).toBe(18);
    await shootBothSizes(page, page.url(), '21-3-新建活动-名单');
    await page.locator('input[name=folder]').fill('新活动');
    await page.getByRole('button', { name: '创建活动' }).click();
    await page.locator('#created').waitFor();
    await shootAsIs(page, '21-4-新建活动-已创建');
    expect(existsSync(join(newDir(), '来源文件', '附件2 自查情况统计表.xls'))).toBe(true);
    expect(await readFile(join(newDir(), 'campaign.yaml'), 'utf8')).toContain('2013-08-18T17:30:00+08:00');
    const check = await runCli(['check', '--campaign', newDir()]);
    expect(check.stdout).toContain('未发现错误');
  });
});

describe('the new campaign with mail, and 活动设置', () => {
  const at = (path: string) => new URL(path, second!.url).href;
  /** A page of the console; the 总览 reloads itself when the first poll's merge lands, which may cut a navigation short. */
  const open = async (url: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto(url);
        return;
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('interrupted')) throw error;
      }
    }
  };

  it('takes in the demo mailbox: every roster unit with its status', async () => {
    expect((await runCli(['run', '--campaign', newDir(), '--mailbox-dir', DEMO_MAILBOX])).code).toBe(0);
    second = await startServe(['--campaign', newDir(), '--mailbox-dir', DEMO_MAILBOX]);
    // Another port of the same host: a browser context of its own (cookies name hosts, not ports).
    page = await browser.newPage({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN' });
    await open(second.url);
    await expect.poll(() => page.locator('#units tbody tr').count(), { timeout: 60_000 }).toBe(18);
    for (const status of ['按时报送', '未报送']) expect(await page.locator('#units').textContent()).toContain(status);
  }, 120_000);

  it('saves the deadline, shows a rule’s mistake as typed and saves it fixed, adds a unit', async () => {
    await open(at('/settings'));
    await shootBothSizes(page, at('/settings'), '21-5-活动设置');
    await page.locator('#settings-deadline input[name=date]').fill('2013-08-20');
    await page.locator('#settings-deadline button[type=submit]').click();
    await page.locator('.flash.ok').waitFor();
    expect(await readFile(join(newDir(), 'campaign.yaml'), 'utf8')).toContain('deadline: "2013-08-20T17:30:00+08:00"');
    const rules = page.locator('#settings-rules textarea');
    const before = await rules.inputValue();
    await rules.fill(`${before}\n没有这一列 <= 1`);
    await expect
      .poll(() => page.locator('#settings-rules ul.rule-check li').allTextContents(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('没有这一列')]));
    await shootAsIs(page, '21-5b-活动设置-规则有误');
    // Saved with the mistake: refused, the file unchanged.
    await page.locator('#settings-rules button[type=submit]').click();
    await page.locator('.flash.error').waitFor();
    expect(await readFile(join(newDir(), 'campaign.yaml'), 'utf8')).not.toContain('没有这一列');
    await page.locator('#settings-rules textarea').fill(before);
    await page.locator('#settings-rules button[type=submit]').click();
    await page.locator('.flash.ok').waitFor();
    await page.locator('#add-unit input[name=name]').fill('新设单位');
    await page.locator('#add-unit input[name=emails]').fill('xinshe@example.cn');
    await page.locator('#add-unit button').click();
    await page.locator('.flash.ok').waitFor();
    expect(await readFile(join(newDir(), 'roster.csv'), 'utf8')).toContain('新设单位,,xinshe@example.cn');
    const journal = await readFile(join(newDir(), 'data', 'console-journal.jsonl'), 'utf8');
    expect(journal).toContain('"action":"settings-unit"');
  });

  it('测试连接: logs in to the test Dovecot and SMTP server, says so in Chinese, refuses a closed port', async () => {
    await open(at('/settings'));
    const mailbox = page.locator('#settings-mailbox');
    await mailbox.locator('input[name=host]').fill(dovecot.host);
    await mailbox.locator('input[name=port]').fill(String(dovecot.port));
    await mailbox.locator('input[name=tls]').uncheck();
    await mailbox.locator('input[name=user]').fill(dovecot.user);
    await mailbox.locator('input[name=password]').fill(dovecot.password);
    await mailbox.getByRole('button', { name: '测试连接' }).click();
    await expect.poll(() => page.locator('#answer-mailbox').textContent(), { timeout: 30_000 }).toContain('连接成功');
    expect(await page.locator('#answer-mailbox').textContent()).toContain('INBOX');
    await mailbox.getByRole('button', { name: '保存' }).click();
    await page.locator('.flash.ok').waitFor();
    const stored = join(newDir(), 'data', 'imap-password');
    expect(await readFile(stored, 'utf8')).toBe(dovecot.password);
    expect((await stat(stored)).mode & 0o777).toBe(0o600);
    expect(await readFile(join(newDir(), 'campaign.yaml'), 'utf8')).not.toContain(dovecot.password);
    expect(await page.content()).not.toContain(dovecot.password);
    const sender = page.locator('#settings-smtp');
    await sender.locator('input[name=host]').fill(smtp.host);
    await sender.locator('input[name=port]').fill(String(smtp.port));
    await sender.locator('input[name=tls]').uncheck();
    await sender.locator('input[name=user]').fill(smtp.user);
    await sender.locator('input[name=password]').fill(smtp.password);
    await sender.getByRole('button', { name: '测试连接' }).click();
    await expect.poll(() => page.locator('#answer-smtp').textContent(), { timeout: 30_000 }).toContain('连接成功');
    await sender.locator('input[name=password]').fill('wrong');
    await sender.getByRole('button', { name: '测试连接' }).click();
    await expect.poll(() => page.locator('#answer-smtp').textContent(), { timeout: 30_000 }).toContain('用户名或授权码不对');
    await mailbox.locator('input[name=port]').fill(String(await freePort()));
    await mailbox.getByRole('button', { name: '测试连接' }).click();
    await expect.poll(() => page.locator('#answer-mailbox').textContent(), { timeout: 30_000 }).toContain('连接被拒绝');
    await shootAsIs(page, '21-6-活动设置-测试连接');
  }, 120_000);
});
