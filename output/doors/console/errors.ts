/**
 * How the console refuses and fails: every answer that is not a page — a foreign Host, a form
 * from elsewhere, a malformed URL Fastify's router cannot read, a broken HTTP request, a route
 * that does not exist, too many login attempts, an error inside — passes the Host check, carries
 * the security headers and says in Chinese what happened and where to go from here. Stack traces
 * go to the log, never to the browser.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isHuizongError } from '../../../intake/kernel/errors.js';
import { errorPage } from './pages/error-page.js';
import { SECURITY_HEADERS, securityHeaders } from './security/security-headers.js';

/** What the error answers need to know of the server. */
export interface Doors {
  hostAllowed(header: string | undefined): boolean;
  campaignTitle(): string;
  /** The first page (the way back). */
  home: string;
  log(line: string): void;
}

const GENERIC_TITLE = '汇总控制台';

/** Each refusal's heading and sentence. */
const REFUSALS: Record<number, { title: string; message: string }> = {
  400: { title: '请求有误', message: '网址或提交的表单有误，无法处理。' },
  403: { title: '拒绝访问', message: '拒绝访问。' },
  404: { title: '没有这个页面', message: '没有这个页面（网址可能抄错了，或者这一项已经不存在）。' },
  405: { title: '不支持的请求方式', message: '控制台只接受浏览器打开页面和提交表单的请求。' },
  408: { title: '请求超时', message: '请求没有在规定时间内发完。' },
  413: { title: '提交的内容过大', message: '提交的内容超过 1 MB，未处理。' },
  414: { title: '网址过长', message: '网址过长，无法处理。' },
  415: { title: '请求有误', message: '提交的内容格式不对，控制台只接受页面上的表单。' },
  421: { title: '拒绝访问', message: '拒绝访问：请求的主机名不是本控制台的地址。' },
  429: { title: '请稍后再试', message: '尝试次数过多，请稍后再试。' },
  431: { title: '请求有误', message: '请求头过长，无法处理。' },
  503: { title: '控制台正在停止', message: '控制台正在停止，请稍后再打开。' },
};

function refusalOf(status: number): { title: string; message: string } {
  return REFUSALS[status] ?? (status >= 500 ? { title: '程序内部错误', message: '程序内部错误。' } : REFUSALS[400]!);
}

/**
 * A refusal as a page. A request naming another host learns nothing of this console (no
 * campaign title, no link); any other gets a way back to the first page.
 */
export interface RefusalOptions {
  message?: string;
  details?: readonly string[];
  /** Where to go from here (default: 总览). */
  back?: { href: string; label: string };
}

export function refusal(reply: FastifyReply, doors: Doors, status: number, options: RefusalOptions = {}) {
  const known = refusalOf(status);
  const foreign = status === 421;
  securityHeaders(reply);
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(
      errorPage({
        title: known.title,
        message: options.message ?? known.message,
        details: options.details ?? [],
        back: foreign ? null : (options.back ?? { href: doors.home, label: '返回总览' }),
        campaignTitle: foreign ? GENERIC_TITLE : doors.campaignTitle(),
      }),
    );
}

/** Fastify's router cannot read the URL (`/unit/%E0%A4%A`): answered here, never with its English JSON. */
export function frameworkErrorHandler(doors: Doors) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (!doors.hostAllowed(request.headers.host)) return refusal(reply, doors, 421);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    return refusal(reply, doors, status, status === 400 ? { message: '网址有误：其中有无法识别的字符（可能是复制时被截断了）。' } : {});
  };
}

/** A request Node's HTTP parser could not read at all: a short Chinese answer with the same headers, then the connection closes. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = `${refusalOf(status).message.replace(/。$/, '')}（HTTP 请求格式有误）`;
  const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n${headers.join('')}\r\n${body}`,
  );
}

/** Seconds until the login may be tried again (the rate limit's Retry-After), at least 1. */
function waitSeconds(reply: FastifyReply): number {
  const after = Number(reply.getHeader('retry-after'));
  return Number.isFinite(after) && after > 0 ? Math.ceil(after) : 60;
}

export function installErrors(app: FastifyInstance, doors: Doors): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (!doors.hostAllowed(request.headers.host)) return refusal(reply, doors, 421);
    const status = error.statusCode ?? 500;
    if (status === 429) {
      const seconds = waitSeconds(reply);
      return refusal(reply, doors, 429, {
        message: `登录尝试次数过多。为防止有人猜测密码，请 ${seconds} 秒后再试。`,
        back: { href: '/login', label: '返回登录页' },
      });
    }
    if (status >= 400 && status < 500) return refusal(reply, doors, status);
    doors.log(`控制台出错（${request.method} ${request.url}）：${error.stack ?? String(error)}`);
    if (isHuizongError(error)) return refusal(reply, doors, 500, { message: error.message, details: error.details });
    return refusal(reply, doors, 500, { message: '程序内部错误，详情已记录在控制台的运行记录中。' });
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (!doors.hostAllowed(request.headers.host)) return refusal(reply, doors, 421);
    return refusal(reply, doors, 404);
  });
}
