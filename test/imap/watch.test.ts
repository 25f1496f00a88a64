/**
 * `huizong watch` as the IT person runs it: a long-lived process on a schedule (every 2 seconds
 * here), against a real Dovecot that is down at first, then up, then busy; ended by SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { packageRoot } from '../../intake/kernel/package-root.js';
import { acquireDataLock } from '../../intake/store/data-lock.js';
import { CLI_PATH } from '../support/cli.js';
import { demoCampaign } from '../support/demo-campaign.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { type ImapCampaign, imapCampaign } from './imap-campaign.js';
import { beijing, officeMail, submission } from './mail-factory.js';

interface WatchProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line after `from` lines that matches. */
  waitForLine(pattern: RegExp, from?: number, timeoutMs?: number): Promise<{ line: string; index: number }>;
  lineCount(): number;
  exited: Promise<number | null>;
}

function startWatch(mailbox: ImapCampaign): WatchProcess {
  const child = spawn(process.execPath, [CLI_PATH, 'watch', '--campaign', mailbox.dir], {
    cwd: packageRoot(),
    env: { ...process.env, ...mailbox.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () => out.split('\n').filter((line) => line !== '');
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    lineCount: () => lines().length,
    exited,
    async waitForLine(pattern, from = 0, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = lines();
        const index = all.findIndex((line, at) => at >= from && pattern.test(line));
        if (index >= 0) return { line: all[index]!, index };
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no line matching ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

let server: DovecotServer;
let campaign: Campaign;

beforeAll(async () => {
  server = await startDovecot();
  campaign = await demoCampaign();
});

afterAll(async () => {
  await server?.dispose();
});

describe('huizong watch', () => {
  it('runs a cycle at start and on schedule, survives failed cycles, and ends cleanly on SIGTERM', async () => {
    const mailbox = await imapCampaign(server, { schedule: '*/2 * * * * *' });
    await server.stop();
    const watch = startWatch(mailbox);
    await watch.waitForLine(/^开始定时收信：imap:\/\/mishuke@example\.cn@127\.0\.0\.1\/INBOX，时间表「\*\/2 \* \* \* \* \*」（北京时间）/);
    // The cycle at start fails (server down): logged with the reason, and watch goes on.
    const failed = await watch.waitForLine(/收信失败/);
    expect(failed.line).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d 收信失败：无法连接邮件服务器 127\.0\.0\.1:\d+：连接被拒绝（服务器没有运行，或端口不对）（下一轮自动重试）$/,
    );
    const again = await watch.waitForLine(/收信失败/, failed.index + 1);
    expect(again.line).toContain('连接被拒绝');

    // The server comes back, with mail: the next cycle takes it in. (Holding the data folder
    // meanwhile keeps a cycle from reading the mailbox between the two APPENDs.)
    const holding = await acquireDataLock(mailbox.dataDir, { command: 'test', waitMs: 10_000 });
    await server.start();
    await server.append('INBOX', [
      {
        raw: await submission(campaign, { unit: '庞村镇', sent: beijing('2013-08-15T10:12:00') }),
        internalDate: beijing('2013-08-15T10:12:31'),
      },
      { raw: officeMail('明天开会', 'zhuren@example.cn', beijing('2013-08-15T11:00:00')), internalDate: beijing('2013-08-15T11:00:01') },
    ]);
    const startedAt = watch.lineCount();
    await holding.release();
    const first = await watch.waitForLine(/收信：看到 [1-9]/, startedAt);
    expect(first.line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d 收信：看到 2 封，新 1 封，存入 1 封，忽略 1 封，用时 \d+\.\d 秒$/);
    expect(existsSync(join(mailbox.dir, 'out', '政府信息公开保密审查专项检查汇总表.xlsx'))).toBe(true);

    // New mail is picked up by a later cycle.
    await server.append('INBOX', [
      {
        raw: await submission(campaign, { unit: '李村镇', sent: beijing('2013-08-16T09:05:00') }),
        internalDate: beijing('2013-08-16T09:05:09'),
      },
    ]);
    await watch.waitForLine(/收信：看到 1 封，新 1 封，存入 1 封/, first.index + 1);

    // A manual run holds the data folder: the cycle is skipped, not failed, and the next one works.
    const lock = await acquireDataLock(mailbox.dataDir, { command: 'run' });
    const skipped = await watch.waitForLine(/本轮跳过/, watch.lineCount());
    expect(skipped.line).toContain(`另一个 huizong 进程（进程号 ${process.pid}，正在执行 run`);
    await lock.release();
    await watch.waitForLine(/收信：看到 0 封/, skipped.index + 1);

    // A lock left by a crashed process is taken over.
    await writeFile(
      join(mailbox.dataDir, 'huizong.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), command: 'run', since: '2013-08-18T10:00:00Z' }),
    );
    await watch.waitForLine(/收信：看到 0 封/, watch.lineCount());

    // A second watch on the same data folder refuses to start.
    const second = startWatch(mailbox);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain('错误：这个数据文件夹已有一个 huizong watch 在运行');

    // SIGTERM: ends after the current step, exit code 0, nothing left behind.
    watch.child.kill('SIGTERM');
    expect(await watch.exited).toBe(0);
    expect(watch.stdout().trimEnd().split('\n').at(-1)).toBe('已停止定时收信');
    expect(existsSync(join(mailbox.dataDir, 'huizong.lock'))).toBe(false);
    expect(existsSync(join(mailbox.dataDir, 'watch', 'huizong.lock'))).toBe(false);
    expect(`${watch.stdout()}${watch.stderr()}`).not.toContain(server.password);
    if (process.env.HUIZONG_TEST_VERBOSE) process.stderr.write(`${watch.stdout()}\n--- stderr ---\n${watch.stderr()}\n`);
  });
});
