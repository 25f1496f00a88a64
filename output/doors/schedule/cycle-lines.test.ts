import { describe, expect, it } from 'vitest';
import type { PollReport } from '../../runner/stages/intake.js';
import { oversizeLines, pollLine, progressPrinter } from './cycle-lines.js';

const report = (fields: Partial<PollReport> = {}): PollReport => ({
  mailbox: 'imap://u@h/INBOX',
  exists: 40,
  seen: 12,
  campaign: 3,
  stored: 3,
  alreadyStored: 0,
  ignored: 9,
  tooLarge: [],
  vanished: 0,
  moved: 0,
  uidValidityChanged: false,
  interrupted: false,
  openedAt: new Date('2013-08-18T10:10:00Z'),
  durationMs: 1234,
  ...fields,
});

describe('pollLine', () => {
  it('is one line: when, seen, new, stored, ignored, how long', () => {
    expect(pollLine(report(), new Date('2013-08-18T10:10:00Z'))).toBe(
      '2013-08-18 18:10 收信：看到 12 封，新 3 封，存入 3 封，忽略 9 封，用时 1.2 秒',
    );
  });

  it('adds what is unusual', () => {
    const line = pollLine(
      report({
        alreadyStored: 2,
        stored: 1,
        uidValidityChanged: true,
        interrupted: true,
        tooLarge: [{ uid: 3, size: 1, subject: 's', from: 'f', internalDate: null }],
      }),
      new Date('2013-08-18T10:10:00Z'),
      500,
    );
    expect(line).toBe(
      '2013-08-18 18:10 收信：看到 12 封，新 3 封，存入 1 封，忽略 9 封，已存过 2 封，过大未下载 1 封，用时 0.5 秒（邮箱文件夹已重建，已按 Message-ID 和内容重新核对；已中断，下次继续）',
    );
  });
});

describe('oversizeLines', () => {
  it('names the message that was not downloaded and the limit', () => {
    const [line] = oversizeLines(
      report({ tooLarge: [{ uid: 3, size: 80 * 1024 * 1024, subject: '扫描件', from: 'a@b.cn', internalDate: '2013-08-16T01:00:00Z' }] }),
      50 * 1024 * 1024,
    );
    expect(line).toContain('发件人 a@b.cn，标题「扫描件」，80.0 MB，超过限制 50.0 MB，收到于 2013-08-16 09:00');
  });
});

describe('progressPrinter', () => {
  it('prints every N messages of a long poll only', () => {
    const lines: string[] = [];
    const print = progressPrinter((line) => lines.push(line), 100);
    print({ examined: 50, total: 60, downloaded: 10 });
    for (const examined of [100, 150, 250]) print({ examined, total: 1000, downloaded: 0 });
    print({ examined: 250, total: 1000, downloaded: 120 });
    expect(lines).toEqual([
      '收信进度：已检查 100/1000 封，已下载 0 封',
      '收信进度：已检查 250/1000 封，已下载 0 封',
      '收信进度：已检查 250/1000 封，已下载 120 封',
    ]);
  });
});
