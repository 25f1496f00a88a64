/**
 * Login and logout, used when the console has a password (required off loopback). Login
 * attempts are rate-limited per address (@fastify/rate-limit); a successful login replaces the
 * session, so an id seen before login is worthless after it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { RouteOptions } from '../console-context.js';
import { html } from '../pages/html.js';
import { csrfField, page } from '../pages/layout.js';
import { verifyPassword } from '../security/password.js';
import { SESSION_COOKIE } from '../security/sessions.js';
import { journal } from './answers.js';
import { parseBody } from './body.js';

const loginForm = z.object({ password: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string()) });

/** Five tries a minute from one address: a person mistyping is not slowed, a guesser is. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 5;

export const loginRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  const title = () => context.state.currentContext.campaign.file.title;

  app.get('/login', async (request, reply) => {
    if (request.session.authenticated) return reply.redirect('/', 303);
    const flash = request.session.flash;
    request.session.flash = null;
    const body = html`<form method="post" action="/login" class="panel">${csrfField(request.session.csrf)}
<p><label>控制台密码 <input type="password" name="password" autocomplete="current-password" autofocus required></label></p>
<p><button type="submit">登录</button></p></form>`;
    const chrome = { campaignTitle: title(), csrf: request.session.csrf, generation: 0, flash, loggedIn: false, problem: null };
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(page(chrome, { title: '登录', nav: null, live: 'note', body }).text);
  });

  app.post('/login', { config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } } }, async (request, reply) => {
    const body = parseBody(loginForm, request.body);
    const password = body.ok ? body.value.password : '';
    const ok = context.passwordHash !== null && (await verifyPassword(password, context.passwordHash));
    await journal(context, request, 'login', { ok });
    if (!ok) {
      request.session.flash = { kind: 'error', text: '密码不对' };
      return reply.redirect('/login', 303);
    }
    const fresh = context.sessions.promote(request.session);
    context.sessions.delete(request.session.id);
    reply.setCookie(SESSION_COOKIE, fresh.id, { httpOnly: true, sameSite: 'strict', path: '/' });
    return reply.redirect('/', 303);
  });

  app.post('/logout', async (request, reply) => {
    context.sessions.delete(request.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
};
