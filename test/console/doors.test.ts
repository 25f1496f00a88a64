/**
 * The console's doors, tried from outside against the real `huizong serve`: foreign Host names
 * (DNS rebinding), forms without or with another session's token, other sites' Origin, paths
 * smuggled into file URLs, the security headers, errors without stack traces.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoCampaignWithMail } from '../support/console-campaign.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { http, openSession } from '../support/http.js';

let campaignDir: string;
let server: RunningConsole;
let base: string;
let host: string;
const decisionsPath = () => join(campaignDir, 'decisions.yaml');

beforeAll(async () => {
  campaignDir = await demoCampaignWithMail();
  server = await startServe(['--campaign', campaignDir]);
  base = server.url;
  host = new URL(base).host;
}, 180_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
});

/** Every answer carries these, refusals and errors included. */
function expectSecurityHeaders(response: { headers: Record<string, unknown> }, what: string): void {
  expect(response.headers['content-security-policy'], what).toContain("default-src 'none'");
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['x-frame-options'], what).toBe('DENY');
}

/** What a plain socket gets back for bytes that are not HTTP at all. */
function rawAnswer(bytes: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

/** A doubtful message of the demo mailbox, from the 待核实 page. */
async function pendingMessageId(cookie: string): Promise<string> {
  const page = await http(new URL('/pending', base).href, { headers: { cookie } });
  const id = /data-message="([0-9a-f]{12})"/.exec(page.body)?.[1];
  if (!id) throw new Error('no doubtful message');
  return id;
}

describe('huizong serve', () => {
  it('listens on 127.0.0.1 by default and says so on its first line', () => {
    expect(server.stdout[0]).toMatch(/^控制台：http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers only to its own host name: a foreign or DNS-rebinding Host gets nothing', async () => {
    for (const forged of [
      'attacker.example',
      `attacker.example:${new URL(base).port}`,
      `127.0.0.1.nip.io:${new URL(base).port}`,
      '127.0.0.1:1',
    ]) {
      for (const path of ['/', '/outputs/workbook', '/pending']) {
        const response = await http(new URL(path, base).href, { headers: { host: forged } });
        expect(response.status).toBe(421);
        expect(response.body).not.toContain('庞村镇');
      }
    }
    expect((await http(new URL('/', base).href, { headers: { host: `localhost:${new URL(base).port}` } })).status).toBe(200);
  });

  it('sends a Content-Security-Policy and a session cookie that is HttpOnly and SameSite=Strict', async () => {
    const response = await http(base);
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(response.body).toContain('<meta name="renderer" content="webkit">');
    // The page's own script and style only: nothing inline the policy would block.
    expect(response.body).not.toMatch(/<script>|style="/);
  });

  it('refuses a form without the token, with another session’s token, or from another site, and changes nothing', async () => {
    const session = await openSession(base);
    const other = await openSession(base);
    const message = await pendingMessageId(session.cookie);
    const before = await readFile(decisionsPath(), 'utf8');
    const form = { message, unit: '庞村镇', reason: '重放' };
    const attempts: { headers: Record<string, string>; form: Record<string, string> }[] = [
      { headers: { cookie: session.cookie, origin: `http://${host}` }, form },
      { headers: { cookie: session.cookie, origin: `http://${host}` }, form: { ...form, _csrf: other.csrf } },
      { headers: { cookie: session.cookie, origin: 'http://attacker.example' }, form: { ...form, _csrf: session.csrf } },
      { headers: { cookie: session.cookie, 'sec-fetch-site': 'cross-site' }, form: { ...form, _csrf: session.csrf } },
      { headers: { origin: `http://${host}` }, form: { ...form, _csrf: session.csrf } },
    ];
    for (const attempt of attempts) {
      const response = await http(new URL('/actions/assign', base).href, { method: 'POST', ...attempt });
      expect(response.status).toBe(403);
    }
    // State changes only by POST.
    expect(
      (
        await http(new URL(`/actions/assign?message=${message}&unit=庞村镇&_csrf=${session.csrf}`, base).href, {
          headers: { cookie: session.cookie },
        })
      ).status,
    ).toBe(404);
    expect(await readFile(decisionsPath(), 'utf8')).toBe(before);
  });

  it('serves files only by message id and attachment index: paths in the URL go nowhere', async () => {
    const session = await openSession(base);
    const paths = [
      '/files/..%2F..%2F..%2Fetc%2Fpasswd/0',
      '/files/../../etc/passwd',
      '/files/%2e%2e/0',
      `/files/${'0'.repeat(12)}/..%2F..%2Fdecisions.yaml`,
      '/outputs/..%2Fdecisions.yaml',
      '/outputs/%2Fetc%2Fpasswd',
      '/preview/..%2F..%2Fmail/1.png',
      '/static/..%2F..%2Fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
    ];
    for (const path of paths) {
      const response = await http(`${base.replace(/\/$/, '')}${path}`, { headers: { cookie: session.cookie } });
      expect(response.status, path).toBe(404);
      expect(response.body).not.toMatch(/root:|circular:|"name": "huizong"/);
    }
  });

  it('records an action in decisions.yaml (comments kept) and in the journal, with the address', async () => {
    const session = await openSession(base);
    const message = await pendingMessageId(session.cookie);
    const before = await readFile(decisionsPath(), 'utf8');
    const response = await http(new URL('/actions/ignore', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: `http://${host}` },
      form: { _csrf: session.csrf, message, reason: '会议通知' },
    });
    expect(response.status).toBe(303);
    const after = await readFile(decisionsPath(), 'utf8');
    expect(after).toContain(`message: "${message}"`);
    const commentLines = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));
    expect(commentLines(after)).toEqual(commentLines(before));
    const journal = (await readFile(join(campaignDir, 'data', 'console-journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(journal.at(-1)).toMatchObject({ action: 'ignore', address: '127.0.0.1', details: { message, reason: '会议通知' } });
  });

  it('keeps a decision written by hand meanwhile: each action starts from the file as it is then', async () => {
    const session = await openSession(base);
    const text = await readFile(decisionsPath(), 'utf8');
    // The clerk's Notepad (or the CLI side) writes a decision while the console is open.
    await writeFile(
      decisionsPath(),
      text.replace('  exempt: []', '  exempt:\n    # 手工写入\n    - unit: 庞村镇\n      reason: 经批准延期报送'),
    );
    const response = await http(new URL('/actions/circular', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: `http://${host}` },
      form: { _csrf: session.csrf, list: 'add', unit: '区财政局', reason: '报告敷衍了事' },
    });
    expect(response.status).toBe(303);
    const after = await readFile(decisionsPath(), 'utf8');
    expect(parse(after).circular.exempt).toEqual([{ unit: '庞村镇', reason: '经批准延期报送' }]);
    expect(parse(after).circular.add).toEqual([{ unit: '区财政局', reason: '报告敷衍了事' }]);
    expect(after).toContain('# 手工写入');
    // The page shows both.
    const page = await http(new URL('/circular', base).href, { headers: { cookie: session.cookie } });
    expect(page.body).toContain('经批准延期报送');
    expect(page.body).toContain('报告敷衍了事');
  });

  it('refuses a unit that is not on the roster and leaves the file as it was', async () => {
    const session = await openSession(base);
    const before = await readFile(decisionsPath(), 'utf8');
    const response = await http(new URL('/actions/circular', base).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: `http://${host}` },
      form: { _csrf: session.csrf, list: 'add', unit: '区财政厅', reason: '写错的单位' },
    });
    expect(response.status).toBe(303);
    expect(await readFile(decisionsPath(), 'utf8')).toBe(before);
    const page = await http(new URL('/circular', base).href, { headers: { cookie: session.cookie } });
    expect(page.body).toContain('请选择名单中的一个单位');
  });

  it('answers an internal error in Chinese, without a stack trace or a path', async () => {
    const session = await openSession(base);
    const unitPage = await http(new URL(`/unit/${encodeURIComponent('庞村镇')}`, base).href, { headers: { cookie: session.cookie } });
    const link = /href="\/files\/([0-9a-f]{12})\/0"/.exec(unitPage.body);
    expect(link).not.toBeNull();
    const id = link![1]!;
    const shard = join(campaignDir, 'data', 'mail', id.slice(0, 2));
    const { readdir } = await import('node:fs/promises');
    const eml = (await readdir(shard)).find((name) => name.startsWith(id) && name.endsWith('.eml'))!;
    const saved = await readFile(join(shard, eml));
    // A directory where the raw mail should be: the message is still listed as stored (both of
    // its files are there), but reading it fails, which only a bug or a broken disk can cause.
    await rm(join(shard, eml));
    await mkdir(join(shard, eml));
    try {
      const response = await http(new URL(`/files/${id}/0`, base).href, { headers: { cookie: session.cookie } });
      expect(response.status).toBe(500);
      expect(response.body).toContain('程序内部错误');
      expect(response.body).not.toMatch(/\bat \S+ \(|node_modules|ENOENT|\/mail\//);
    } finally {
      await rm(join(shard, eml), { recursive: true });
      await writeFile(join(shard, eml), saved);
    }
  });

  it('answers a malformed URL, an unknown page, a wrong method and a foreign Host with the doors’ headers and a Chinese message, never Fastify’s English', async () => {
    const session = await openSession(base);
    const cases: { path: string; method?: string; host?: string; status: number; says: string }[] = [
      { path: '/unit/%E0%A4%A', status: 400, says: '网址有误' },
      { path: '/files/%E0%A4%A/0', status: 400, says: '网址有误' },
      { path: '/unit/%E0%A4%A', host: 'attacker.example', status: 421, says: '拒绝访问' },
      { path: '/no-such-page', status: 404, says: '没有这个页面' },
      { path: '/no-such-page', host: `127.0.0.1.nip.io:${new URL(base).port}`, status: 421, says: '拒绝访问' },
      { path: '/unit/%E4%B8%8D%E5%AD%98%E5%9C%A8', status: 404, says: '没有这个页面' },
      { path: '/', method: 'PUT', status: 405, says: '只接受' },
      { path: '/', method: 'DELETE', host: 'attacker.example', status: 421, says: '拒绝访问' },
    ];
    for (const item of cases) {
      const response = await http(`${base.replace(/\/$/, '')}${item.path}`, {
        method: item.method ?? 'GET',
        headers: { cookie: session.cookie, ...(item.host ? { host: item.host } : {}) },
      });
      const what = `${item.method ?? 'GET'} ${item.path} (${item.host ?? 'own host'})`;
      expect(response.status, what).toBe(item.status);
      expectSecurityHeaders(response, what);
      expect(response.body, what).toContain(item.says);
      expect(response.body, what).not.toMatch(/FST_|Bad Request|Not Found|statusCode/);
      // A foreign Host learns nothing of the console, not even the campaign's title.
      if (item.status === 421) expect(response.body, what).not.toContain('专项检查');
    }
  });

  it('answers bytes that are not HTTP with a short Chinese refusal and the same headers', async () => {
    const answer = await rawAnswer('THIS IS NOT HTTP\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("Content-Security-Policy: default-src 'none'");
    expect(answer).toContain('X-Content-Type-Options: nosniff');
    expect(answer).toContain('HTTP 请求格式有误');
    expect(answer).not.toMatch(/"error"|Client Error/);
  });

  it('refuses 认定 and 无关 without a reason, and a 认定 of a message that is not stored, leaving decisions.yaml as it was', async () => {
    const session = await openSession(base);
    const message = await pendingMessageId(session.cookie);
    const before = await readFile(decisionsPath(), 'utf8');
    const attempts: [string, Record<string, string>, string][] = [
      ['/actions/assign', { message, unit: '庞村镇', reason: '' }, '请写明认定的理由'],
      ['/actions/assign', { message, unit: '庞村镇', reason: '   ' }, '请写明认定的理由'],
      ['/actions/ignore', { message, reason: '' }, '请写明认定为无关邮件的理由'],
      ['/actions/assign', { message: 'abcdef012345', unit: '庞村镇', reason: '伪造的编号' }, '没有编号为 abcdef012345 的来信'],
      ['/actions/ignore', { message: '0123456789abcdef', reason: '伪造的编号' }, '没有编号为 0123456789abcdef 的来信'],
    ];
    for (const [path, form, says] of attempts) {
      const response = await http(new URL(path, base).href, {
        method: 'POST',
        headers: { cookie: session.cookie, origin: `http://${host}` },
        form: { _csrf: session.csrf, ...form },
      });
      expect(response.status, says).toBe(303);
      const page = await http(new URL(String(response.headers.location), base).href, { headers: { cookie: session.cookie } });
      expect(page.body, says).toContain(says);
      expect(page.body, says).toContain('class="flash error"');
    }
    expect(await readFile(decisionsPath(), 'utf8')).toBe(before);
  });
});
