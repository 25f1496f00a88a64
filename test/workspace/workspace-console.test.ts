/**
 * The console of a workspace in a real Chromium, against the real `huizong serve --workspace`:
 * the campaign list (title, 文号, deadline, time left, units by status), each campaign's own pages
 * under /c/<name>/ with their own data, switching between campaigns, a campaign made while the
 * console runs, 归档 (read-only pages, outputs still downloadable) and 恢复. Screenshots go to
 * $HUIZONG_SCREENSHOTS when set.
 */
import { copyFile, cp, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { shootAsIs, shootBothSizes } from '../console/screenshots.js';
import { beijing } from '../imap/mail-factory.js';
import { launchChromium, OFFICE_VIEWPORT } from '../support/chromium.js';
import { runCli } from '../support/cli.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { tempDir } from '../support/temp-dir.js';
import { GONGKAI_FILES, GONGKAI_ROSTER, gongkaiSubmission } from './office-mail.js';

const DEMO_MAILBOX = join(packageRoot(), 'examples', 'mailbox');
let workspace: string;
let server: RunningConsole;
let browser: Browser;
let page: Page;

const at = (path: string) => new URL(path, server.url).href;
const campaignPath = (name: string, rest = '') => `/c/${encodeURIComponent(name)}/${rest}`;

beforeAll(async () => {
  workspace = join(await tempDir('huizong-workspace-console-'), '秘书科');
  expect((await runCli(['init', join(workspace, '保密审查')])).code).toBe(0);
  const init = await runCli(['init', join(workspace, '政务公开'), '--from', ...GONGKAI_FILES, '--roster', GONGKAI_ROSTER]);
  expect(init.code, init.stderr).toBe(0);
  // One mailbox (a folder of .eml files) for both: the demo's 22 messages and two units' 政务公开 tables.
  const mailbox = await tempDir('huizong-workspace-console-mail-');
  for (const name of await readdir(DEMO_MAILBOX)) if (name.endsWith('.eml')) await copyFile(join(DEMO_MAILBOX, name), join(mailbox, name));
  const units = [
    { unit: '庞村镇人民政府', address: 'pangcun@yibin.gov.cn', published: 156 },
    { unit: '李村镇人民政府', address: 'licun@yibin.gov.cn', published: 88 },
  ];
  for (const [index, unit] of units.entries())
    await writeFile(
      join(mailbox, `gongkai-${index}.eml`),
      await gongkaiSubmission({ ...unit, sent: beijing(`2026-12-0${index + 4}T10:00:00`), trainings: 0 }),
    );
  server = await startServe(['--workspace', workspace, '--mailbox-dir', mailbox]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: OFFICE_VIEWPORT, acceptDownloads: true, locale: 'zh-CN' });
  // The first cycle (at start) has stored and routed the mail once the server says so.
  while (!server.stdout.some((line) => line.includes('已更新：'))) await new Promise((resolve) => setTimeout(resolve, 200));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  expect(await server?.stop()).toBe(0);
});

/** The active campaigns' rows on the list: title, 文号, time left, the units by status. */
async function activeRows() {
  const rows = page.locator('#active-campaigns tbody tr');
  const found: { campaign: string | null; cells: string[] }[] = [];
  for (const row of await rows.all())
    found.push({
      campaign: await row.getAttribute('data-campaign'),
      cells: (await row.locator('td').allTextContents()).map((cell) => cell.replace(/\s+/g, ' ').trim()),
    });
  return found;
}

describe('the console of a workspace in Chromium', () => {
  it('opens on the list of campaigns: title, 文号, deadline, time left, units by status, 新建活动', async () => {
    await page.goto(server.url);
    expect(await page.locator('h1').textContent()).toBe('活动列表');
    const rows = await activeRows();
    expect(rows.map((row) => row.campaign)).toEqual(['保密审查', '政务公开']);
    const [baomi, gongkai] = rows;
    expect(baomi!.cells.slice(0, 3)).toEqual(['政府信息公开保密审查专项检查', '伊滨办〔2013〕62号', '2013-08-18 18:00']);
    expect(baomi!.cells[3]).toMatch(/^已过截止时间 \d+ 天/);
    // The demo's statuses, exactly as its own console shows them: none of the 政务公开 mail among them.
    expect(baomi!.cells[6]).toBe('按时报送 10 逾期报送 2 材料不全 2 数据有误 1 待核实 1 未报送 2');
    expect(gongkai!.cells.slice(0, 2)).toEqual(['2026年度政务公开工作统计数据', '伊滨办〔2026〕21号']);
    expect(gongkai!.cells[5]).toBe('3');
    expect(gongkai!.cells[6]).toMatch(/未报送 1$/);
    expect(gongkai!.cells[7]).toBe('0');
    expect(await page.locator('#new-campaign').getAttribute('href')).toBe('/new');
    await shootBothSizes(page, server.url, 'w1-活动列表');
  });

  it('opens each campaign on its own pages under /c/<name>/, and switches between them', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: '政府信息公开保密审查专项检查' }).click();
    expect(new URL(page.url()).pathname).toBe(campaignPath('保密审查'));
    expect(await page.locator('#units tbody tr').count()).toBe(18);
    expect(await page.locator('header .title').textContent()).toBe('政府信息公开保密审查专项检查');
    // Every link of its pages stays under its path.
    const hrefs = await page.locator('header nav a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs.every((href) => href!.startsWith(campaignPath('保密审查')))).toBe(true);
    await shootBothSizes(page, page.url(), 'w2-保密审查-总览');
    await page.locator('header nav').getByRole('link', { name: '待核实' }).click();
    expect(new URL(page.url()).pathname).toBe(campaignPath('保密审查', 'pending'));
    expect(await page.locator('.pending-item').count()).toBeGreaterThan(0);

    // Back to the list, into the other campaign: its units, its mail only.
    await page.locator('#all-campaigns').click();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('link', { name: '2026年度政务公开工作统计数据' }).click();
    expect(new URL(page.url()).pathname).toBe(campaignPath('政务公开'));
    const units = await page.locator('#units tbody tr td:nth-child(2)').allTextContents();
    expect(units).toEqual(['庞村镇人民政府', '李村镇人民政府', '区财政局']);
    await shootBothSizes(page, page.url(), 'w3-政务公开-总览');
    await page.locator('header nav').getByRole('link', { name: '来信记录' }).click();
    expect(await page.locator('#message-log tbody tr').count()).toBe(2);
    await page.locator('header nav').getByRole('link', { name: '总览' }).click();
    await page.locator('#units').getByRole('link', { name: '庞村镇人民政府' }).click();
    expect(new URL(page.url()).pathname).toBe(campaignPath('政务公开', `unit/${encodeURIComponent('庞村镇人民政府')}`));
    await shootBothSizes(page, page.url(), 'w4-政务公开-单位');
  });

  it('acts on a campaign under its path: 重新汇总 and a download of its own workbook', async () => {
    await page.goto(at(campaignPath('政务公开', 'outputs')));
    await page.getByRole('button', { name: '重新汇总' }).click();
    expect(new URL(page.url()).pathname).toBe(campaignPath('政务公开', 'outputs'));
    expect(await page.locator('.flash.ok').textContent()).toContain('已重新汇总');
    const download = page.waitForEvent('download');
    await page.locator('#outputs a[download]', { hasText: '汇总表' }).first().click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await (await download).path())!);
    expect(JSON.stringify(workbook.worksheets.map((sheet) => sheet.name))).toContain('政务公开');
  });

  it('shows a campaign made while it runs, without a restart', async () => {
    // Another campaign of the office (its own shape: one 花名册), copied in beside the running console.
    await cp(join(packageRoot(), 'test', 'fixtures', 'campaigns', 'huamingce-2026'), join(workspace, '保密培训'), { recursive: true });
    await page.goto(server.url);
    expect((await activeRows()).map((row) => row.campaign)).toEqual(['保密培训', '保密审查', '政务公开']);
    await page.goto(at(campaignPath('保密培训')));
    expect(await page.locator('header .title').textContent()).toBe('2026年新任职干部保密培训');
    expect(await page.locator('#units tbody tr').count()).toBe(5);
    // Its arrival moved nothing: the other campaigns keep their mail.
    await page.goto(server.url);
    expect((await activeRows())[1]!.cells[6]).toBe('按时报送 10 逾期报送 2 材料不全 2 数据有误 1 待核实 1 未报送 2');
  });

  it('archives a finished campaign: read-only pages, outputs still downloadable; 恢复 undoes it', async () => {
    await page.goto(server.url);
    await page.locator('tr[data-campaign="政务公开"] button', { hasText: '归档' }).click();
    expect(await page.locator('.flash.ok').textContent()).toContain('已归档「政务公开」');
    expect((await activeRows()).map((row) => row.campaign)).toEqual(['保密培训', '保密审查']);
    expect(await page.locator('#archived-campaigns tr[data-campaign="政务公开"]').count()).toBe(1);
    await shootAsIs(page, 'w5-活动列表-已归档');

    await page.goto(at(campaignPath('政务公开')));
    expect(await page.locator('#read-only').textContent()).toContain('已归档的活动，只能查看');
    await page.goto(at(campaignPath('政务公开', 'outputs')));
    expect(await page.getByRole('button', { name: '重新汇总' }).count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.locator('#outputs a[download]', { hasText: '汇总表' }).first().click();
    expect(await (await download).path()).toBeTruthy();
    await shootBothSizes(page, page.url(), 'w6-已归档-输出');
    // From the list (its forms carry the session's token), a crafted 重新汇总 is refused all the same.
    await page.goto(server.url);
    const merge = at(campaignPath('政务公开', 'actions/merge'));
    // Run in the browser (this file has no DOM types): the form's token, posted as a crafted form would.
    const refused = (await page.evaluate(
      `fetch(${JSON.stringify(merge)}, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_csrf=' + encodeURIComponent(document.querySelector('input[name=_csrf]').value) }).then((response) => response.url)`,
    )) as string;
    expect(refused).toContain(campaignPath('政务公开'));

    await page.goto(server.url);
    await page.locator('tr[data-campaign="政务公开"] button', { hasText: '恢复' }).click();
    expect((await activeRows()).map((row) => row.campaign)).toEqual(['保密培训', '保密审查', '政务公开']);
  });
});
