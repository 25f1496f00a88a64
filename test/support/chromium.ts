/**
 * Debian's Chromium driven by playwright-core, with the flags that keep it from reaching out
 * (no component updates, no sync, no background networking) and working as root in a container.
 */
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** The clerk's screen: 1366×768, the most common office monitor. */
export const OFFICE_VIEWPORT = { width: 1366, height: 768 };
