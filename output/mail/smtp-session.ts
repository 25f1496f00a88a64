/**
 * One SMTP connection for a whole batch (nodemailer's SMTPConnection, not its pool: the pool
 * reports a connection lost after the message was handed over the same way as one that never
 * opened, and the journal must tell those apart). Each send's outcome is classified:
 * sent (2xx), deferred (4xx), rejected (5xx), or unknown (the connection broke with no answer:
 * the message may have arrived).
 */
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { HuizongError } from '../../intake/kernel/errors.js';
import type { AttemptOutcome } from './outbox-journal.js';
import { meaningOf } from './smtp-answer.js';
import { describeSmtp, type SmtpSettings } from './smtp-settings.js';

export interface SendOutcome {
  outcome: Exclude<AttemptOutcome, 'not-sent'>;
  /** The server's answer, or what happened, in Chinese (password removed). */
  answer: string;
}

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

export function redactSecret(text: string, secret: string | null): string {
  return secret ? text.split(secret).join('******') : text;
}

function connectionError(settings: SmtpSettings, error: NodemailerError): HuizongError {
  const where = describeSmtp(settings);
  const code = error.code ?? '';
  const reason =
    error.responseCode !== undefined
      ? meaningOf(error.response ?? String(error.responseCode)).text
      : code === 'ESOCKET' && /ECONNREFUSED/.test(error.message)
        ? '服务器拒绝连接（端口不对或服务未开启）'
        : code === 'ETIMEDOUT'
          ? '连接超时'
          : code === 'EDNS' || /ENOTFOUND/.test(error.message)
            ? '找不到服务器（请检查服务器地址）'
            : /certificate|self[- ]signed|CERT/i.test(error.message)
              ? '服务器证书无法验证（单位自建服务器使用自签名证书时，可在 smtp: 中写 allowUntrustedCertificate: true）'
              : code === 'ETLS'
                ? '加密连接失败（请检查端口与 tls 设置：465 端口用 tls: true，25/587 端口用 tls: false）'
                : code === 'EAUTH'
                  ? '登录失败：用户名或授权码不正确'
                  : '连接失败';
  return new HuizongError('MAILBOX', `无法连接发信服务器 ${where}：${redactSecret(reason, settings.password)}`, { cause: error });
}

export class SmtpSession {
  private connection: SMTPConnection | null = null;
  private broken: NodemailerError | null = null;

  constructor(private readonly settings: SmtpSettings) {}

  get open(): boolean {
    return this.connection !== null && this.broken === null;
  }

  /** Connects and logs in; failures become Chinese MAILBOX errors (nothing was sent). */
  async connect(): Promise<void> {
    const { settings } = this;
    const connection = new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.tls,
      tls: { rejectUnauthorized: !settings.allowUntrustedCertificate },
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 120_000,
      logger: false,
      debug: false,
    });
    this.broken = null;
    connection.on('error', (error: NodemailerError) => {
      this.broken ??= error;
    });
    connection.on('end', () => {
      this.broken ??= Object.assign(new Error('Connection closed'), { code: 'ECONNECTION' });
    });
    try {
      // Some failures (a certificate that does not verify) arrive as an 'error' event only.
      await new Promise<void>((resolve, reject) => {
        connection.once('error', reject);
        connection.once('end', () => reject(Object.assign(new Error('Connection closed'), { code: 'ECONNECTION' })));
        connection.connect((error) => (error ? reject(error) : resolve()));
      });
      if (settings.user !== null) {
        await new Promise<void>((resolve, reject) =>
          connection.login({ user: settings.user!, pass: settings.password ?? '' }, (error) => (error ? reject(error) : resolve())),
        );
      }
    } catch (error) {
      connection.close();
      throw connectionError(settings, error as NodemailerError);
    }
    this.connection = connection;
  }

  /** Hands one message over. Never throws: every ending is an outcome. */
  async send(envelope: { from: string; to: string[] }, raw: Buffer): Promise<SendOutcome> {
    const connection = this.connection;
    if (!connection || this.broken) return { outcome: 'unknown', answer: '连接已断开' };
    return new Promise<SendOutcome>((resolve) => {
      connection.send(envelope, raw, (error, info) => {
        if (!error) {
          resolve({ outcome: 'sent', answer: redactSecret(info?.response ?? '250', this.settings.password) });
          return;
        }
        const failure = error as NodemailerError;
        if (failure.responseCode !== undefined && failure.response) {
          const klass = Math.floor(failure.responseCode / 100);
          resolve({
            outcome: klass === 4 ? 'deferred' : klass === 5 ? 'rejected' : 'unknown',
            answer: redactSecret(failure.response, this.settings.password),
          });
          return;
        }
        // No answer: the connection broke while the message was on its way or waiting for the
        // server's word. It may have arrived.
        this.broken ??= failure;
        resolve({ outcome: 'unknown', answer: `连接中断，未收到服务器的回答（${redactSecret(failure.message, this.settings.password)}）` });
      });
    });
  }

  close(): void {
    const connection = this.connection;
    this.connection = null;
    if (!connection) return;
    if (this.broken) connection.close();
    else connection.quit();
  }
}
