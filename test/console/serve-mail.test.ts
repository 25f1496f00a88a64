/**
 * `huizong serve` sends what campaign.yaml's notify: says, exactly as `watch` does: with
 * `receipts: auto` and `reminders: auto`, the reminder round that is due goes out once (at the
 * first poll, for every unit that has not reported), and a poll that brings a unit's submission
 * sends that unit its receipt once; polling again sends nothing more. Against the real serve,
 * the test SMTP server and Dovecot. The round is due because the deadline is set relative to now
 * (two days ahead: the round "two days before, 00:00" began today), not by waiting.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { type OutboundCampaign, outboundCampaign } from '../mail/outbound-campaign.js';
import { type RunningConsole, startServe } from '../support/console-process.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { http } from '../support/http.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';
import { tempDir } from '../support/temp-dir.js';

const DEMO = join(packageRoot(), 'examples', 'mailbox');
/** The demo roster: 18 units, one of them (区公安分局) with two addresses. */
const ROSTER_UNITS = 18;
const ROSTER_ADDRESSES = 19;
let dovecot: DovecotServer;
let smtp: SmtpServer;
let campaign: OutboundCampaign;
let server: RunningConsole;

/** The poll lines serve printed so far (one per finished cycle, after its mail was sent). */
const pollLines = () => server.stdout.filter((line) => /收信：看到/.test(line));

async function waitForPolls(count: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (pollLines().length < count) {
    if (Date.now() > deadline || server.child.exitCode !== null)
      throw new Error(`serve did not finish poll ${count}\n${server.stdout.join('\n')}\n${server.stderr.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** 立即收信, as the button does it; resolves when that poll's line is printed. */
async function pollNow(): Promise<void> {
  const before = pollLines().length;
  // The 总览 page carries the 立即收信 form (and its token).
  const page = await http(server.url);
  const session = { cookie: String(page.headers['set-cookie']).split(';')[0]!, csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
  const response = await http(new URL('/actions/poll', server.url).href, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: `http://${new URL(server.url).host}` },
    form: { _csrf: session.csrf },
  });
  expect(response.status).toBe(303);
  await waitForPolls(before + 1);
}

/** The delivered receipts (标题「<单位>：<活动>材料回执（…）」) or reminders (「请<单位>…报送…」). */
async function deliveredOf(kind: 'receipt' | 'reminder') {
  const pattern = kind === 'receipt' ? /材料回执/ : /^请.*报送/;
  return (await smtp.delivered()).filter((entry) => pattern.test(entry.subject ?? ''));
}

const recipientsOf = async (kind: 'receipt' | 'reminder') => (await deliveredOf(kind)).flatMap((entry) => entry.rcptTos ?? []);

beforeAll(async () => {
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
  // No mail stored yet: everything arrives through serve's own polls.
  campaign = await outboundCampaign(dovecot, smtp, {
    mailboxDir: await tempDir('huizong-serve-mail-empty-'),
    yaml: [
      '  receipts: auto',
      '  reminders: auto',
      '  rounds:',
      '    - { daysBefore: 2, at: "00:00" }',
      '    - { daysAfter: 1, at: "09:00" }',
    ].join('\n'),
  });
  const yamlPath = join(campaign.dir, 'campaign.yaml');
  const deadline = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const yaml = (await readFile(yamlPath, 'utf8')).replace(/^deadline: .*$/m, `deadline: "${deadline}"`);
  // Only the start and 立即收信 poll: no scheduled tick falls inside the test.
  await writeFile(yamlPath, `${yaml}\nschedule: "0 0 1 1 *"\n`);
  server = await startServe(['--campaign', campaign.dir], campaign.env);
  await waitForPolls(1);
}, 240_000);

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0);
  await smtp?.stop();
  await dovecot?.dispose();
});

describe('serve with notify: auto', () => {
  it('sends the due reminder round once, at its first poll', async () => {
    expect(await deliveredOf('reminder')).toHaveLength(ROSTER_UNITS);
    const reminded = await recipientsOf('reminder');
    expect(reminded).toHaveLength(ROSTER_ADDRESSES);
    expect(new Set(reminded).size).toBe(ROSTER_ADDRESSES);
    expect(reminded).toContain('pangcun@yibin-demo.gov.cn');
    expect(await recipientsOf('receipt')).toEqual([]);
  });

  it('sends the receipt of a submission its poll brought, once; the next poll sends nothing', async () => {
    const sentBefore = (await smtp.delivered()).length;
    await dovecot.append('INBOX', [{ raw: await readFile(join(DEMO, '01-pangcun.eml')), internalDate: new Date() }]);
    await pollNow();
    const delivered = await smtp.delivered();
    expect(delivered.length).toBe(sentBefore + 1);
    expect(await recipientsOf('receipt')).toEqual(['pangcun@yibin-demo.gov.cn']);
    expect(server.stdout.some((line) => /回执：发送 1 封/.test(line))).toBe(true);

    await pollNow();
    expect((await smtp.delivered()).length).toBe(sentBefore + 1);
    // Nothing more to remind in this round, and the submission was acknowledged.
    expect(await deliveredOf('reminder')).toHaveLength(ROSTER_UNITS);
    const outbox = JSON.parse((await campaign.cli(['outbox', '--json'])).stdout) as { kind: string; state: string }[];
    expect(outbox.filter((entry) => entry.kind === 'receipt').map((entry) => entry.state)).toEqual(['已发送']);
    expect(outbox.filter((entry) => entry.kind === 'reminder')).toHaveLength(ROSTER_UNITS);
  });
});
