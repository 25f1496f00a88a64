/**
 * The console's web server, on Fastify 5: routing, form bodies, cookies and per-route rate
 * limits come from its maintained plugins; this module adds the doors (Host and Origin checks,
 * sessions with a CSRF token, security headers) and registers the route plugins (routes/), each
 * of which holds one part of the console. Pages are rendered on the server (pages/html.ts
 * escapes all data). Every answer, refusals and errors included, passes the same doors
 * (errors.ts): Fastify's own English answers never reach a browser.
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ConsoleContext, ConsoleDoorsOptions, ConsoleServerOptions, DoorsContext, RouteOptions } from './console-context.js';
import { clientErrorHandler, type Doors, frameworkErrorHandler, installErrors, refusal } from './errors.js';
import { Links } from './pages/links.js';
import { decisionRoutes } from './routes/decision-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { fileRoutes } from './routes/file-routes.js';
import { loginRoutes } from './routes/login-routes.js';
import { newCampaignRoutes } from './routes/new-campaign-routes.js';
import { outboxRoutes } from './routes/outbox-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { runRoutes } from './routes/run-routes.js';
import { settingsRoutes } from './routes/settings-routes.js';
import { PUBLIC_PATHS, staticRoutes } from './routes/static-routes.js';
import { allowedHostNames, hostAllowed, originAllowed } from './security/host-origin.js';
import { anonymousSession, LOGIN_COOKIE, LoginTokens } from './security/login-token.js';
import { securityHeaders } from './security/security-headers.js';
import { SESSION_COOKIE, type Session, SessionStore, tokenMatches } from './security/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
    startedAt: bigint;
  }
}

/** The session of a request: its cookie's, a fresh one (loopback without a password), or none (anonymous). */
function sessionFor(
  context: DoorsContext,
  cookies: Record<string, string | undefined>,
  path: string,
): { session: Session; isNew: boolean } {
  const known = context.sessions.get(cookies[SESSION_COOKIE]);
  if (known) return { session: known, isNew: false };
  const open = context.passwordHash === null;
  // Style, script and the login page need no session; with a password, only logging in makes one.
  if (!open || PUBLIC_PATHS.has(path))
    return { session: anonymousSession(context.loginTokens.token(cookies[LOGIN_COOKIE]), open), isNew: false };
  return { session: context.sessions.createFresh(), isNew: true };
}

/** The doors, before anything else: a request naming another host (DNS rebinding) gets nothing. */
function installDoors(app: FastifyInstance, context: DoorsContext, doors: Doors): void {
  app.addHook('onRequest', async (request, reply) => {
    request.startedAt = process.hrtime.bigint();
    securityHeaders(reply);
    if (!doors.hostAllowed(request.headers.host)) return refusal(reply, doors, 421);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (request.method !== 'POST') return refusal(reply, doors, 405);
      const site = request.headers['sec-fetch-site'];
      if (!originAllowed(request.headers.origin, typeof site === 'string' ? site : undefined, request.headers.host))
        return refusal(reply, doors, 403, { message: '拒绝访问：请求不是从本控制台的页面发出的。' });
    }
    const path = request.url.split('?')[0]!;
    const { session, isNew } = sessionFor(context, request.cookies, path);
    if (isNew) reply.setCookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'strict', path: '/' });
    request.session = session;
    if (!session.authenticated && !PUBLIC_PATHS.has(path)) {
      if (request.method === 'GET') return reply.redirect('/login', 303);
      return refusal(reply, doors, 403, { message: '请先登录。', back: { href: '/login', label: '去登录' } });
    }
  });
  // Every state change carries the session's token (forms get it in a hidden field).
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!tokenMatches(body._csrf, request.session.csrf))
      return refusal(reply, doors, 403, { message: '拒绝访问：表单已过期或不是从本控制台的页面提交的，请刷新页面后重试。' });
  });
  // How long the server took, for the benchmark and the IT person's browser tools.
  app.addHook('onSend', async (request, reply) => {
    if (request.startedAt !== 0n)
      reply.header('Server-Timing', `app;dur=${(Number(process.hrtime.bigint() - request.startedAt) / 1e6).toFixed(1)}`);
  });
}

/** The doors' context of a console: its options, a session store, the login tokens. */
export function doorsContext(options: ConsoleDoorsOptions, named: { title: () => string; journalDir: () => string }): DoorsContext {
  return { ...options, sessions: new SessionStore(), loginTokens: new LoginTokens(), ...named };
}

export interface AppSettings {
  context: DoorsContext;
  /** The port actually listened on (the one asked for may be 0: any free one). */
  listenPort: () => number | null;
  /** Where a refusal points back to. */
  home: string;
  /** A server of the caller's (the workspace console dispatches to one app per campaign). */
  serverFactory?: (handler: (request: IncomingMessage, response: ServerResponse) => void) => Server;
}

/** A Fastify app with the console's doors, errors and plugins, no route yet. */
export async function consoleApp(settings: AppSettings): Promise<FastifyInstance> {
  const { context } = settings;
  const hostNames = allowedHostNames(context.host, context.allowHosts ?? []);
  const doors: Doors = {
    hostAllowed: (header) => hostAllowed(header, hostNames, settings.listenPort() ?? context.port),
    campaignTitle: () => context.title(),
    home: settings.home,
    log: context.log,
  };
  // No proxy in front: the address is the socket's. Body limit: a template is a few kilobytes.
  const app = Fastify({
    logger: false,
    trustProxy: false,
    bodyLimit: 1_048_576,
    return503OnClosing: true,
    forceCloseConnections: true,
    frameworkErrors: frameworkErrorHandler(doors),
    clientErrorHandler,
    ...(settings.serverFactory ? { serverFactory: settings.serverFactory } : {}),
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  app.decorateRequest('session', null as unknown as Session);
  app.decorateRequest('startedAt', 0n);
  installDoors(app, context, doors);
  installErrors(app, doors);
  return app;
}

/** A campaign's pages, under `links.base` ('' alone; /c/<name> in a workspace). */
export async function registerCampaignRoutes(app: FastifyInstance, routes: RouteOptions): Promise<void> {
  await app.register(pageRoutes, routes);
  await app.register(eventRoutes, routes);
  await app.register(decisionRoutes, routes);
  await app.register(runRoutes, routes);
  await app.register(documentRoutes, routes);
  await app.register(outboxRoutes, routes);
  await app.register(fileRoutes, routes);
  await app.register(settingsRoutes, routes);
}

/** The console of one campaign (`serve --campaign DIR`), its pages at the root. */
export async function buildConsoleServer(options: ConsoleServerOptions): Promise<FastifyInstance> {
  const doors = doorsContext(options, {
    title: () => options.state.currentContext.campaign.file.title,
    journalDir: () => options.state.currentContext.dataDir,
  });
  const context: ConsoleContext = { ...options, ...doors };
  let app: FastifyInstance | null = null;
  app = await consoleApp({ context, home: '/', listenPort: () => (app?.server.address() as AddressInfo | null)?.port ?? null });
  const routes: RouteOptions = { context, links: new Links('') };
  await app.register(staticRoutes);
  await app.register(loginRoutes, routes);
  await registerCampaignRoutes(app, routes);
  // 新建活动 of a one-campaign console: the draft beside its data; the new folder is opened with its own serve.
  await app.register(newCampaignRoutes, {
    context,
    base: '/new',
    draftDir: () => join(context.state.currentContext.dataDir, 'new-campaign-draft'),
    journalDir: () => context.state.currentContext.dataDir,
    landing: () => null,
  });
  return app;
}
