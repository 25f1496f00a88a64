/**
 * A decision in the console goes through the same runner as `huizong merge`: afterwards the
 * merge-result cache and the output record are current, so `huizong merge` beside the running
 * console finds nothing to rewrite and `huizong status` answers what the console shows. Against
 * the real `huizong serve` and the real CLI.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { demoCampaignWithMail } from '../support/console-campaign.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { http, openSession } from '../support/http.js';

const NOTHING_TO_REWRITE = '汇总表和公文已是最新，本次未重写';
let campaignDir: string;
let server: RunningConsole;

beforeAll(async () => {
  campaignDir = await demoCampaignWithMail();
  server = await startServe(['--campaign', campaignDir]);
}, 180_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
});

async function post(path: string, form: Record<string, string>): Promise<void> {
  const session = await openSession(server.url);
  const response = await http(new URL(path, server.url).href, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: `http://${new URL(server.url).host}` },
    form: { _csrf: session.csrf, ...form },
  });
  expect(response.status).toBe(303);
  const page = await http(new URL(String(response.headers.location), server.url).href, { headers: { cookie: session.cookie } });
  expect(page.body).toContain('class="flash ok"');
}

describe('a console decision and the CLI', () => {
  it('leaves nothing for `huizong merge` to rewrite after 认定', async () => {
    const session = await openSession(server.url);
    const pending = await http(new URL('/pending', server.url).href, { headers: { cookie: session.cookie } });
    const message = /data-message="([0-9a-f]{12})"/.exec(pending.body)![1]!;
    await post('/actions/assign', { message, unit: '佃庄镇', reason: '已电话核实' });
    expect(await readFile(join(campaignDir, 'decisions.yaml'), 'utf8')).toContain(`message: "${message}"`);

    const merge = await runCli(['merge', '--campaign', campaignDir]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain(NOTHING_TO_REWRITE);
    // status answers from the cache the decision left: the unit the message went to has mail now.
    const status = JSON.parse((await runCli(['status', '--campaign', campaignDir, '--json'])).stdout) as {
      units: { unit: string; messages: string[] }[];
    };
    expect(status.units.find((unit) => unit.unit === '佃庄镇')!.messages).toContain(message);
  });

  it('leaves nothing to rewrite after 定稿 and after a template is saved', async () => {
    await post('/actions/circular-final', { final: 'true' });
    expect((await runCli(['merge', '--campaign', campaignDir])).stdout).toContain(NOTHING_TO_REWRITE);

    const path = join(campaignDir, 'templates', '汇总报告.txt');
    const source = `${await readFile(path, 'utf8')}\n【正文】以上情况，特此报告。\n`;
    const session = await openSession(server.url);
    const response = await http(new URL('/actions/template', server.url).href, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: `http://${new URL(server.url).host}` },
      form: { _csrf: session.csrf, kind: 'summary', intent: 'save', source },
    });
    expect(response.status).toBe(303);
    expect(await readFile(path, 'utf8')).toContain('以上情况，特此报告。');
    expect((await runCli(['merge', '--campaign', campaignDir])).stdout).toContain(NOTHING_TO_REWRITE);
  });
});
