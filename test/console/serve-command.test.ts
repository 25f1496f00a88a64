/**
 * `huizong serve` as the IT person starts it: loopback without a password, any other address
 * only with one (exit 2 otherwise), the password kept as a hash, login rate-limited, the
 * systemd unit.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFile, cp, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
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

/** Runs a script with this node, as a clerk's shell would. */
function runNode(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: packageRoot(), timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
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
  it('refuses another address than loopback without a password, suggesting --set-password with the same folders', async () => {
    const dir = await emptyCampaign();
    const data = join(await tempDir('huizong-serve-data-'), '数据');
    const result = await runCli(['serve', '--campaign', dir, '--data', data, '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('必须先设置密码');
    expect(result.stdout).toBe('');
    const suggested = /先运行 (huizong serve --set-password[^\n]*?) 设置密码/.exec(result.stderr)?.[1];
    expect(suggested).toBe(`huizong serve --set-password --campaign ${dir} --data ${data}`);
    // Run as suggested, the password lands where this console reads it: started again, it serves.
    const set = await setPassword(suggested!.split(' ').slice(2), '秘书科的密码2013');
    expect(set.code).toBe(0);
    const server = await startServe(['--campaign', dir, '--data', data, '--host', '0.0.0.0']);
    expect(await server.stop()).toBe(0);
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
      expect(after.body).toContain('这是程序自带的示例活动，只能查看，不能修改');
      expect(await readFile(shipped, 'utf8')).toBe(before);
      // Said on top of every page, and no form there that would only be refused after submitting.
      for (const path of ['/', '/pending', '/circular', '/templates', '/outbox', '/messages']) {
        const shown = await http(new URL(path, server.url).href, { headers: { cookie } });
        expect(shown.body, path).toContain('示例活动，只能查看。');
        expect(shown.body, path).not.toMatch(
          /action="\/actions\/(assign|ignore|forget-message|circular|circular-final|circular-meta|circular-unlist|template|send)"/,
        );
        expect(shown.body, path).not.toContain('/outbox/confirm');
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('writes a systemd unit that systemd accepts, naming the installed program, not the link it was run through', async () => {
    const dir = await emptyCampaign();
    // As `npx huizong` runs it from a project: through node_modules/.bin/huizong, a link.
    const bin = join(await tempDir('huizong-bin-'), 'node_modules', '.bin');
    await mkdir(bin, { recursive: true });
    await symlink(CLI_PATH, join(bin, 'huizong'));
    const result = await runNode([join(bin, 'huizong'), 'serve', '--campaign', dir, '--print-systemd-unit']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('[Service]');
    const execStart = /^ExecStart=(.*)$/m.exec(result.stdout)![1]!.split(' ');
    expect(execStart[0]).toBe(process.execPath);
    expect(execStart[2]).toBe(await realpath(CLI_PATH));
    expect(execStart[2]).not.toContain('.bin');
    expect(result.stdout).toContain('--host 127.0.0.1 --port 8470');
    expect(result.stdout).toContain('Restart=on-failure');
    const unit = join(await tempDir('huizong-unit-'), 'huizong.service');
    await writeFile(unit, result.stdout);
    const verify = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
    expect(verify.status, `${verify.stdout}${verify.stderr}`).toBe(0);
    expect(`${verify.stdout}${verify.stderr}`).not.toContain('huizong.service');
  });

  it('refuses to write the unit from npx’s download cache, which npm cleans', async () => {
    const dir = await emptyCampaign();
    // The program as npx leaves it: copied into ~/.npm/_npx/<hash>/node_modules/huizong.
    const cached = join(await tempDir('huizong-npx-'), '.npm', '_npx', '5f1e2d3c', 'node_modules', 'huizong');
    await mkdir(cached, { recursive: true });
    await cp(join(packageRoot(), 'dist'), join(cached, 'dist'), { recursive: true });
    await cp(join(packageRoot(), 'templates'), join(cached, 'templates'), { recursive: true });
    await copyFile(join(packageRoot(), 'package.json'), join(cached, 'package.json'));
    await symlink(join(packageRoot(), 'node_modules'), join(cached, 'node_modules'));
    const result = await runNode([
      join(cached, 'dist', 'output', 'doors', 'cli', 'main.js'),
      'serve',
      '--campaign',
      dir,
      '--print-systemd-unit',
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('npx 临时下载');
    expect(result.stderr).toContain('npm install --global huizong');
  });
});
