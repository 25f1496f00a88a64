/**
 * Why a send did not go through, for the 发信 page in plain Chinese: what failed, the server's own
 * words when it said any, and what to check. From the two places a failure comes from: the
 * connection and login (a HuizongError whose cause is nodemailer's error), and a message the
 * server answered with 4xx/5xx or never answered (its attempt in the outbox journal). Pure.
 */
import type { OutboxAttempt, OutboxEntry } from '../../../mail/outbox-journal.js';

export interface SendFailure {
  /** What failed, in one sentence. */
  what: string;
  /** The server's answer as it wrote it, or null when it said nothing (no connection). */
  server: string | null;
  /** What the clerk (or the IT person) should check, most likely first. */
  check: string[];
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const ACCOUNT_CHECKS = [
  '发信的用户名是否是完整的邮箱地址',
  '密码是否是授权码（163、QQ 邮箱在网页“设置”中生成，不是网页登录密码），授权码是否已停用',
  '邮箱网页设置中是否开启了 SMTP 服务',
];
const ADDRESS_CHECKS = ['服务器地址和端口是否填对（163 邮箱 smtp.163.com、QQ 邮箱 smtp.qq.com，端口 465）'];
const SETTINGS_NOTE = '发信设置由管理员按说明书“发信：回执与催报 → 设置发信”一节填写，改后重新启动控制台';

/** Connecting or logging in failed: nothing was sent. `server` is "smtp.163.com:465". */
export function connectFailure(error: Error, server: string): SendFailure {
  const cause = ((error as { cause?: unknown }).cause ?? {}) as NodemailerError;
  const said = cause.response?.trim() || null;
  const code = cause.responseCode;
  const message = `${cause.message ?? ''} ${error.message}`;
  if (code === 535 || code === 534)
    return { what: `登录发信服务器 ${server} 失败：用户名或授权码不对`, server: said, check: [...ACCOUNT_CHECKS, SETTINGS_NOTE] };
  if (code !== undefined && code >= 500 && code <= 504 && cause.code === 'EAUTH')
    return {
      what: `发信服务器 ${server} 不支持用户名和授权码登录（它不认识登录命令 AUTH）`,
      server: said,
      check: [...ADDRESS_CHECKS, '如果这是单位内网中不需要登录的发信服务器，发信设置中就不应写用户名（user）', SETTINGS_NOTE],
    };
  if (code === 538 || (code === 530 && /TLS|encrypt/i.test(said ?? '')))
    return {
      what: `发信服务器 ${server} 要求先加密连接才能登录`,
      server: said,
      check: ['端口与加密是否对应：465 端口用加密连接（tls: true），25、587 端口用明文连接', ...ADDRESS_CHECKS, SETTINGS_NOTE],
    };
  if (code !== undefined)
    return {
      what: `发信服务器 ${server} 拒绝了连接或登录`,
      server: said,
      check:
        code >= 400 && code < 500
          ? ['服务器暂时不接受，请过几分钟再发送', ...ACCOUNT_CHECKS]
          : [...ACCOUNT_CHECKS, ...ADDRESS_CHECKS, SETTINGS_NOTE],
    };
  if (/ECONNREFUSED/.test(message))
    return {
      what: `连不上发信服务器 ${server}：对方拒绝连接`,
      server: null,
      check: [...ADDRESS_CHECKS, '邮箱网页设置中是否开启了 SMTP 服务', '单位的防火墙是否允许这台电脑连接这个端口', SETTINGS_NOTE],
    };
  if (/ENOTFOUND|EAI_AGAIN/.test(message) || cause.code === 'EDNS')
    return {
      what: `找不到发信服务器 ${server}（地址可能写错了，或这台电脑上不了网）`,
      server: null,
      check: [...ADDRESS_CHECKS, '这台电脑能否上网', SETTINGS_NOTE],
    };
  if (/ETIMEDOUT|timeout/i.test(message) || cause.code === 'ETIMEDOUT')
    return {
      what: `连接发信服务器 ${server} 超时，对方一直没有应答`,
      server: null,
      check: [...ADDRESS_CHECKS, '这台电脑能否上网，单位的防火墙是否允许连接这个端口', SETTINGS_NOTE],
    };
  if (/certificate|self[- ]signed|CERT/i.test(message))
    return {
      what: `发信服务器 ${server} 的证书无法验证，为安全起见没有连接`,
      server: null,
      check: [
        '服务器地址是否写成了它证书上的名称（如 smtp.163.com，而不是 IP 地址）',
        '单位自建服务器使用自签名证书时，管理员可在发信设置中允许（allowUntrustedCertificate）',
        SETTINGS_NOTE,
      ],
    };
  if (cause.code === 'ETLS' || /wrong version number|SSL|TLS/i.test(message))
    return {
      what: `与发信服务器 ${server} 建立加密连接失败`,
      server: null,
      check: ['端口与加密是否对应：465 端口用加密连接，25、587 端口用明文连接', SETTINGS_NOTE],
    };
  return { what: `连接发信服务器 ${server} 失败`, server: said, check: [...ADDRESS_CHECKS, '这台电脑能否上网', SETTINGS_NOTE] };
}

/** Known refusals of 163/126/QQ, by the code word after the number. */
const KNOWN_WORDS: Record<string, string> = {
  'DT:SPM': '服务器判定这封邮件是垃圾邮件（常见原因：成批邮件的标题或正文完全相同，或含有链接、附件过多）',
  'DT:SUM': '信封上的发件人与信头中的发件人不一致',
  'MI:SFQ': '短时间内发信过多，超过了邮箱的限制',
  'MI:DMC': '这一次连接发的邮件数量超过了限制',
  'HL:ICC': '同时连接服务器的数量过多',
  'HL:IFC': '发信过快',
  'RP:TRC': '收件人过多或发信过于频繁',
  'RP:QRC': '短期内发信量超过了限制',
  'MI:SPB': '发件人被暂时禁止发信',
};

function whyRefused(answer: string): string | null {
  const word = /\b([A-Z]{2}:[A-Z]{3})\b/.exec(answer)?.[1];
  if (word && KNOWN_WORDS[word]) return KNOWN_WORDS[word]!;
  const code = /^\s*(\d{3})/.exec(answer)?.[1];
  if (code === '550' || code === '551' || code === '553') return '收件人地址不存在或不接收';
  if (code === '552') return '邮件过大';
  return null;
}

const KIND_NAME = { receipt: '回执', reminder: '催报', documents: '公文副本' } as const;

/** A message the server refused or deferred, or whose answer never came. `notTried`: the rest of the batch, not sent. */
export function answerFailure(entry: OutboxEntry, attempt: OutboxAttempt, notTried: number): SendFailure {
  const to = `${entry.unit ?? ''}（${entry.to.join('、')}）`;
  const mail = `发给${to}的${KIND_NAME[entry.kind]}《${entry.subject}》`;
  const answer = attempt.answer?.trim() ?? '';
  const rest = notTried > 0 ? `；其余 ${notTried} 封这次没有发，下次发送时照常发出` : '';
  if (attempt.outcome === 'rejected') {
    const why = whyRefused(answer);
    return {
      what: `服务器拒收了${mail}${why ? `：${why}` : ''}${rest}`,
      server: answer || null,
      check: [
        ...(why?.includes('垃圾邮件') ? ['过一段时间再发；经常被判为垃圾邮件时，请管理员改一改回执、催报的邮件模板（标题、正文）'] : []),
        ...(why?.includes('收件人') ? ['名单中该单位的邮箱是否写对'] : []),
        '排除原因后，在下面的发信记录中对这一封按“重发”（拒收的邮件不会自动重发）',
      ],
    };
  }
  if (attempt.outcome === 'deferred') {
    const why = whyRefused(answer);
    return {
      what: `服务器暂时不接收${mail}${why ? `：${why}` : ''}${rest}`,
      server: answer || null,
      check: [
        '过一段时间再按发送，这一封会自动重发',
        ...(why?.includes('过') ? ['发信过快时，管理员可在发信设置中调低每秒发信数（maxPerSecond）'] : []),
      ],
    };
  }
  return {
    what: `${mail}发出后连接中断，没有收到服务器的回答，不知道对方是否收到${rest}`,
    server: answer || null,
    check: ['请与该单位核实是否收到：收到了，在下面的发信记录中按“确认已收到”；没有收到，按“重发”（这一封不会自动重发，以免重复）'],
  };
}
