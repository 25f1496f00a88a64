import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { describeMailbox, mailboxConfigured, passwordFileIsShared, redact, resolveImapSettings } from './settings.js';

const PASSWORD = 'sq2Lx9AuthCode';

describe('resolveImapSettings', () => {
  it('takes campaign.yaml values with TLS, port 993 and INBOX by default', () => {
    const settings = resolveImapSettings({ host: 'imap.163.com', user: 'mishuke@163.com' }, { HUIZONG_IMAP_PASSWORD: PASSWORD });
    expect(settings).toEqual({
      host: 'imap.163.com',
      port: 993,
      tls: true,
      allowUntrustedCertificate: false,
      user: 'mishuke@163.com',
      password: PASSWORD,
      folder: 'INBOX',
      folders: ['INBOX'],
      includeJunk: true,
      moveTo: null,
      maxMessageBytes: 50 * 1024 * 1024,
      timeoutMs: 600_000,
    });
  });

  it('reads a list of folders, or one folder, and never both', () => {
    const env = { HUIZONG_IMAP_PASSWORD: PASSWORD };
    expect(resolveImapSettings({ host: 'h', user: 'u', folders: ['INBOX', '垃圾邮件'] }, env)).toMatchObject({
      folder: 'INBOX',
      folders: ['INBOX', '垃圾邮件'],
      includeJunk: false,
    });
    expect(resolveImapSettings({ host: 'h', user: 'u', folder: 'received' }, env)).toMatchObject({
      folders: ['received'],
      includeJunk: false,
    });
    expect(() => resolveImapSettings({ host: 'h', user: 'u', folder: 'INBOX', folders: ['INBOX'] }, env)).toThrow(
      'folder 和 folders 只能写一个',
    );
  });

  it('lets every environment variable override the file', () => {
    const settings = resolveImapSettings(
      { host: 'imap.163.com', port: 993, tls: true, user: 'a@163.com', folder: 'INBOX' },
      {
        HUIZONG_IMAP_HOST: 'mail.office.cn',
        HUIZONG_IMAP_PORT: '1143',
        HUIZONG_IMAP_TLS: 'false',
        HUIZONG_IMAP_USER: 'b@office.cn',
        HUIZONG_IMAP_FOLDER: '材料',
        HUIZONG_IMAP_PASSWORD: PASSWORD,
      },
    );
    expect(settings).toMatchObject({ host: 'mail.office.cn', port: 1143, tls: false, user: 'b@office.cn', folder: '材料' });
  });

  it('uses port 143 for plain text when no port is given', () => {
    expect(resolveImapSettings({ host: 'h', user: 'u', tls: false }, { HUIZONG_IMAP_PASSWORD: 'p' }).port).toBe(143);
  });

  it('reads the password from a file, without its line break', async () => {
    const file = join(await tempDir(), 'imap-password');
    await writeFile(file, `${PASSWORD}\n`, { mode: 0o600 });
    const settings = resolveImapSettings({ host: 'h', user: 'u' }, { HUIZONG_IMAP_PASSWORD_FILE: file });
    expect(settings.password).toBe(PASSWORD);
    expect(passwordFileIsShared({ HUIZONG_IMAP_PASSWORD_FILE: file })).toBeNull();
    await chmod(file, 0o644);
    expect(passwordFileIsShared({ HUIZONG_IMAP_PASSWORD_FILE: file })).toBe(file);
  });

  it('explains what is missing or malformed, in Chinese', async () => {
    expect(() => resolveImapSettings({ host: 'h', user: 'u' }, {})).toThrow(/没有提供邮箱密码/);
    expect(() => resolveImapSettings({ host: 'h' }, { HUIZONG_IMAP_PASSWORD: 'p' })).toThrow(/没有配置邮箱用户名/);
    expect(() => resolveImapSettings({}, { HUIZONG_IMAP_PASSWORD: 'p' })).toThrow(/没有配置收信邮箱/);
    expect(() => resolveImapSettings({ host: 'h', user: 'u' }, { HUIZONG_IMAP_PASSWORD: 'p', HUIZONG_IMAP_TLS: 'yes' })).toThrow(
      /HUIZONG_IMAP_TLS 应为 true 或 false/,
    );
    expect(() => resolveImapSettings({ host: 'h', user: 'u' }, { HUIZONG_IMAP_PASSWORD: 'p', HUIZONG_IMAP_PORT: '99999' })).toThrow(
      /端口号/,
    );
    const missing = join(await tempDir(), 'none');
    expect(() => resolveImapSettings({ host: 'h', user: 'u' }, { HUIZONG_IMAP_PASSWORD_FILE: missing })).toThrow(
      `密码文件 ${missing}：文件不存在`,
    );
  });

  it('knows when no mailbox is configured at all', () => {
    expect(mailboxConfigured({}, {})).toBe(false);
    expect(mailboxConfigured({}, { HUIZONG_IMAP_HOST: 'imap.qq.com' })).toBe(true);
    expect(mailboxConfigured({ host: 'imap.163.com' }, {})).toBe(true);
  });
});

describe('describeMailbox and redact', () => {
  it('names the mailbox without the password, and removes the password from any text', () => {
    expect(describeMailbox({ user: 'mishuke@163.com', host: 'imap.163.com', folder: 'INBOX' })).toBe(
      'imap://mishuke@163.com@imap.163.com/INBOX',
    );
    expect(redact(`LOGIN "u" "${PASSWORD}" failed; ${PASSWORD}`, PASSWORD)).toBe('LOGIN "u" "******" failed; ******');
  });
});
