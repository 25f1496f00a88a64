/**
 * How an action answers: a redirect to the page it came from carrying a flash message (what was
 * done and what it changed, or why not), and a line in the console's journal (what, when, from
 * which address).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Campaign } from '../../../../intake/kernel/campaign/campaign.js';
import { type ActionResult, changeLines } from '../actions/output-changes.js';
import type { DoorsContext } from '../console-context.js';
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
  context: DoorsContext,
  request: FastifyRequest,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await appendJournal(context.journalDir(), { at: new Date().toISOString(), address: request.ip, action, details });
}

/** Said of the outputs written behind a decision's page. */
export const WRITING_BEHIND = '汇总表和公文正在按此重新生成，完成后“输出”页会列出改动的文件；此时下载会等生成完成后给出新文件';

/**
 * What an action did, for the flash: the sentence, then which files were made, kept or removed
 * (null: a decision's files are still being written behind its page; the 输出 page tells).
 */
export function actionFlash(
  done: string,
  result: ActionResult | null,
  place: { campaign: Campaign; outDir: string },
  extra: readonly string[] = [],
): Flash {
  if (result === null) return { kind: 'ok', text: done, details: [...extra, WRITING_BEHIND] };
  const details = [...extra, ...changeLines(place.campaign, place.outDir, result.changes)];
  if (result.written.failedDocuments > 0)
    return {
      kind: 'error',
      text: `${done}；但有 ${result.written.failedDocuments} 份公文因模板有误未能生成（其余文件已生成），请到“模板”页查看错误并改正`,
      details,
    };
  return { kind: 'ok', text: done, details };
}
