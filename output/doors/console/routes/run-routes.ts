/**
 * The pipeline by hand: 立即收信 starts a cycle of the intake schedule (the page hears when it is
 * done), 重新汇总 rebuilds from stored mail as `huizong merge` does and says what it changed.
 */
import type { FastifyPluginAsync } from 'fastify';
import { rebuild } from '../actions/rebuild.js';
import type { RouteOptions } from '../console-context.js';
import { actionFlash, back, journal, refuse } from './answers.js';

const POLL_ANSWER = {
  started: '已开始收信，完成后本页自动更新',
  running: '正在收信，请稍候，完成后本页自动更新',
  'no-source': '没有配置收信邮箱，无法收信',
} as const;

/** What 立即收信 says: a mailbox that cannot be polled yet says why (no 授权码: where to enter it). */
function pollAnswer(outcome: keyof typeof POLL_ANSWER | 'blocked', blocked: string | null): string {
  return outcome === 'blocked' ? (blocked ?? POLL_ANSWER['no-source']) : POLL_ANSWER[outcome];
}

export const runRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  app.post('/actions/poll', async (request, reply) => {
    const outcome = context.schedule.pollNow();
    await journal(context, request, 'poll', { outcome });
    const failed = outcome === 'no-source' || outcome === 'blocked';
    return back(request, reply, links.overview, {
      kind: failed ? 'error' : 'info',
      text: pollAnswer(outcome, context.schedule.status.blocked),
    });
  });

  app.post('/actions/merge', async (request, reply) => {
    if (context.state.archived) return refuse(request, reply, links.to('/outputs'), '这个活动已归档，输出不再重新生成');
    const result = await rebuild(context.state);
    await journal(context, request, 'merge', { failedDocuments: result.written.failedDocuments, written: result.changes.written });
    return back(request, reply, links.to('/outputs'), actionFlash('已重新汇总', result, context.state.currentContext));
  });
};
