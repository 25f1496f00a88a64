/**
 * A page as the answer to a request: the data every page renders from (the current snapshot,
 * the schedule's state, the session's token, the clock), the frame around it (layout.ts), the
 * headers of a page that must not be cached.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleContext } from '../console-context.js';
import { type Chrome, type PageOptions, page } from './layout.js';
import type { PageData } from './page-data.js';

export async function pageData(context: ConsoleContext, request: FastifyRequest): Promise<PageData> {
  return { snapshot: await context.state.current(), intake: context.schedule.status, csrf: request.session.csrf, now: new Date() };
}

/** The frame data of a page for this request (the session's flash message is shown once). */
export function chromeFor(context: ConsoleContext, request: FastifyRequest, problem: Chrome['problem'], title: string): Chrome {
  const session = request.session;
  const flash = session.flash;
  session.flash = null;
  return {
    campaignTitle: title,
    csrf: session.csrf,
    generation: context.state.currentGeneration,
    flash,
    loggedIn: context.passwordHash !== null && session.authenticated,
    problem,
  };
}

export function sendPage(context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, data: PageData, options: PageOptions) {
  const chrome = chromeFor(context, request, data.snapshot.problem, data.snapshot.context.campaign.file.title);
  return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page(chrome, options).text);
}
