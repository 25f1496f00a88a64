/**
 * The console's web server, on Fastify 5: routing, form bodies, cookies and per-route rate
 * limits come from its maintained plugins; this module adds the doors (Host and Origin checks,
 * sessions with a CSRF token, security headers, errors without stack traces) and registers the
 * route plugins (routes/), each of which holds one part of the console. Pages are rendered on the
 * server (pages/html.ts escapes all data).
 */

import type { AddressInfo } from 'node:net';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { isHuizongError } from '../../../intake/kernel/errors.js';
import type { ConsoleContext, ConsoleServerOptions, RouteOptions } from './console-context.js';
import { html } from './pages/html.js';
import { type Chrome, page } from './pages/layout.js';
import { decisionRoutes } from './routes/decision-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { fileRoutes } from './routes/file-routes.js';
import { loginRoutes } from './routes/login-routes.js';
import { outboxRoutes } from './routes/outbox-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { runRoutes } from './routes/run-routes.js';
import { PUBLIC_PATHS, staticRoutes } from './routes/static-routes.js';
import { allowedHostNames, hostAllowed, originAllowed } from './security/host-origin.js';
import { securityHeaders } from './security/security-headers.js';
import { SESSION_COOKIE, type Session, SessionStore, tokenMatches } from './security/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
    startedAt: bigint;
  }
}

function refusal(reply: FastifyReply, status: number, text: string) {
  return reply.code(status).type('text/plain; charset=utf-8').send(text);
}

/** The doors, before anything else: a request naming another host (DNS rebinding) gets nothing. */
function installDoors(app: FastifyInstance, context: ConsoleContext): void {
  const hostNames = allowedHostNames(context.host, context.allowHosts ?? []);
  // The port asked for may be 0 (any free one): the Host check needs the one actually listened on.
  const listenPort = () => (app.server.address() as AddressInfo | null)?.port ?? context.port;
  app.addHook('onRequest', async (request, reply) => {
    request.startedAt = process.hrtime.bigint();
    securityHeaders(reply);
    if (!hostAllowed(request.headers.host, hostNames, listenPort())) return refusal(reply, 421, '拒绝访问：请求的主机名不是本控制台的地址');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (request.method !== 'POST') return refusal(reply, 405, '不支持的请求方式');
      const site = request.headers['sec-fetch-site'];
      if (!originAllowed(request.headers.origin, typeof site === 'string' ? site : undefined, request.headers.host))
        return refusal(reply, 403, '拒绝访问：请求不是从本控制台的页面发出的');
    }
    let session = context.sessions.get(request.cookies[SESSION_COOKIE]);
    if (!session) {
      session = context.sessions.create(context.passwordHash === null);
      reply.setCookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'strict', path: '/' });
    }
    request.session = session;
    if (!session.authenticated && !PUBLIC_PATHS.has(request.url.split('?')[0]!)) {
      if (request.method === 'GET') return reply.redirect('/login', 303);
      return refusal(reply, 403, '请先登录');
    }
  });
  // Every state change carries the session's token (forms get it in a hidden field).
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!tokenMatches(body._csrf, request.session.csrf))
      return refusal(reply, 403, '拒绝访问：表单已过期或不是从本控制台的页面提交的，请刷新页面后重试');
  });
  // How long the server took, for the benchmark and the IT person's browser tools.
  app.addHook('onSend', async (request, reply) => {
    if (request.startedAt !== 0n)
      reply.header('Server-Timing', `app;dur=${(Number(process.hrtime.bigint() - request.startedAt) / 1e6).toFixed(1)}`);
  });
}

/** Errors in Chinese, never a stack trace or a path (those go to the log). */
function installErrors(app: FastifyInstance, log: (line: string) => void): void {
  app.setErrorHandler(async (error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) return refusal(reply, 429, '尝试次数过多，请稍后再试');
    if (status < 500 && status >= 400) return refusal(reply, status, '请求有误');
    log(`控制台出错（${request.method} ${request.url}）：${(error as Error).stack ?? String(error)}`);
    const message = isHuizongError(error) ? error.message : '程序内部错误，详情已记录在控制台的运行记录中';
    const details = isHuizongError(error) ? error.details : [];
    const body = html`<p>${message}</p>${details.length > 0 ? html`<ul>${details.map((line) => html`<li>${line}</li>`)}</ul>` : ''}<p><a href="/">返回总览</a></p>`;
    const chrome: Chrome = {
      campaignTitle: '汇总',
      csrf: request.session?.csrf ?? '',
      generation: 0,
      flash: null,
      loggedIn: false,
      problem: null,
    };
    return reply
      .code(500)
      .type('text/html; charset=utf-8')
      .send(page(chrome, { title: '出错了', nav: null, live: 'note', body }).text);
  });
  app.setNotFoundHandler(async (_request, reply) => refusal(reply, 404, '没有这个页面'));
}

export async function buildConsoleServer(options: ConsoleServerOptions): Promise<FastifyInstance> {
  const context: ConsoleContext = { ...options, sessions: new SessionStore() };
  // No proxy in front: the address is the socket's. Body limit: a template is a few kilobytes.
  const app = Fastify({ logger: false, trustProxy: false, bodyLimit: 1_048_576, return503OnClosing: true, forceCloseConnections: true });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  app.decorateRequest('session', null as unknown as Session);
  app.decorateRequest('startedAt', 0n);
  installDoors(app, context);
  installErrors(app, options.log);

  const routes: RouteOptions = { context };
  await app.register(staticRoutes);
  await app.register(loginRoutes, routes);
  await app.register(pageRoutes, routes);
  await app.register(eventRoutes, routes);
  await app.register(decisionRoutes, routes);
  await app.register(runRoutes, routes);
  await app.register(documentRoutes, routes);
  await app.register(outboxRoutes, routes);
  await app.register(fileRoutes, routes);
  return app;
}
