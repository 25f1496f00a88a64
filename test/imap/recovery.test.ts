/**
 * What goes wrong with a real mailbox, against a real Dovecot: a wrong authorization code, the
 * server down, the server killed in the middle of a poll, a folder recreated under a new
 * UIDVALIDITY, no mailbox configured. Nothing may be lost, nothing doubled, the password never
 * shown; and the optional move-to-folder moves only what was taken in.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportDocx } from '../../examples/kit/report-docx.js';
import { buildStatisticsTable, countValues } from '../../examples/kit/statistics-table.js';
import { createCampaignFilter } from '../../intake/imap/campaign-filter.js';
import { readCursor } from '../../intake/imap/cursor.js';
import { pollMailbox } from '../../intake/imap/poll.js';
import { cursorKey, resolveImapSettings } from '../../intake/imap/settings.js';
import type { Campaign } from '../../intake/kernel/campaign/campaign.js';
import { loadCampaign } from '../../intake/kernel/campaign/load-campaign.js';
import { isHuizongError } from '../../intake/kernel/errors.js';
import { messageIdOf, RawStore } from '../../intake/store/raw-store.js';
import { runCli } from '../support/cli.js';
import { demoCampaign } from '../support/demo-campaign.js';
import { type DovecotServer, startDovecot } from '../support/dovecot.js';
import { tempDir } from '../support/temp-dir.js';
import { imapCampaign, pollLineOf } from './imap-campaign.js';
import { beijing, bulkSubmission, officeMail, submission } from './mail-factory.js';

let server: DovecotServer;
let demo: Campaign;

beforeAll(async () => {
  server = await startDovecot();
  demo = await demoCampaign();
  await server.append('INBOX', [
    { raw: await submission(demo, { unit: '庞村镇', sent: beijing('2013-08-15T10:12:00') }), internalDate: beijing('2013-08-15T10:12:31') },
    {
      raw: officeMail('明天开会', 'zhuren@example.cn', beijing('2013-08-15T11:00:00')),
      internalDate: beijing('2013-08-15T11:00:01'),
      flags: ['\\Seen'],
    },
  ]);
});

afterAll(async () => {
  await server?.dispose();
});

describe('a refused login or an unreachable server', () => {
  it('wrong password: a clear Chinese error, exit code 1, nothing stored, the password never shown', async () => {
    const mailbox = await imapCampaign(server);
    const wrong = 'Wr0ng-Auth-Code-5521';
    for (const args of [[], ['--debug']]) {
      const result = await mailbox.run({ HUIZONG_IMAP_PASSWORD: wrong }, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('错误：邮箱登录失败：用户名或密码（授权码）不正确');
      expect(result.stderr).toContain('授权码（在网页邮箱“设置 → POP3/SMTP/IMAP”中开启 IMAP 服务后生成）');
      expect(`${result.stdout}${result.stderr}`).not.toContain(wrong);
      expect(`${result.stdout}${result.stderr}`).not.toContain(server.password);
    }
    expect(existsSync(join(mailbox.dataDir, 'mail'))).toBe(false);
    expect(existsSync(join(mailbox.dataDir, 'imap-cursor.json'))).toBe(false);
  });

  it('server down: says so in Chinese, exit code 1; works again once it is back', async () => {
    const mailbox = await imapCampaign(server);
    await server.stop();
    try {
      const result = await mailbox.run();
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`错误：无法连接邮件服务器 127.0.0.1:${server.port}：连接被拒绝（服务器没有运行，或端口不对）\n`);
      expect(existsSync(join(mailbox.dataDir, 'mail'))).toBe(false);
    } finally {
      await server.start();
    }
    const again = await mailbox.run();
    expect(again.code, again.stderr).toBe(0);
    expect(pollLineOf(again.stdout)).toContain('看到 2 封，新 1 封，存入 1 封，忽略 1 封');
  });

  it('takes the password from HUIZONG_IMAP_PASSWORD_FILE', async () => {
    const mailbox = await imapCampaign(server);
    const file = join(await tempDir(), 'imap-password');
    await writeFile(file, `${server.password}\n`, { mode: 0o600 });
    const result = await mailbox.run({ HUIZONG_IMAP_PASSWORD: '', HUIZONG_IMAP_PASSWORD_FILE: file });
    expect(result.code, result.stderr).toBe(0);
    expect(pollLineOf(result.stdout)).toContain('存入 1 封');
  });

  it('no mailbox configured and no --mailbox-dir: says where to configure one, exit code 2', async () => {
    const result = await runCli(['run'], { cwd: await tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '错误：没有邮件来源：campaign.yaml 中没有配置收信邮箱，也没有用 --mailbox-dir 指定存放 .eml 文件的文件夹',
    );
    expect(result.stderr).toContain('HUIZONG_IMAP_PASSWORD_FILE');
  });
});

describe('never losing or doubling a message', () => {
  it('a folder recreated with the same messages (new UIDVALIDITY): nothing doubled, the new one taken', async () => {
    const folder = 'Reports';
    const mailbox = await imapCampaign(server, { folder });
    const units = ['李村镇', '寇店镇', '区财政局'];
    const originals = await Promise.all(
      units.map((unit, index) => submission(demo, { unit, sent: beijing(`2013-08-1${index + 4}T09:00:00`) })),
    );
    const dates = units.map((_, index) => beijing(`2013-08-1${index + 4}T09:00:30`));
    await server.append(
      folder,
      originals.map((raw, index) => ({ raw, internalDate: dates[index]! })),
    );
    const first = await mailbox.run();
    expect(pollLineOf(first.stdout)).toContain('看到 3 封，新 3 封，存入 3 封');
    const oldValidity = await server.uidValidity(folder);

    // Recreated: the same messages (one rewritten by the "migration", same Message-ID and
    // INTERNALDATE), plus one that is really new.
    await server.deleteFolder(folder);
    const rewritten = Buffer.concat([Buffer.from('X-Migrated: yes\r\n'), originals[1]!]);
    const fresh = await submission(demo, { unit: '区公安分局', sent: beijing('2013-08-17T09:00:00') });
    await server.append(folder, [
      { raw: originals[0]!, internalDate: dates[0]! },
      { raw: rewritten, internalDate: dates[1]! },
      { raw: originals[2]!, internalDate: dates[2]! },
      { raw: fresh, internalDate: beijing('2013-08-17T09:00:30') },
    ]);
    expect(await server.uidValidity(folder)).not.toBe(oldValidity);
    const flagsBefore = await server.flags(folder);
    const second = await mailbox.run();
    expect(second.code, second.stderr).toBe(0);
    expect(pollLineOf(second.stdout)).toContain('看到 4 封，新 4 封，存入 1 封，忽略 0 封，已存过 3 封');
    expect(pollLineOf(second.stdout)).toContain('邮箱文件夹已重建');
    expect(await server.flags(folder)).toEqual(flagsBefore);
    const ids = (await mailbox.receipts()).map((receipt) => receipt.id).sort();
    expect(ids).toEqual([...originals, fresh].map((raw) => messageIdOf(raw)).sort());
    const cursor = await readCursor(mailbox.dataDir, cursorKey({ user: server.user }, folder));
    expect(cursor).toMatchObject({ uidValidity: await server.uidValidity(folder), lastUid: 4 });
    expect(cursor!.recheckUpTo).toBeUndefined();

    const third = await mailbox.run();
    expect(pollLineOf(third.stdout)).toContain('看到 0 封，新 0 封');
  });

  it('the server killed in the middle of a poll, then back: nothing lost, nothing doubled', async () => {
    const folder = 'Bulk';
    const mailbox = await imapCampaign(server, { folder });
    const campaign = await loadCampaign(mailbox.dir);
    const template = {
      table: await buildStatisticsTable(campaign, { unitName: '庞村镇', date: '2013年8月15日', values: countValues(campaign, [1, 2, 3]) }),
      report: await buildReportDocx({ unitName: '庞村镇', date: '2013年8月15日' }),
    };
    const messages = Array.from({ length: 40 }, (_, index) => bulkSubmission(template, index, campaign));
    const unrelated = Array.from({ length: 10 }, (_, index) =>
      officeMail(`工作简报第 ${index + 1} 期`, 'jianbao@example.cn', beijing('2013-08-16T08:00:00')),
    );
    await server.append(
      folder,
      [...messages, ...unrelated].map((raw, index) => ({
        raw,
        internalDate: new Date(Date.UTC(2013, 7, 15, 2, index)),
        flags: index % 4 === 0 ? ['\\Seen'] : [],
      })),
    );
    const flagsBefore = await server.flags(folder);

    const settings = resolveImapSettings(campaign.file.mailbox, mailbox.env);
    const store = new RawStore(mailbox.dataDir);
    const options = {
      settings,
      store,
      dataDir: mailbox.dataDir,
      filter: createCampaignFilter(campaign),
      envelopeChunk: 20,
      batchMessages: 4,
    };
    let crashed = false;
    const failure = await pollMailbox({
      ...options,
      onProgress: (progress) => {
        if (!crashed && progress.downloaded >= 10) {
          crashed = true;
          server.crash();
        }
      },
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(crashed).toBe(true);
    expect(isHuizongError(failure) && failure.code).toBe('MAILBOX');
    expect((failure as Error).message).toContain(`与邮件服务器 127.0.0.1:${server.port} 的连接中断`);
    const partial = (await store.list()).length;
    expect(partial).toBeGreaterThanOrEqual(10);
    expect(partial).toBeLessThan(40);
    const cursor = await readCursor(mailbox.dataDir, cursorKey(settings, settings.folder));
    // The cursor never passes a message that is not stored.
    expect(cursor!.lastUid).toBeLessThanOrEqual(partial);

    await server.start();
    const report = await pollMailbox(options);
    expect(report.interrupted).toBe(false);
    expect(report.stored).toBe(40 - partial);
    const ids = (await store.list()).map((receipt) => receipt.id).sort();
    expect(ids).toEqual(messages.map((raw) => messageIdOf(raw)).sort());
    expect(await server.flags(folder)).toEqual(flagsBefore);
    expect(await readCursor(mailbox.dataDir, cursorKey(settings, settings.folder))).toMatchObject({ lastUid: 50 });
  });
});

describe('the overall deadline of a poll', () => {
  it('a server that stops answering mid-poll: the deadline ends it; the rest comes next time', async () => {
    const folder = 'Frozen';
    const mailbox = await imapCampaign(server, { folder });
    const campaign = await loadCampaign(mailbox.dir);
    const template = {
      table: await buildStatisticsTable(campaign, { unitName: '李村镇', date: '2013年8月15日', values: countValues(campaign, [4, 5, 6]) }),
      report: await buildReportDocx({ unitName: '李村镇', date: '2013年8月15日' }),
    };
    const messages = Array.from({ length: 20 }, (_, index) => bulkSubmission(template, 100 + index, campaign));
    await server.append(
      folder,
      messages.map((raw, index) => ({ raw, internalDate: new Date(Date.UTC(2013, 7, 16, 2, index)) })),
    );
    const settings = { ...resolveImapSettings(campaign.file.mailbox, mailbox.env), timeoutMs: 1500 };
    const store = new RawStore(mailbox.dataDir);
    const options = { settings, store, dataDir: mailbox.dataDir, filter: createCampaignFilter(campaign), batchMessages: 2 };
    let paused = false;
    const started = Date.now();
    const failure = await pollMailbox({
      ...options,
      onProgress: (progress) => {
        if (!paused && progress.downloaded >= 4) {
          paused = true;
          server.pause();
        }
      },
    }).then(
      () => null,
      (error: unknown) => error,
    );
    server.resume();
    expect(paused).toBe(true);
    expect((failure as Error).message).toBe('收信超时：2 秒内没有完成');
    expect(Date.now() - started).toBeLessThan(10_000);
    const partial = (await store.list()).length;
    expect(partial).toBeGreaterThanOrEqual(4);

    const report = await pollMailbox({ ...options, settings: { ...settings, timeoutMs: 60_000 } });
    expect(report.stored).toBe(20 - partial);
    expect((await store.list()).map((receipt) => receipt.id).sort()).toEqual(messages.map((raw) => messageIdOf(raw)).sort());
  });

  it('a server that accepts the connection and never greets: the deadline, not a hang', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const settings = {
        ...resolveImapSettings({ host: '127.0.0.1', port, tls: false, user: 'u' }, { HUIZONG_IMAP_PASSWORD: 'p' }),
        timeoutMs: 500,
      };
      const started = Date.now();
      const dataDir = await tempDir();
      await expect(pollMailbox({ settings, store: new RawStore(dataDir), dataDir, filter: createCampaignFilter(demo) })).rejects.toThrow(
        '收信超时',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });
});

describe('moving taken-in mail (optional, off by default)', () => {
  it('moves only the campaign mail it stored, into the folder the clerk named', async () => {
    const folder = 'Moving';
    const mailbox = await imapCampaign(server, { folder, moveTo: '已收材料' });
    const campaignMail = await submission(demo, { unit: '区城市管理局', sent: beijing('2013-08-16T10:00:00') });
    const office = officeMail('周五大扫除', 'houqin@example.cn', beijing('2013-08-16T10:05:00'));
    await server.append(folder, [
      { raw: campaignMail, internalDate: beijing('2013-08-16T10:00:10') },
      { raw: office, internalDate: beijing('2013-08-16T10:05:10'), flags: ['\\Flagged'] },
    ]);
    const result = await mailbox.run();
    expect(result.code, result.stderr).toBe(0);
    expect(pollLineOf(result.stdout)).toContain('存入 1 封，忽略 1 封，已移走 1 封');
    // What stays is the office mail, with its flag, and unread.
    expect([...(await server.flags(folder)).values()]).toEqual([['\\Flagged']]);
    expect([...(await server.flags('已收材料')).values()]).toEqual([[]]);
  });
});
