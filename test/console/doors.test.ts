/**
 * The console's doors, tried from outside against the real `huizong serve`: foreign Host names
 * (DNS rebinding), forms without or with another session's token, other sites' Origin, paths
 * smuggled into file URLs, the security headers, errors without stack traces.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
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
    await rm(join(shard, eml));
    try {
      const response = await http(new URL(`/files/${id}/0`, base).href, { headers: { cookie: session.cookie } });
      expect(response.status).toBe(500);
      expect(response.body).toContain('程序内部错误');
      expect(response.body).not.toMatch(/\bat \S+ \(|node_modules|ENOENT|\/mail\//);
    } finally {
      await writeFile(join(shard, eml), saved);
    }
  });
});
