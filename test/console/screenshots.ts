/**
 * Screenshots of the console's pages for a person to look at (the tests compare no pixels): each
 * page at the two screens offices have, 1366×768 and 1024×768, the whole page, written to
 * $HUIZONG_SCREENSHOTS as <name>-1366.png and <name>-1024.png. Nothing happens without it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { OFFICE_VIEWPORT } from '../support/chromium.js';

export const NARROW_VIEWPORT = { width: 1024, height: 768 };
const folder = process.env.HUIZONG_SCREENSHOTS;

/** The page at `url` at both sizes; the page is left at `url`, 1366 wide. */
export async function shootBothSizes(page: Page, url: string, name: string): Promise<void> {
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  for (const viewport of [NARROW_VIEWPORT, OFFICE_VIEWPORT]) {
    await page.setViewportSize(viewport);
    await page.goto(url);
    await page.screenshot({ path: join(folder, `${name}-${viewport.width}.png`), fullPage: true });
  }
}

/** The page as it is now (a form just submitted, a picture enlarged) at both sizes, without loading it again. */
export async function shootAsIs(page: Page, name: string): Promise<void> {
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  for (const viewport of [NARROW_VIEWPORT, OFFICE_VIEWPORT]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(folder, `${name}-${viewport.width}.png`), fullPage: true });
  }
}
