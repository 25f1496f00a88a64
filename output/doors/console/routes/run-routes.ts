/**
 * The pipeline by hand: 立即收信 starts a cycle of the intake schedule (the page hears when it is
 * done), 重新汇总 rebuilds from stored mail as `huizong merge` does.
 */
import type { FastifyPluginAsync } from 'fastify';
import { rebuild } from '../actions/rebuild.js';
import type { RouteOptions } from '../console-context.js';
import { back, journal, rebuildFlash } from './answers.js';

const POLL_ANSWER = {
  started: '已开始收信，完成后本页自动更新',
  running: '正在收信，请稍候',
  'no-source': '没有配置收信邮箱，无法收信',
} as const;

export const runRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  app.post('/actions/poll', async (request, reply) => {
    const outcome = context.schedule.pollNow();
    await journal(context, request, 'poll', { outcome });
    return back(request, reply, '/', { kind: outcome === 'no-source' ? 'error' : 'info', text: POLL_ANSWER[outcome] });
  });

  app.post('/actions/merge', async (request, reply) => {
    const written = await rebuild(context.state);
    await journal(context, request, 'merge', { failedDocuments: written.failedDocuments });
    const files = written.files.map((path) => path.slice(path.lastIndexOf('/') + 1));
    const flash = rebuildFlash('已重新汇总', written);
    return back(request, reply, '/outputs', { ...flash, details: [...(flash.details ?? []), ...files.map((name) => `已生成 ${name}`)] });
  });
};
