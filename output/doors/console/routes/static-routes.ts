/** The console's own style sheet and script (assets.ts), open before login, and the browser's favicon request. */
import type { FastifyPluginAsync } from 'fastify';
import { CONSOLE_CSS, CONSOLE_JS } from '../assets.js';

/** Paths answered without a session (the login page needs its style and script). */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/login', '/favicon.ico', '/static/console.css', '/static/console.js']);

export const staticRoutes: FastifyPluginAsync = async (app) => {
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  app.get('/static/console.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'no-cache').send(CONSOLE_CSS),
  );
  app.get('/static/console.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(CONSOLE_JS),
  );
};
