/**
 * `huizong serve` on a campaign whose campaign.yaml names a mailbox but whose 授权码 is known
 * nowhere yet (what `init --from` makes: the notice's mailbox, no password): the console opens,
 * 总览 says the 授权码 is missing and where to enter it, and once the clerk saves it in 活动设置
 * (data/imap-password) 立即收信 polls the mailbox, without restarting the console.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { http } from '../support/http.js';
import { tempDir } from '../support/temp-dir.js';

/** No password from the test's own environment either. */
const NO_PASSWORD = { HUIZONG_IMAP_PASSWORD: '', HUIZONG_IMAP_PASSWORD_FILE: '', HUIZONG_IMAP_HOST: '', HUIZONG_IMAP_USER: '' };
let dovecot: DovecotServer;
let server: RunningConsole;
let dir: string;

beforeAll(async () => {
  dovecot = await startDovecot();
  dir = join(await tempDir('huizong-serve-nopass-'), 'campaign');
  expect((await runCli(['init', dir])).code).toBe(0);
  await appendFile(
    join(dir, 'campaign.yaml'),
    ['', 'mailbox:', `  host: ${dovecot.host}`, `  port: ${dovecot.port}`, '  tls: false', `  user: ${dovecot.user}`, ''].join('\n'),
  );
  server = await startServe(['--campaign', dir], NO_PASSWORD);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await dovecot?.dispose();
});

const form = (session: { csrf: string }, fields: Record<string, string>) => ({ _csrf: session.csrf, ...fields });
const post = (path: string, session: { cookie: string; csrf: string }, fields: Record<string, string>) =>
  http(new URL(path, server.url).href, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: `http://${new URL(server.url).host}` },
    form: form(session, fields),
  });

it('opens without a 授权码, says on 总览 where to enter it, and polls once it is saved in 活动设置', async () => {
  const overview = await http(server.url);
  expect(overview.status).toBe(200);
  const why = /id="poll-why">([\s\S]*?)<\/span>/.exec(overview.body)?.[1] ?? '';
  expect(why).toContain('授权码');
  expect(why).toContain('活动设置');
  expect(overview.body).toContain(dovecot.user);

  // The 总览 page carries the 立即收信 form (and its token).
  const session = {
    cookie: String(overview.headers['set-cookie']).split(';')[0]!,
    csrf: /name="_csrf" value="([^"]+)"/.exec(overview.body)![1]!,
  };
  const refused = await post('/actions/poll', session, {});
  expect(refused.status).toBe(303);

  const saved = await post('/actions/settings-mailbox', session, {
    host: dovecot.host,
    port: String(dovecot.port),
    user: dovecot.user,
    password: dovecot.password,
  });
  expect(saved.status).toBe(303);
  expect(await readFile(join(dir, 'data', 'imap-password'), 'utf8')).toBe(dovecot.password);

  const after = await http(server.url, { headers: { cookie: session.cookie } });
  expect(/id="poll-why"/.test(after.body)).toBe(false);
  const polled = await post('/actions/poll', session, {});
  expect(polled.status).toBe(303);
  const deadline = Date.now() + 30_000;
  while (!server.stdout.some((line) => /收信：看到/.test(line))) {
    if (Date.now() > deadline) throw new Error(`no poll\n${server.stdout.join('\n')}\n${server.stderr.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);
