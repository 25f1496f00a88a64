/**
 * The IMAP and SMTP servers of the mail services Chinese offices use, by the address's domain:
 * enough to propose a mailbox: section from the address a notice gives. An office's own server
 * (…@xx.gov.cn) is not known here: the clerk or IT person fills it in.
 */

export interface MailProvider {
  imap: string;
  smtp: string;
  /** How the service calls the password huizong needs. */
  password: string;
}

const PROVIDERS: Readonly<Record<string, MailProvider>> = {
  '163.com': { imap: 'imap.163.com', smtp: 'smtp.163.com', password: '授权码' },
  '126.com': { imap: 'imap.126.com', smtp: 'smtp.126.com', password: '授权码' },
  'yeah.net': { imap: 'imap.yeah.net', smtp: 'smtp.yeah.net', password: '授权码' },
  'vip.163.com': { imap: 'imap.vip.163.com', smtp: 'smtp.vip.163.com', password: '授权码' },
  'qq.com': { imap: 'imap.qq.com', smtp: 'smtp.qq.com', password: '授权码' },
  'foxmail.com': { imap: 'imap.qq.com', smtp: 'smtp.qq.com', password: '授权码' },
  'vip.qq.com': { imap: 'imap.qq.com', smtp: 'smtp.qq.com', password: '授权码' },
  'sina.com': { imap: 'imap.sina.com', smtp: 'smtp.sina.com', password: '授权码' },
  'sina.cn': { imap: 'imap.sina.cn', smtp: 'smtp.sina.cn', password: '授权码' },
  'sohu.com': { imap: 'imap.sohu.com', smtp: 'smtp.sohu.com', password: '独立密码' },
  '139.com': { imap: 'imap.139.com', smtp: 'smtp.139.com', password: '授权码' },
  '189.cn': { imap: 'imap.189.cn', smtp: 'smtp.189.cn', password: '授权码' },
  'aliyun.com': { imap: 'imap.aliyun.com', smtp: 'smtp.aliyun.com', password: '密码' },
  'outlook.com': { imap: 'outlook.office365.com', smtp: 'smtp.office365.com', password: '密码' },
  'hotmail.com': { imap: 'outlook.office365.com', smtp: 'smtp.office365.com', password: '密码' },
};

export function mailProviderOf(address: string): MailProvider | null {
  const domain = address.split('@')[1]?.toLowerCase() ?? '';
  return PROVIDERS[domain] ?? null;
}
