/**
 * Where outbound mail goes and how to log in: campaign.yaml `smtp:`, each field overridable by a
 * HUIZONG_SMTP_* variable, with the rules of the IMAP settings: the password only from the
 * environment or a file (never from the campaign folder, which the clerk copies and mails), never
 * logged (see `redact`), TLS with certificate checks unless the file says otherwise.
 */
import type { SmtpFileSettings } from '../../intake/kernel/campaign/campaign-schema.js';
import { HuizongError } from '../../intake/kernel/errors.js';
import { type Env, envValue, readPasswordFromEnv } from '../../intake/kernel/password-from-env.js';

export const SMTP_ENV = {
  host: 'HUIZONG_SMTP_HOST',
  port: 'HUIZONG_SMTP_PORT',
  user: 'HUIZONG_SMTP_USER',
  password: 'HUIZONG_SMTP_PASSWORD',
  passwordFile: 'HUIZONG_SMTP_PASSWORD_FILE',
  tls: 'HUIZONG_SMTP_TLS',
  from: 'HUIZONG_SMTP_FROM',
} as const;

export interface SmtpSettings {
  host: string;
  /** Default 465 with TLS, 25 without. */
  port: number;
  /** Implicit TLS with certificate checks (default true). False: plain text, STARTTLS if offered. */
  tls: boolean;
  allowUntrustedCertificate: boolean;
  /** Null: the server takes mail without a login (an office relay). */
  user: string | null;
  /** Never logged, never written. */
  password: string | null;
  /** The From header: "区综合办公室秘书科 <mishuke@163.com>" or a bare address. */
  from: string;
  /** The envelope sender: the address inside `from`. */
  fromAddress: string;
  /** IMAP folder for a copy of every message sent (163/QQ keep none of SMTP-sent mail). */
  sentFolder: string | null;
  /** Milliseconds between two messages (one connection, throttled). */
  intervalMs: number;
}

/** True when campaign.yaml or the environment names an SMTP server at all. */
export function smtpConfigured(smtp: SmtpFileSettings, env: Env = process.env): boolean {
  return (envValue(env, SMTP_ENV.host) ?? smtp.host?.trim() ?? '') !== '';
}

const PASSWORD_HINT = `请设置环境变量 ${SMTP_ENV.password}，或把密码单独写在一个文件里并用 ${SMTP_ENV.passwordFile} 指定该文件；163、QQ 邮箱应填写授权码（与收信用的是同一个授权码），而不是网页登录密码`;

function readPassword(env: Env): string {
  return readPasswordFromEnv(env, {
    variable: SMTP_ENV.password,
    fileVariable: SMTP_ENV.passwordFile,
    missing: '没有提供发信邮箱的密码',
    hint: PASSWORD_HINT,
  });
}

/** The address inside "名称 <a@b.cn>", or the text itself; null when it is no address. */
export function addressIn(text: string): string | null {
  const inside = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text)?.[1] ?? text.trim();
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(inside) ? inside : null;
}

export function resolveSmtpSettings(smtp: SmtpFileSettings, env: Env = process.env): SmtpSettings {
  const host = envValue(env, SMTP_ENV.host) ?? smtp.host?.trim();
  if (!host) {
    throw new HuizongError('CONFIG', '没有配置发信服务器', {
      details: [`请在 campaign.yaml 的 smtp: 中填写 host（例如 smtp.163.com），或设置环境变量 ${SMTP_ENV.host}`],
    });
  }
  const envTls = envValue(env, SMTP_ENV.tls);
  let tls = smtp.tls ?? true;
  if (envTls !== undefined) {
    if (envTls.toLowerCase() !== 'true' && envTls.toLowerCase() !== 'false')
      throw new HuizongError('CONFIG', `环境变量 ${SMTP_ENV.tls} 应为 true 或 false，实际为「${envTls}」`);
    tls = envTls.toLowerCase() === 'true';
  }
  const envPort = envValue(env, SMTP_ENV.port);
  let port = smtp.port ?? (tls ? 465 : 25);
  if (envPort !== undefined) {
    port = Number(envPort);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new HuizongError('CONFIG', `环境变量 ${SMTP_ENV.port} 应为 1 到 65535 之间的端口号，实际为「${envPort}」`);
  }
  const user = envValue(env, SMTP_ENV.user) ?? (smtp.user?.trim() || null);
  const from = envValue(env, SMTP_ENV.from) ?? (smtp.from?.trim() || user || '');
  const fromAddress = addressIn(from);
  if (!fromAddress) {
    throw new HuizongError('CONFIG', from === '' ? '没有配置发件人' : `发件人「${from}」中没有有效的邮箱地址`, {
      details: [
        `请在 campaign.yaml 的 smtp: 中填写 from（例如 "区综合办公室秘书科 <mishuke2013@163.com>"）或 user，或设置环境变量 ${SMTP_ENV.from}`,
      ],
    });
  }
  return {
    host,
    port,
    tls,
    allowUntrustedCertificate: smtp.allowUntrustedCertificate ?? false,
    user,
    password: user === null ? null : readPassword(env),
    from,
    fromAddress,
    sentFolder: smtp.sentFolder?.trim() || null,
    intervalMs: Math.round(1000 / (smtp.maxPerSecond ?? 1)),
  };
}

/** "smtp://mishuke@163.com@smtp.163.com:465" for people (never the password). */
export function describeSmtp(settings: Pick<SmtpSettings, 'user' | 'host' | 'port'>): string {
  return `smtp://${settings.user ? `${settings.user}@` : ''}${settings.host}:${settings.port}`;
}
