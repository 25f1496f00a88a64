/**
 * `huizong serve` as the IT person starts it: loopback without a password, any other address
 * only with one (exit 2 otherwise), the password kept as a hash, login rate-limited, the
 * systemd unit.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { CLI_PATH, runCli } from '../support/cli.js';
import { startServe } from '../support/console-process.js';
import { http } from '../support/http.js';
import { tempDir } from '../support/temp-dir.js';

async function emptyCampaign(): Promise<string> {
  const dir = join(await tempDir('huizong-serve-'), 'campaign');
  expect((await runCli(['init', dir])).code).toBe(0);
  return dir;
}

function setPassword(args: readonly string[], password: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_PATH, 'serve', '--set-password', ...args], {
      cwd: packageRoot(),
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout }));
    child.stdin.end(`${password}\n`);
  });
}

describe('huizong serve', () => {
  it('refuses another address than loopback without a password: Chinese message, exit code 2', async () => {
    const dir = await emptyCampaign();
    const result = await runCli(['serve', '--campaign', dir, '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('必须先设置密码');
    expect(result.stderr).toContain('huizong serve --set-password');
    expect(result.stdout).toBe('');
  });

  it('with a password set, serves 0.0.0.0 behind a login that is rate-limited', async () => {
    const dir = await emptyCampaign();
    const set = await setPassword(['--campaign', dir], '秘书科的密码2013');
    expect(set.code).toBe(0);
    const stored = await readFile(join(dir, 'data', 'console-password'), 'utf8');
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain('秘书科的密码2013');

    const server = await startServe(['--campaign', dir, '--host', '0.0.0.0']);
    try {
      const base = server.url;
      const origin = `http://${new URL(base).host}`;
      const first = await http(base);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/login');
      const login = await http(new URL('/login', base).href);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
      const good = await http(new URL('/login', base).href, {
        method: 'POST',
        headers: { cookie, origin },
        form: { _csrf: csrf, password: '秘书科的密码2013' },
      });
      expect(good.status).toBe(303);
      expect(good.headers.location).toBe('/');
      const session = String(good.headers['set-cookie']).split(';')[0]!;
      expect(session).not.toBe(cookie);
      expect((await http(base, { headers: { cookie: session } })).status).toBe(200);
      // The id from before the login is worth nothing after it.
      expect((await http(base, { headers: { cookie } })).status).toBe(303);

      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt++) {
        const page = await http(new URL('/login', base).href);
        const c = String(page.headers['set-cookie']).split(';')[0]!;
        const t = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
        statuses.push(
          (
            await http(new URL('/login', base).href, {
              method: 'POST',
              headers: { cookie: c, origin },
              form: { _csrf: t, password: 'wrong-password' },
            })
          ).status,
        );
      }
      // One good and four wrong fill the five of the minute; the sixth try is refused.
      expect(statuses.slice(0, 4)).toEqual([303, 303, 303, 303]);
      expect(statuses.slice(4)).toEqual([429, 429]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('shows the bundled demo campaign but does not change it', async () => {
    const cwd = await tempDir('huizong-serve-demo-');
    const shipped = join(packageRoot(), 'templates', 'decisions.yaml');
    const before = await readFile(shipped, 'utf8');
    const server = await startServe([], {}, cwd);
    try {
      const page = await http(new URL('/circular', server.url).href);
      const cookie = String(page.headers['set-cookie']).split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const origin = `http://${new URL(server.url).host}`;
      const posted = await http(new URL('/actions/circular-final', server.url).href, {
        method: 'POST',
        headers: { cookie, origin },
        form: { _csrf: csrf, final: 'true' },
      });
      expect(posted.status).toBe(303);
      const after = await http(new URL('/circular', server.url).href, { headers: { cookie } });
      expect(after.body).toContain('这是程序自带的示例活动，不能修改');
      expect(await readFile(shipped, 'utf8')).toBe(before);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('writes a systemd unit that starts the same console', async () => {
    const dir = await emptyCampaign();
    const result = await runCli(['serve', '--campaign', dir, '--print-systemd-unit']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[Service]');
    expect(result.stdout).toMatch(/ExecStart=\S+node\S* --max-old-space-size=1536 \S+main\.js serve --campaign /);
    expect(result.stdout).toContain('--host 127.0.0.1 --port 8470');
    expect(result.stdout).toContain('Restart=on-failure');
  });
});
