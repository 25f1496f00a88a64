/**
 * Mailbox failures in words the IT person can act on: wrong authorization code, server not
 * running, certificate that does not verify, folder missing, timeout. The password is removed
 * from every text, and the original error is not attached (imapflow errors carry the command
 * as sent, which for LOGIN includes the password).
 */
import { HuizongError } from '../kernel/errors.js';
import { type ImapSettings, redact } from './settings.js';

interface ImapLikeError {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  responseText?: string;
  serverResponseCode?: string;
  reason?: string;
}

const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT']);
const DROPPED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'EConnectionClosed',
  'NoConnection',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'StateLogout',
]);

export const AUTH_HINTS = [
  '163、126、QQ 邮箱：密码处应填写授权码（在网页邮箱“设置 → POP3/SMTP/IMAP”中开启 IMAP 服务后生成），不是网页登录密码',
  '单位自建邮箱：请向邮件系统管理员确认用户名（通常是完整邮箱地址）和密码',
];

/** The Chinese reason for a failure, without the password. */
export function describeImapFailure(
  error: unknown,
  settings: Pick<ImapSettings, 'host' | 'port' | 'tls' | 'folder' | 'password'>,
): { message: string; details: string[] } {
  const err = (error ?? {}) as ImapLikeError;
  const code = err.code ?? '';
  const server = `${settings.host}:${settings.port}`;
  const said = err.responseText ? `（服务器回答：${err.responseText}）` : '';
  const result = (message: string, details: string[] = []) => ({
    message: redact(message, settings.password),
    details: details.map((line) => redact(line, settings.password)),
  });

  if (err.authenticationFailed) return result(`邮箱登录失败：用户名或密码（授权码）不正确${said}`, AUTH_HINTS);
  if (/unsafe login/i.test(err.responseText ?? err.message ?? '')) {
    return result(`邮件服务器拒绝了这次登录${said}`, [
      '163、126 邮箱会拒绝不报告客户端身份的登录；请确认在网页邮箱设置中已开启 IMAP 服务，并使用授权码登录',
    ]);
  }
  if (err.mailboxMissing || err.serverResponseCode === 'NONEXISTENT') {
    return result(`邮箱中没有文件夹「${settings.folder}」${said}`, [
      '请检查 campaign.yaml 中 mailbox 的 folder，或环境变量 HUIZONG_IMAP_FOLDER（收件箱是 INBOX）',
    ]);
  }
  if (code === 'ECONNREFUSED') return result(`无法连接邮件服务器 ${server}：连接被拒绝（服务器没有运行，或端口不对）`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return result(`找不到邮件服务器 ${settings.host}：域名无法解析（请检查服务器地址和本机网络）`);
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return result(`无法连接邮件服务器 ${server}：网络不通`);
  if (CERTIFICATE_CODES.has(code)) {
    return result(`邮件服务器 ${server} 的证书无法验证（${code}）`, [
      '公共邮箱（163、QQ）出现此错误，多半是网络被拦截或本机时间不对',
      '单位自建服务器使用自签名证书时，可在 campaign.yaml 的 mailbox: 中加 allowUntrustedCertificate: true',
    ]);
  }
  if (err.tlsFailed || /wrong version number|ssl3_get_record|packet length too long/i.test(err.message ?? '')) {
    return result(`与邮件服务器 ${server} 建立加密连接失败`, [
      settings.tls
        ? '这个端口可能不使用 TLS：163、QQ 等邮箱的 IMAP 加密端口是 993；如确需明文连接，设置 tls: false（或 HUIZONG_IMAP_TLS=false）'
        : '服务器要求加密：请设置 tls: true，端口 993',
    ]);
  }
  if (TIMEOUT_CODES.has(code)) return result(`连接邮件服务器 ${server} 超时（服务器没有响应，请检查网络和端口）`);
  if (DROPPED_CODES.has(code)) return result(`与邮件服务器 ${server} 的连接中断${err.reason ? `（${err.reason}）` : ''}`);
  return result(`收信失败：${err.responseText ?? err.message ?? String(error)}${code ? `（${code}）` : ''}`);
}

export function imapError(error: unknown, settings: Pick<ImapSettings, 'host' | 'port' | 'tls' | 'folder' | 'password'>): HuizongError {
  if (error instanceof HuizongError) return error;
  const { message, details } = describeImapFailure(error, settings);
  return new HuizongError('MAILBOX', message, { details });
}
