/**
 * 测试连接 on 活动设置: the mailbox (IMAP: connect, log in, list the folders) and the SMTP server
 * (connect, EHLO, AUTH), with the settings as typed in the page (not yet saved) and the 授权码
 * typed or stored. The answer is one Chinese sentence, the server's own words when it said any,
 * never the password. Uses the same session code as polling and sending.
 */
import { createSession } from '../../../../intake/imap/connect.js';
import { describeImapFailure } from '../../../../intake/imap/imap-errors.js';
import { SmtpSession } from '../../../mail/smtp-session.js';
import { connectFailure } from './smtp-failure.js';

export interface ServerForm {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  allowUntrustedCertificate: boolean;
}

export interface ConnectionAnswer {
  ok: boolean;
  text: string;
}

export async function testImap(form: ServerForm): Promise<ConnectionAnswer> {
  const session = createSession(
    {
      ...form,
      folder: 'INBOX',
      folders: ['INBOX'],
      includeJunk: false,
      moveTo: null,
      maxMessageBytes: 1,
      timeoutMs: 30_000,
    },
    { connectionTimeoutMs: 15_000, socketTimeoutMs: 20_000 },
  );
  try {
    await session.connect();
    const folders = await session.client.list();
    const names = folders.map((folder) => folder.path);
    return {
      ok: true,
      text: `连接成功：已登录收信服务器 ${form.host}:${form.port}，邮箱中有 ${names.length} 个文件夹：${names.join('、')}`,
    };
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    const described =
      (error as { code?: string }).code === 'MAILBOX'
        ? { message: (error as Error).message, details: (error as { details?: string[] }).details ?? [] }
        : describeImapFailure(cause, { ...form, folder: 'INBOX' });
    return { ok: false, text: [described.message, ...described.details].join('\n') };
  } finally {
    await session.end();
  }
}

export async function testSmtp(form: ServerForm): Promise<ConnectionAnswer> {
  const server = `${form.host}:${form.port}`;
  const session = new SmtpSession({
    ...form,
    user: form.user === '' ? null : form.user,
    password: form.password === '' ? null : form.password,
    from: form.user,
    fromAddress: form.user,
    sentFolder: null,
    intervalMs: 1000,
  });
  try {
    await session.connect();
    return {
      ok: true,
      text:
        form.user === ''
          ? `连接成功：发信服务器 ${server} 已应答（未登录：没有填写用户名）`
          : `连接成功：已登录发信服务器 ${server}（用户 ${form.user}）`,
    };
  } catch (error) {
    const failure = connectFailure(error as Error, server);
    return {
      ok: false,
      text: [failure.what, failure.server ? `服务器回答：${failure.server}` : '', ...failure.check].filter(Boolean).join('\n'),
    };
  } finally {
    session.close();
  }
}
