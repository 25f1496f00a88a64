/**
 * The console in a real Chromium, against the real `huizong serve` on the demo campaign: the
 * clerk's day from the 总览 to the downloaded workbook. Screenshots of every page at 1366×768
 * and 1024×768 go to $HUIZONG_SCREENSHOTS when set (to look at them; the test compares no pixels).
 */
import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { launchChromium, OFFICE_VIEWPORT } from '../support/chromium.js';
import { demoCampaignWithMail } from '../support/console-campaign.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { tempDir } from '../support/temp-dir.js';
import { NARROW_VIEWPORT, shootAsIs, shootBothSizes } from './screenshots.js';

const TITLE = '政府信息公开保密审查专项检查';
let campaignDir: string;
let mailboxDir: string;
let server: RunningConsole;
let browser: Browser;
let page: Page;

const at = (path: string) => new URL(path, server.url).href;

beforeAll(async () => {
  campaignDir = await demoCampaignWithMail();
  // An empty folder the console polls: the test drops a message in and presses 立即收信.
  mailboxDir = await tempDir('huizong-console-mailbox-');
  server = await startServe(['--campaign', campaignDir, '--mailbox-dir', mailboxDir]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: OFFICE_VIEWPORT, acceptDownloads: true, locale: 'zh-CN' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
});

/** The page is no wider than the screen at 1024 pixels (nothing to scroll sideways). */
async function fitsNarrowScreen(path: string): Promise<number> {
  await page.setViewportSize(NARROW_VIEWPORT);
  await page.goto(at(path));
  // The page's own measure of its width (run in the browser; this file has no DOM types).
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  await page.setViewportSize(OFFICE_VIEWPORT);
  return overflow;
}

describe('the console in Chromium', () => {
  it('shows every roster unit with its status on 总览, units and mail counted apart', async () => {
    await page.goto(server.url);
    const roster = (await readFile(join(campaignDir, 'roster.csv'), 'utf8'))
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',')[0]!.replace(/^\uFEFF/, ''));
    const rows = page.locator('#units tbody tr');
    await expect.poll(() => rows.count()).toBe(roster.length);
    expect(await page.locator('#units tbody tr td:nth-child(2)').allTextContents()).toEqual(roster);
    for (const status of ['按时报送', '逾期报送', '未报送', '待核实']) expect(await page.locator('#units').textContent()).toContain(status);
    // The 待核实 card counts units; doubtful mail is counted apart, as mail, and named so.
    expect(await page.locator('#status-counts').textContent()).toContain('单位（名单中 18 个），按报送情况');
    expect(await page.locator('#doubtful-count').textContent()).toMatch(/^\d+封待认定单位$/);
    expect(await page.locator('#status-counts').textContent()).not.toContain('来信');
    expect(await page.locator('svg.chart').count()).toBe(1);
    // 截止 sits above the plot: the running total's line never reaches it.
    const label = await page.locator('svg.chart text', { hasText: '截止' }).boundingBox();
    const line = await page.locator('svg.chart polyline').boundingBox();
    expect(label!.y + label!.height).toBeLessThanOrEqual(line!.y + 1);
    await shootBothSizes(page, server.url, '1-总览');
  });

  it('shows a doubtful message by sender, subject and time, its files as links, and refuses 认定 without a reason', async () => {
    await page.goto(at('/pending'));
    await shootBothSizes(page, at('/pending'), '3-待核实');
    const item = page.locator('.pending-item').first();
    expect(await item.locator('.message-name .sender').textContent()).not.toBe('');
    expect(await item.locator('.msg-id').textContent()).toMatch(/^[0-9a-f]{12}$/);
    // The table can be opened before deciding.
    const download = page.waitForEvent('download');
    await item.locator('ul.files a').first().click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    // The browser does not send 认定 without a reason (the server refuses it too: doors.test.ts).
    const unit = await firstUnitWithStatus('未报送');
    await page.goto(at('/pending'));
    await item.locator('select[name=unit]').selectOption(unit);
    await item.getByRole('button', { name: '认定' }).click();
    expect(page.url()).toBe(at('/pending'));
    expect(await page.locator('.flash[role=status]').count()).toBe(0);
  });

  it('assigns a doubtful message with 认定, names it in the flash and in 已作出的认定, and the unit’s status changes', async () => {
    await page.goto(at('/pending'));
    const item = page.locator('.pending-item').first();
    const message = (await item.getAttribute('data-message'))!;
    const sender = (await item.locator('.message-name .sender').textContent())!;
    const unit = await firstUnitWithStatus('未报送');
    expect(await statusOf(unit)).toBe('未报送');
    await item.locator('select[name=unit]').selectOption(unit);
    await item.locator('input[name=reason]').first().fill('已电话核实');
    await item.getByRole('button', { name: '认定' }).click();
    await page.waitForURL(/\/pending$/);
    const flash = (await page.locator('.flash.ok').textContent()) ?? '';
    expect(flash).toContain(`已把${sender} `);
    expect(flash).toContain(`（编号 ${message}）认定为${unit}的来信`);
    expect(await page.locator(`.pending-item[data-message="${message}"]`).count()).toBe(0);
    const decided = page.locator(`#decided tr[data-message="${message}"]`);
    expect(await decided.locator('.sender').textContent()).toBe(sender);
    expect(await decided.getByRole('button', { name: '撤销' }).count()).toBe(1);
    await shootAsIs(page, '3b-待核实-已认定');
    expect(await statusOf(unit)).not.toBe('未报送');
    expect(await readFile(join(campaignDir, 'decisions.yaml'), 'utf8')).toContain(`message: "${message}"`);
  });

  it('shows a unit’s messages, its materials, the table as read with each value’s cell, the cell a problem names marked', async () => {
    await page.goto(server.url);
    await page.locator('#units').getByRole('link', { name: '庞村镇', exact: true }).click();
    await page.waitForURL(/\/unit\//);
    expect(await page.locator('h1').textContent()).toBe('庞村镇');
    expect(await page.locator('#messages').textContent()).toContain('.xlsx');
    expect(await page.locator('#messages .message-name .sender').first().textContent()).toBe('庞村镇办公室');
    // No basis in small print on every row: the server's time is the rule and goes unsaid.
    expect(await page.locator('#messages').textContent()).not.toContain('Received');
    expect(await page.locator('#materials li.received').count()).toBe(2);
    expect(await page.locator('table.as-read td.cell .addr').count()).toBeGreaterThan(5);
    expect(await page.locator('table.as-read td.cell[data-cell="H7"] .addr').textContent()).toBe('H7');
    expect(await page.locator('#coverage').textContent()).toContain('制度建设');
    await shootBothSizes(page, page.url(), '2-单位');
    const download = page.waitForEvent('download');
    await page.locator('#messages a[download]').first().click();
    expect((await (await download).path()) && true).toBe(true);

    await page.goto(at(`/unit/${encodeURIComponent('区经济发展局')}`));
    const marked = page.locator('table.as-read td.cell-error[data-cell="D7"]');
    expect(await marked.count()).toBe(1);
    expect(await marked.locator('.cell-problem').textContent()).toContain('不是数字');
    expect(await page.locator('#problems').textContent()).toContain('D7');
    expect(await page.locator('#unit-status').textContent()).not.toMatch(/逾期报送（逾期）/);
    await shootBothSizes(page, page.url(), '2b-单位-数据有误');
    await page.goto(at(`/unit/${encodeURIComponent('寇店镇')}`));
    expect(await page.locator('#unit-status').textContent()).toContain('逾期报送');
    expect(await page.locator('#unit-status').textContent()).not.toContain('（逾期）');
  });

  it('explains 去掉 and 免予通报, finalizes with 定稿, says what is final, and locks the list', async () => {
    await page.goto(at('/circular'));
    expect(await page.locator('#circular-units').textContent()).toContain('未报送');
    expect(await page.locator('main').textContent()).toContain('去掉——本不该列入');
    expect(await page.locator('main').textContent()).toContain('免予通报——按规则应通报，但经批准不予通报');
    expect(await page.locator('main').getByRole('button', { name: '撤回' }).count()).toBe(0);
    await shootBothSizes(page, at('/circular'), '4-通报');
    await page.getByRole('button', { name: '定稿' }).click();
    await page.waitForURL(/\/circular$/);
    const flash = (await page.locator('.flash.ok').textContent()) ?? '';
    expect(flash).toContain('通报已定稿');
    expect(flash).toContain(`定稿的是《${TITLE}通报.docx》`);
    expect(flash).toMatch(/通报 \d+ 个单位：/);
    // The documents are written behind the page: the flash says so, and a download waits for them.
    expect(flash).toContain('汇总表和公文正在按此重新生成');
    expect(await page.locator('#circular-state').textContent()).toContain('已定稿');
    // Nothing on the page edits a final circular.
    expect(await page.locator('form.take-out, #circular-add, #circular-meta form').count()).toBe(0);
    expect(await page.getByRole('button', { name: '改回草稿' }).count()).toBe(1);
    await shootAsIs(page, '4c-通报-已定稿');
    expect((await page.request.get(at('/outputs/circular-final'))).status()).toBe(200);
    expect(existsSync(join(campaignDir, 'out', `${TITLE}通报.docx`))).toBe(true);
    expect(existsSync(join(campaignDir, 'out', `${TITLE}通报（草稿）.docx`))).toBe(false);
    expect(await readFile(join(campaignDir, 'decisions.yaml'), 'utf8')).toContain('final: true');
  });

  it('shows the circular’s pages as pictures that enlarge when clicked (LibreOffice and pdftoppm)', async () => {
    await page.goto(at('/circular'));
    await page.getByRole('button', { name: '生成页面预览' }).click();
    await page.waitForURL(/\/circular\?preview=/, { timeout: 120_000 });
    const thumbs = page.locator('#preview a.page-thumb img');
    expect(await thumbs.count()).toBeGreaterThan(0);
    expect(await thumbs.first().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(800);
    expect((await thumbs.first().boundingBox())!.width).toBeLessThan(300);
    await page.locator('#preview a.page-thumb').first().click();
    const big = page.locator('.lightbox:target img');
    await expect.poll(() => big.isVisible()).toBe(true);
    expect((await big.boundingBox())!.width).toBeGreaterThan(700);
    await shootAsIs(page, '4b-通报预览-放大');
    await page.getByRole('link', { name: '关闭' }).first().click();
    await expect.poll(() => big.count()).toBe(0);
  }, 180_000);

  it('reports after 定稿 that the final circular was kept, never also that it was made', async () => {
    await page.goto(at('/outputs'));
    await page.getByRole('button', { name: '重新汇总' }).click();
    await page.waitForURL(/\/outputs$/);
    expect(await page.locator('.flash[role=status]').textContent()).toContain('汇总表和公文都已是最新，没有重写任何文件');
    // A change that rewrites the summary, not the circular: saved from the 模板 page.
    await page.goto(at('/templates'));
    const area = page.locator('#template-summary textarea');
    await area.fill(`${await area.inputValue()}\n【正文】特此报告。\n`);
    await page.locator('#template-summary').getByRole('button', { name: '检查并保存' }).click();
    await page.waitForURL(/\/templates#template-summary$/);
    const lines = await page.locator('.flash.ok li').allTextContents();
    const made = lines.find((line) => line.startsWith('已重新生成：')) ?? '';
    expect(made).toContain(`汇总表（工作用）《${TITLE}汇总表.xlsx》`);
    expect(made).toContain(`汇总报告《${TITLE}汇总报告.docx》`);
    expect(made).not.toContain('通报');
    expect(lines).toContain(`定稿的通报《${TITLE}通报.docx》保持原样：通报名单、发文字号、成文日期和模板都没有变化`);
    expect(lines.join()).not.toContain('保留原文件未重写');
    await shootAsIs(page, '6c-模板-已保存');
  });

  it('downloads the workbook from the link named 汇总表, a workbook exceljs opens', async () => {
    await page.goto(at('/outputs'));
    await shootBothSizes(page, at('/outputs'), '5-输出');
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

  it('numbers the template’s lines, reports an unclosed }} once on its line, and puts the cursor there', async () => {
    await page.goto(at('/templates'));
    await shootBothSizes(page, at('/templates'), '6-模板');
    const panel = page.locator('#template-summary');
    const area = panel.locator('textarea');
    const lines = (await area.inputValue()).split('\n');
    expect(await panel.locator('.gutter div').count()).toBe(lines.length);
    const broken = [...lines.slice(0, 20), '【正文】截至{{date generatedAt}，全区开展了自查。', ...lines.slice(20)].join('\n');
    await area.fill(broken);
    await panel.getByRole('button', { name: '检查并保存' }).click();
    const issues = page.locator('#template-summary .template-issues li');
    await expect.poll(() => issues.count()).toBe(1);
    expect(await issues.first().textContent()).toMatch(/^第 21 行第 \d+ 列：/);
    expect(await page.locator('#template-summary .gutter div.bad').allTextContents()).toEqual(['21']);
    await issues.first().locator('a').click();
    const cursorLine = await page
      .locator('#template-summary textarea')
      .evaluate(
        (element) =>
          (element as unknown as { value: string; selectionStart: number }).value
            .slice(0, (element as unknown as { selectionStart: number }).selectionStart)
            .split('\n').length,
      );
    expect(cursorLine).toBe(21);
    await shootAsIs(page, '6b-模板错误');
    const onDisk = await readFile(join(campaignDir, 'templates', '汇总报告.txt'), 'utf8');
    expect(onDisk).not.toContain('{{date generatedAt}，全区');
  });

  it('lists every stored message on 来信记录 within a 1024-pixel screen, files as links, filterable by outcome', async () => {
    await page.goto(at('/messages'));
    const all = await page.locator('#message-log tbody tr').count();
    expect(all).toBe(
      (await readdir(join(campaignDir, 'data', 'mail'), { recursive: true })).filter((name) => String(name).endsWith('.eml')).length,
    );
    expect(await page.locator('#message-log ul.files a').count()).toBeGreaterThan(all);
    expect(await fitsNarrowScreen('/messages')).toBe(0);
    await shootBothSizes(page, at('/messages'), '7-来信记录');
    await page.goto(at('/messages'));
    await page.locator('select[name=outcome]').selectOption({ label: '无关邮件' });
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL(/outcome=unrelated/);
    const filtered = await page.locator('#message-log tbody tr').count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
  });

  it('answers a malformed address with a Chinese page and a way back', async () => {
    await page.goto(at('/unit/%E0%A4%A'));
    expect(await page.locator('h1').textContent()).toBe('请求有误');
    expect(await page.locator('main').textContent()).toContain('网址有误');
    expect(await page.getByRole('link', { name: '返回总览' }).count()).toBe(1);
    await shootBothSizes(page, at('/unit/%E0%A4%A'), '9-网址有误');
  });

  it('takes in new mail with 立即收信 and says on 总览, in words, what it took in', async () => {
    await page.goto(server.url);
    const before = Number(await page.locator('#message-count').getAttribute('data-count'));
    const demo = join(packageRoot(), 'examples', 'mailbox');
    const first = (await readdir(demo)).filter((name) => name.endsWith('.eml')).sort()[0]!;
    await copyFile(join(demo, first), join(mailboxDir, 'new.eml'));
    await page.getByRole('button', { name: '立即收信' }).click();
    await page.waitForURL(server.url);
    // The page reloads itself when the poll is done (server-sent events): the poll line appears.
    await expect
      .poll(async () => (await page.locator('#last-poll').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}，从文件夹读取 1 封邮件，没有新的来信$/);
    expect(Number(await page.locator('#message-count').getAttribute('data-count'))).toBe(before);
  });
});

describe('the bundled demo campaign in Chromium', () => {
  it('says 示例活动，只能查看 on top of every page and shows no form that would be refused', async () => {
    const demo = await startServe([], {}, await tempDir('huizong-console-demo-'));
    try {
      for (const path of ['/', '/pending', '/circular', '/templates', '/outbox']) {
        await page.goto(new URL(path, demo.url).href);
        expect(await page.locator('#read-only').textContent(), path).toContain('示例活动，只能查看。');
        expect(
          await page
            .locator('form[action="/actions/assign"], form[action="/actions/circular-final"], form[action="/actions/template"] button')
            .count(),
          path,
        ).toBe(0);
      }
      // The poll button says why it cannot be pressed.
      await page.goto(demo.url);
      expect(await page.getByRole('button', { name: '立即收信' }).isDisabled()).toBe(true);
      expect(await page.locator('#poll-why').textContent()).toContain('没有配置收信邮箱');
      await shootBothSizes(page, demo.url, '10-示例活动');
      await shootBothSizes(page, new URL('/pending', demo.url).href, '10b-示例活动-待核实');
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  }, 120_000);
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
