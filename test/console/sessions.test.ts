/**
 * Nothing a stranger on the network sends can log the clerk out: against the real `huizong
 * serve` with a password on 0.0.0.0, the clerk logs in, then thousands of requests without a
 * cookie (pages, the login page, the style sheet, the script, forms) arrive, and the clerk's
 * session still works. The same without a password on loopback, for a browser that came back
 * with its cookie. And the login page: no navigation, a wrong password said, the rate limit's
 * refusal saying how long to wait and how to get back.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { launchChromium, OFFICE_VIEWPORT } from '../support/chromium.js';
import { CLI_PATH, runCli } from '../support/cli.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { http } from '../support/http.js';
import { tempDir } from '../support/temp-dir.js';
import { shootAsIs } from './screenshots.js';

const PASSWORD = '秘书科的密码2013';
/** More than the 2,000 fresh sessions the store keeps. */
const FLOOD = 3_000;
let dir: string;
let server: RunningConsole;
let origin: string;
let browser: Browser;

function setPassword(campaign: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_PATH, 'serve', '--set-password', '--campaign', campaign], {
      cwd: packageRoot(),
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => resolve(code));
    child.stdin.end(`${PASSWORD}\n`);
  });
}

const cookieOf = (header: unknown, name: string): string => {
  const all = Array.isArray(header) ? header : [String(header)];
  return all.map((item) => String(item).split(';')[0]!).find((item) => item.startsWith(`${name}=`)) ?? '';
};

async function login(): Promise<string> {
  const page = await http(new URL('/login', server.url).href);
  const cookie = cookieOf(page.headers['set-cookie'], 'huizong_login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const answer = await http(new URL('/login', server.url).href, {
    method: 'POST',
    headers: { cookie, origin },
    form: { _csrf: csrf, password: PASSWORD },
  });
  expect(answer.status).toBe(303);
  return cookieOf(answer.headers['set-cookie'], 'huizong_console');
}

/** `count` requests without a cookie, `parallel` at a time, to the paths in turn. */
async function flood(base: string, count: number, paths: readonly string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, index) => {
      const path = paths[(start + index) % paths.length]!;
      return path.startsWith('POST ')
        ? http(new URL(path.slice(5), base).href, { method: 'POST', headers: { origin }, form: { _csrf: 'x', password: 'guess' } })
        : http(new URL(path, base).href);
    });
    for (const response of await Promise.all(batch)) statuses.push(response.status);
  }
  return statuses;
}

beforeAll(async () => {
  dir = join(await tempDir('huizong-sessions-'), 'campaign');
  expect((await runCli(['init', dir])).code).toBe(0);
  expect(await setPassword(dir)).toBe(0);
  server = await startServe(['--campaign', dir, '--host', '0.0.0.0']);
  origin = `http://${new URL(server.url).host}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

describe('sessions with a password', () => {
  it('keeps the clerk logged in through thousands of requests without a cookie', async () => {
    const clerk = await login();
    expect(clerk).not.toBe('');
    const statuses = await flood(server.url, FLOOD, [
      '/static/console.css',
      '/',
      '/login',
      '/pending',
      '/static/console.js',
      '/favicon.ico',
    ]);
    expect(statuses.filter((status) => status === 200 || status === 204 || status === 303)).toHaveLength(FLOOD);
    const page = await http(server.url, { headers: { cookie: clerk } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('各单位报送情况');
    // Nothing a visitor sent before logging in made a session: no cookie of that name came back.
    const visitor = await http(new URL('/static/console.css', server.url).href);
    expect(cookieOf(visitor.headers['set-cookie'], 'huizong_console')).toBe('');
    const anonymous = await http(server.url);
    expect(anonymous.status).toBe(303);
    expect(cookieOf(anonymous.headers['set-cookie'], 'huizong_console')).toBe('');
  }, 120_000);

  it('shows the login page without the navigation, and says when the password is wrong', async () => {
    const page = await http(new URL('/login', server.url).href);
    expect(page.body).not.toContain('<nav>');
    expect(page.body).toContain('控制台密码');
    const cookie = cookieOf(page.headers['set-cookie'], 'huizong_login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const wrong = await http(new URL('/login', server.url).href, {
      method: 'POST',
      headers: { cookie, origin },
      form: { _csrf: csrf, password: '不对的密码' },
    });
    expect(wrong.status).toBe(303);
    const again = await http(new URL(String(wrong.headers.location), server.url).href, { headers: { cookie } });
    expect(again.body).toContain('密码不对');
    expect(again.body).not.toContain('<nav>');
  });

  it('shows the login page in Chromium without the navigation; a wrong password is said on it', async () => {
    const page = await browser.newPage({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN' });
    await page.goto(server.url);
    await page.waitForURL(/\/login$/);
    expect(await page.locator('nav').count()).toBe(0);
    await shootAsIs(page, '0-登录');
    await page.locator('input[name=password]').fill('不对的密码');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/login\?wrong=1$/);
    expect(await page.locator('.flash.error').textContent()).toContain('密码不对');
    expect(await page.locator('nav').count()).toBe(0);
    await shootAsIs(page, '0b-登录-密码不对');
    await page.close();
  });

  it('answers too many attempts with how long to wait, a way back, the headers, and no navigation', async () => {
    let refused: Awaited<ReturnType<typeof http>> | null = null;
    for (let attempt = 0; attempt < 8 && refused === null; attempt++) {
      const page = await http(new URL('/login', server.url).href);
      const cookie = cookieOf(page.headers['set-cookie'], 'huizong_login');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const answer = await http(new URL('/login', server.url).href, {
        method: 'POST',
        headers: { cookie, origin },
        form: { _csrf: csrf, password: 'wrong' },
      });
      if (answer.status === 429) refused = answer;
    }
    expect(refused).not.toBeNull();
    const seconds = Number(/请 (\d+) 秒后再试/.exec(refused!.body)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused!.body).toContain('<a href="/login">返回登录页</a>');
    expect(refused!.body).not.toContain('<nav>');
    expect(refused!.headers['content-security-policy']).toContain("default-src 'none'");
    expect(refused!.headers['content-type']).toContain('text/html');
    // As the clerk sees it: the page, and its way back to the login.
    const page = await browser.newPage({ viewport: OFFICE_VIEWPORT, locale: 'zh-CN' });
    await page.goto(new URL('/login', server.url).href);
    await page.locator('input[name=password]').fill('还是不对');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(/请 \d+ 秒后再试/);
    expect(await page.locator('nav').count()).toBe(0);
    await shootAsIs(page, '0c-登录-次数过多');
    await page.getByRole('link', { name: '返回登录页' }).click();
    await page.waitForURL(/\/login$/);
    expect(await page.locator('input[name=password]').count()).toBe(1);
    await page.close();
  });
});

describe('sessions without a password (loopback)', () => {
  it('keeps a browser that came back with its cookie through thousands of cookie-less requests', async () => {
    // A campaign of its own: the one above has a password, which a loopback console asks for too.
    const plain = join(await tempDir('huizong-sessions-open-'), 'campaign');
    expect((await runCli(['init', plain])).code).toBe(0);
    const open = await startServe(['--campaign', plain]);
    try {
      const first = await http(open.url);
      const cookie = cookieOf(first.headers['set-cookie'], 'huizong_console');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(first.body)![1]!;
      // The browser comes back once: its session is now the clerk's.
      expect((await http(new URL('/pending', open.url).href, { headers: { cookie } })).status).toBe(200);
      await flood(open.url, FLOOD, ['/', '/static/console.css', '/pending']);
      const page = await http(open.url, { headers: { cookie } });
      expect(cookieOf(page.headers['set-cookie'], 'huizong_console')).toBe('');
      // Its forms' token still holds: the same session.
      expect(/name="_csrf" value="([^"]+)"/.exec(page.body)![1]).toBe(csrf);
    } finally {
      expect(await open.stop()).toBe(0);
    }
  }, 120_000);
});
