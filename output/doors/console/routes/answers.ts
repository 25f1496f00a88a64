/**
 * How an action answers: a redirect to the page it came from carrying a flash message (what was
 * done, or why not), and a line in the console's journal (what, when, from which address).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutputReport } from '../../../runner/stages/write.js';
import type { ConsoleContext } from '../console-context.js';
import type { Flash } from '../security/sessions.js';
import { appendJournal } from '../state/journal.js';

export function back(request: FastifyRequest, reply: FastifyReply, to: string, flash: Flash) {
  request.session.flash = flash;
  return reply.redirect(to, 303);
}

export function refuse(request: FastifyRequest, reply: FastifyReply, to: string, text: string, details: readonly string[] = []) {
  return back(request, reply, to, { kind: 'error', text, details });
}

export async function journal(
  context: ConsoleContext,
  request: FastifyRequest,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await appendJournal(context.state.currentContext.dataDir, { at: new Date().toISOString(), address: request.ip, action, details });
}

/** What the rebuild said, for the flash (its notes, documents that could not be made). */
export function rebuildFlash(done: string, written: OutputReport): Flash {
  if (written.failedDocuments > 0)
    return {
      kind: 'error',
      text: `${done}；但有 ${written.failedDocuments} 份公文因模板有误未生成（汇总表已生成）`,
      details: written.notes,
    };
  return { kind: 'ok', text: done, details: written.notes };
}
