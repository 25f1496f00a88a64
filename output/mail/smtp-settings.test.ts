import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSmtpSettings, smtpConfigured } from './smtp-settings.js';

describe('SMTP settings', () => {
  it('verifies TLS by default (465) and takes the sender from the user', () => {
    const settings = resolveSmtpSettings({ host: 'smtp.163.com', user: 'mishuke@163.com' }, { HUIZONG_SMTP_PASSWORD: 'code' });
    expect(settings).toMatchObject({
      host: 'smtp.163.com',
      port: 465,
      tls: true,
      allowUntrustedCertificate: false,
      from: 'mishuke@163.com',
      fromAddress: 'mishuke@163.com',
      intervalMs: 1000,
      sentFolder: null,
    });
  });

  it('lets every field be overridden from the environment, the password from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huizong-smtp-'));
    const file = join(dir, 'pw');
    writeFileSync(file, 'from-file\n');
    chmodSync(file, 0o600);
    const settings = resolveSmtpSettings(
      { host: 'smtp.163.com', user: 'a@163.com', maxPerSecond: 2 },
      {
        HUIZONG_SMTP_HOST: 'mail.office.cn',
        HUIZONG_SMTP_PORT: '25',
        HUIZONG_SMTP_TLS: 'false',
        HUIZONG_SMTP_USER: 'b@office.cn',
        HUIZONG_SMTP_PASSWORD_FILE: file,
        HUIZONG_SMTP_FROM: '秘书科 <b@office.cn>',
      },
    );
    expect(settings).toMatchObject({
      host: 'mail.office.cn',
      port: 25,
      tls: false,
      user: 'b@office.cn',
      password: 'from-file',
      from: '秘书科 <b@office.cn>',
      fromAddress: 'b@office.cn',
      intervalMs: 500,
    });
  });

  it('says in Chinese what is missing or malformed', () => {
    expect(smtpConfigured({}, {})).toBe(false);
    expect(() => resolveSmtpSettings({}, {})).toThrow('没有配置发信服务器');
    expect(() => resolveSmtpSettings({ host: 'h', user: 'a@b.cn' }, {})).toThrow('没有提供发信邮箱的密码');
    expect(() => resolveSmtpSettings({ host: 'h', user: 'a@b.cn' }, { HUIZONG_SMTP_PASSWORD: 'x', HUIZONG_SMTP_TLS: 'yes' })).toThrow(
      'true 或 false',
    );
    expect(() => resolveSmtpSettings({ host: 'h', from: '秘书科' }, {})).toThrow('没有有效的邮箱地址');
  });
});
