/**
 * Login and logout, used when the console has a password (required off loopback). Nothing is
 * stored for a browser before it logs in: the form's token comes from a cookie of its own
 * (security/login-token.ts). Attempts are rate-limited per address (@fastify/rate-limit; the
 * refusal says how long to wait, errors.ts); a correct password opens a new session, so an id
 * seen before login is worthless after it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { DoorsRouteOptions } from '../console-context.js';
import { html } from '../pages/html.js';
import { type Chrome, csrfField, page } from '../pages/layout.js';
import { LOGIN_COOKIE } from '../security/login-token.js';
import { verifyPassword } from '../security/password.js';
import { SESSION_COOKIE } from '../security/sessions.js';
import { journal } from './answers.js';
import { parseBody } from './body.js';

const loginForm = z.object({ password: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string()) });

/** Five tries a minute from one address: a person mistyping is not slowed, a guesser is. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 5;

const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict', path: '/' } as const;

export const loginRoutes: FastifyPluginAsync<DoorsRouteOptions> = async (app, { context, links }) => {
  const title = () => context.title();

  app.get<{ Querystring: { wrong?: string } }>('/login', async (request, reply) => {
    if (request.session.authenticated) return reply.redirect(links.overview, 303);
    let csrf = request.session.csrf;
    if (csrf === '') {
      const value = context.loginTokens.newCookie();
      reply.setCookie(LOGIN_COOKIE, value, COOKIE_OPTIONS);
      csrf = context.loginTokens.token(value);
    }
    const body = html`<form method="post" action="/login" class="panel login">${csrfField(csrf)}
<p><label>控制台密码 <input type="password" name="password" autocomplete="current-password" autofocus required></label></p>
<p><button type="submit">登录</button></p></form>`;
    const flash = request.query.wrong !== undefined ? ({ kind: 'error', text: '密码不对，请重新输入。' } as const) : null;
    const chrome: Chrome = {
      campaignTitle: title(),
      links: null,
      readOnly: false,
      csrf,
      generation: 0,
      flash,
      loggedIn: false,
      problem: null,
    };
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
    if (!ok) return reply.redirect('/login?wrong=1', 303);
    const session = context.sessions.login(request.session);
    reply.setCookie(SESSION_COOKIE, session.id, COOKIE_OPTIONS);
    reply.clearCookie(LOGIN_COOKIE, { path: '/' });
    return reply.redirect(links.overview, 303);
  });

  app.post('/logout', async (request, reply) => {
    context.sessions.delete(request.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
};
