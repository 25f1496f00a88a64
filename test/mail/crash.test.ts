/**
 * Kill -9 at every durable step of a batch of receipts (before and after each rename: the
 * stored message, the intent, the result, the Sent-folder mark), then send again: every receipt
 * arrives at most once (0 duplicates), and each one either arrived or is shown as 可能已发送
 * (0 silent losses); none is recorded as sent that did not arrive.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { SINK, type SmtpServer, startSmtpServer } from '../support/smtp-server.js';
import { tempDir } from '../support/temp-dir.js';
import { fewUnitsMailbox, type OutboundCampaign, outboundCampaign } from './outbound-campaign.js';

const WRAPPER = join(packageRoot(), 'dist', 'test', 'support', 'crash-wrapper.js');
/** Three receipts: enough for a first, a middle and a last message of a batch. */
const UNITS = ['庞村镇', '李村镇', '区经济发展局'];

let dovecot: DovecotServer;
let smtp: SmtpServer;
let campaign: OutboundCampaign;

async function wrapped(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: string | null; steps: number; stdout: string; stderr: string }> {
  // Where the wrapper numbers the run's steps across its threads (crash-hooks.ts).
  const stepsDir = await tempDir('huizong-steps-');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [WRAPPER, ...args],
      { env: { ...process.env, ...campaign.env, ...env, HUIZONG_TEST_STEPS_DIR: stepsDir }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          signal: (error?.signal as string | undefined) ?? null,
          steps: Number(/HUIZONG_STEPS=(\d+)/.exec(stderr)?.[1] ?? -1),
          stdout,
          stderr,
        });
      },
    );
  });
}

async function pool<T>(tasks: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

beforeAll(async () => {
  dovecot = await startDovecot({ extraUsers: [SINK] });
  smtp = await startSmtpServer(dovecot);
  campaign = await outboundCampaign(dovecot, smtp, {
    mailboxDir: await fewUnitsMailbox(['01-pangcun.eml', '02-licun-first.eml', '08-jingfa-error.eml']),
  });
}, 120_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.dispose();
});

describe('crash safety of sending', () => {
  it('never sends a receipt twice and never loses one silently, whatever step is killed', async () => {
    const args = (data: string) => ['receipts', '--send', '--campaign', campaign.dir, '--data', data];
    const reference = await wrapped(args(await campaign.copyData()), { HUIZONG_SMTP_FROM: 'reference@example.cn' });
    expect(reference.code, reference.stderr).toBe(0);
    // Per receipt: the message, the intent, the result; then the Sent-folder marks.
    expect(reference.steps).toBeGreaterThanOrEqual(UNITS.length * 3);
    const points = [
      ...Array.from({ length: reference.steps }, (_, i) => ({ at: i + 1, mode: 'before' })),
      ...Array.from({ length: reference.steps }, (_, i) => ({ at: i + 1, mode: 'after' })),
    ];
    const outcomes = await pool(
      points.map((point) => async () => {
        const data = await campaign.copyData();
        const from = `crash-${point.at}-${point.mode}@example.cn`;
        const crashed = await wrapped(args(data), {
          HUIZONG_SMTP_FROM: from,
          HUIZONG_TEST_CRASH_AT: String(point.at),
          HUIZONG_TEST_CRASH_MODE: point.mode,
        });
        const again = await wrapped(args(data), { HUIZONG_SMTP_FROM: from });
        const outbox = await wrapped(['outbox', '--json', '--campaign', campaign.dir, '--data', data], {});
        return { point, crashed, again, outbox: JSON.parse(outbox.stdout) as { unit: string; state: string }[], from };
      }),
    );
    const delivered = await smtp.delivered();
    let uncertain = 0;
    for (const { point, crashed, again, outbox, from } of outcomes) {
      const where = `kill ${point.mode} step ${point.at}`;
      expect(crashed.signal, where).toBe('SIGKILL');
      expect(again.code === 0 || again.code === 1, `${where}: ${again.stderr}`).toBe(true);
      const arrived = delivered.filter((entry) => entry.mailFrom === from).flatMap((entry) => entry.rcptTos ?? []);
      for (const unit of UNITS) {
        const address = campaign.campaign.roster.find((item) => item.name === unit)!.emails[0]!;
        const copies = arrived.filter((rcpt) => rcpt === address).length;
        const state = outbox.find((entry) => entry.unit === unit)?.state;
        expect(copies, `${where}: ${unit} arrived ${copies} times`).toBeLessThanOrEqual(1);
        // Arrived and journaled as sent, or shown to the clerk as 可能已发送: never silence.
        if (state === '已发送') expect(copies, `${where}: ${unit} recorded as sent but never arrived`).toBe(1);
        else expect(state, `${where}: ${unit} neither sent nor shown as 可能已发送`).toBe('可能已发送');
        if (state === '可能已发送') uncertain++;
      }
    }
    // The cut between intent and result was hit (the interesting case), and only there.
    expect(uncertain).toBeGreaterThan(0);
    expect(uncertain).toBeLessThanOrEqual(points.length);
  }, 900_000);
});
