import { describe, expect, it } from 'vitest';
import { describeImapFailure, imapError } from './imap-errors.js';

const settings = { host: 'imap.163.com', port: 993, tls: true, folder: 'INBOX', password: 'Secret-Auth-9' };

describe('describeImapFailure', () => {
  it('says what to do about a refused login, without the password', () => {
    const error = Object.assign(new Error('Command failed'), {
      authenticationFailed: true,
      responseText: 'LOGIN "u" "Secret-Auth-9" rejected',
      serverResponseCode: 'AUTHENTICATIONFAILED',
    });
    const { message, details } = describeImapFailure(error, settings);
    expect(message).toBe('邮箱登录失败：用户名或密码（授权码）不正确（服务器回答：LOGIN "u" "******" rejected）');
    expect(details.join('\n')).toContain('授权码');
    expect(JSON.stringify(imapError(error, settings))).not.toContain('Secret-Auth-9');
    expect(imapError(error, settings).cause).toBeUndefined();
    expect(imapError(error, settings).exitCode).toBe(1);
  });

  it('names network, certificate, folder and timeout failures', () => {
    const failure = (fields: object) => describeImapFailure(Object.assign(new Error('x'), fields), settings).message;
    expect(failure({ code: 'ECONNREFUSED' })).toBe('无法连接邮件服务器 imap.163.com:993：连接被拒绝（服务器没有运行，或端口不对）');
    expect(failure({ code: 'ENOTFOUND' })).toContain('找不到邮件服务器 imap.163.com');
    expect(failure({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).toContain('证书无法验证');
    expect(failure({ code: 'CONNECT_TIMEOUT' })).toContain('超时');
    expect(failure({ code: 'EConnectionClosed' })).toContain('连接中断');
    expect(failure({ mailboxMissing: true })).toContain('没有文件夹「INBOX」');
    expect(failure({ responseText: 'Unsafe Login. Please contact kefu@188.com for help' })).toContain('拒绝了这次登录');
  });
});
