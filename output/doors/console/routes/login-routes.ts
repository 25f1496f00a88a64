/**
 * Login and logout, used when the console has a password (required off loopback). Login
 * attempts are rate-limited per address (@fastify/rate-limit); a successful login replaces the
 * session, so an id seen before login is worthless after it.
 */
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from '../console-context.js';
import { html } from '../html.js';
import { appendJournal } from '../journal.js';
import { csrfField, page } from '../layout.js';
import { verifyPassword } from '../password.js';
import { SESSION_COOKIE } from '../sessions.js';

/** Five tries a minute from one address: a person mistyping is not slowed, a guesser is. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 5;

export function registerLoginRoutes(app: FastifyInstance, context: ConsoleContext): void {
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

  app.post<{ Body: Record<string, unknown> }>(
    '/login',
    { config: { rateLimit: { max: LOGIN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } } },
    async (request, reply) => {
      const password = typeof request.body.password === 'string' ? request.body.password : '';
      const ok = context.passwordHash !== null && (await verifyPassword(password, context.passwordHash));
      await appendJournal(context.state.currentContext.dataDir, {
        at: new Date().toISOString(),
        address: request.ip,
        action: 'login',
        details: { ok },
      });
      if (!ok) {
        request.session.flash = { kind: 'error', text: '密码不对' };
        return reply.redirect('/login', 303);
      }
      const fresh = context.sessions.promote(request.session);
      context.sessions.delete(request.session.id);
      reply.setCookie(SESSION_COOKIE, fresh.id, { httpOnly: true, sameSite: 'strict', path: '/' });
      return reply.redirect('/', 303);
    },
  );

  app.post('/logout', async (request, reply) => {
    context.sessions.delete(request.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
}
