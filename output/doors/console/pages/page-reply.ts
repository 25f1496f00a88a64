/**
 * A page as the answer to a request: the data every page renders from (the current snapshot,
 * the schedule's state, the session's token, the clock, the campaign's links), the frame around
 * it (layout.ts), the headers of a page that must not be cached.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ScheduleStatus } from '../../schedule/intake-schedule.js';
import { readOnlyOf, writerOf } from '../actions/guards.js';
import type { ConsoleState } from '../state/console-state.js';
import { type Chrome, type PageOptions, page } from './layout.js';
import type { Links } from './links.js';
import type { PageData } from './page-data.js';

/**
 * What of the console a page reads (the routes' ConsoleContext has it): named here, so pages/
 * need not import the context module, which imports pages/links.ts.
 */
export interface PageContext {
  state: ConsoleState;
  schedule: { status: ScheduleStatus };
  passwordHash: string | null;
}

export async function pageData(context: PageContext, request: FastifyRequest, links: Links): Promise<PageData> {
  const snapshot = await context.state.current();
  const writer = writerOf(context.state);
  const { outDir } = snapshot.context;
  return {
    snapshot,
    behind: { pending: writer.pending(outDir), last: writer.outcome(outDir) },
    intake: context.schedule.status,
    lastIntake: context.state.lastIntake,
    csrf: request.session.csrf,
    now: new Date(),
    links,
    readOnly: readOnlyOf(snapshot.context),
  };
}

/** The frame data of a page for this request (the session's flash message is shown once). */
export function chromeFor(context: PageContext, request: FastifyRequest, data: PageData): Chrome {
  const session = request.session;
  const flash = session.flash;
  session.flash = null;
  return {
    campaignTitle: data.snapshot.context.campaign.file.title,
    links: data.links,
    readOnly: data.readOnly,
    csrf: session.csrf,
    generation: context.state.currentGeneration,
    flash,
    loggedIn: context.passwordHash !== null && session.authenticated,
    problem: data.snapshot.problem,
  };
}

export function sendPage(context: PageContext, request: FastifyRequest, reply: FastifyReply, data: PageData, options: PageOptions) {
  return reply
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(page(chromeFor(context, request, data), options).text);
}
