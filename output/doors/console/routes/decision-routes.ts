/**
 * The clerk's decisions: 认定 / 无关 / 撤销 on the 待核实 page, the circular's lists, 定稿 and its
 * number and date. Each form checked by its schema, the decision made through actions/decide.ts
 * (data lock, decisions.yaml edited and checked, the runner), journalled, answered with the page
 * it came from and a flash message.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import type { OutputReport } from '../../../runner/stages/write.js';
import { applyDecision } from '../actions/decide.js';
import type { CircularList, DecisionEdit } from '../actions/decisions-edit.js';
import type { ConsoleContext, RouteOptions } from '../console-context.js';
import { back, journal, rebuildFlash, refuse } from './answers.js';
import { messageId, parseBody, rosterUnit, text } from './body.js';

/** Runs a decision; an edit the schema of decisions.yaml refuses (a unit not on the roster …) comes back as the flash. */
async function decide(context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, to: string, edit: DecisionEdit, done: string) {
  let written: OutputReport;
  try {
    written = await applyDecision(context.state, edit);
  } catch (error) {
    if (isHuizongError(error) && (error.code === 'CONFIG' || error.code === 'LOCKED')) {
      await journal(context, request, edit.kind, { ...edit, refused: error.message });
      return refuse(request, reply, to, `未保存：${error.message}`, error.details);
    }
    throw error;
  }
  await journal(context, request, edit.kind, { ...edit, kind: undefined });
  return back(request, reply, to, rebuildFlash(done, written));
}

const CIRCULAR_DONE: Record<CircularList, (unit: string) => string> = {
  add: (unit) => `已增加通报${unit}`,
  remove: (unit) => `已从通报名单中去掉${unit}`,
  exempt: (unit) => `已对${unit}免予通报`,
};

/** The document number's sequence (1–9999), or null when left empty (the key is removed). */
const circularNumber = text()
  .refine((value) => value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 9999), {
    error: '发文字号的序号应为正整数，例如 12',
  })
  .transform((value) => (value === '' ? null : Number(value)));
/** The date (YYYY-MM-DD), or null when left empty. */
const circularDate = text()
  .refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), { error: '成文日期应为日期，例如 2013-08-21' })
  .transform((value) => (value === '' ? null : value));

/** The 待核实 page's three buttons. */
const messageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  const roster = () => new Set(context.state.currentContext.campaign.roster.map((unit) => unit.name));
  const assign = z.object({ message: messageId, unit: rosterUnit(roster), reason: text() });
  const ignore = z.object({ message: messageId, reason: text() });
  const forget = z.object({ message: messageId });

  app.post('/actions/assign', async (request, reply) => {
    const body = parseBody(assign, request.body);
    if (!body.ok) return refuse(request, reply, '/pending', body.mistake);
    const { message, unit } = body.value;
    return decide(context, request, reply, '/pending', { kind: 'assign', ...body.value }, `已把来信 ${message} 认定给${unit}，并重新汇总`);
  });

  app.post('/actions/ignore', async (request, reply) => {
    const body = parseBody(ignore, request.body);
    if (!body.ok) return refuse(request, reply, '/pending', body.mistake);
    const { message } = body.value;
    return decide(context, request, reply, '/pending', { kind: 'ignore', ...body.value }, `已把来信 ${message} 认定为无关邮件，并重新汇总`);
  });

  app.post('/actions/forget-message', async (request, reply) => {
    const body = parseBody(forget, request.body);
    if (!body.ok) return refuse(request, reply, '/pending', body.mistake);
    const { message } = body.value;
    return decide(context, request, reply, '/pending', { kind: 'forget-message', message }, `已撤销对来信 ${message} 的认定，并重新汇总`);
  });
};

/** The 通报 page's lists, 定稿, number and date. */
const circularRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  const roster = () => new Set(context.state.currentContext.campaign.roster.map((unit) => unit.name));
  const list = z.object({
    list: text().pipe(z.enum(['add', 'remove', 'exempt'], { error: '操作有误' })),
    unit: rosterUnit(roster),
    reason: text().refine((reason) => reason !== '', { error: '请写明理由' }),
  });
  const unlist = z.object({ unit: rosterUnit(roster) });
  const final = z.object({ final: text().transform((value) => value === 'true') });
  const meta = z.object({ number: circularNumber, date: circularDate });

  app.post('/actions/circular', async (request, reply) => {
    const body = parseBody(list, request.body);
    if (!body.ok) return refuse(request, reply, '/circular', body.mistake);
    const edit = { kind: 'circular-list', ...body.value } as const;
    return decide(context, request, reply, '/circular', edit, `${CIRCULAR_DONE[edit.list](edit.unit)}，并重新汇总`);
  });

  app.post('/actions/circular-unlist', async (request, reply) => {
    const body = parseBody(unlist, request.body);
    if (!body.ok) return refuse(request, reply, '/circular', body.mistake);
    const { unit } = body.value;
    return decide(context, request, reply, '/circular', { kind: 'circular-unlist', unit }, `已撤回对${unit}的决定，按规则处理，并重新汇总`);
  });

  app.post('/actions/circular-final', async (request, reply) => {
    const body = parseBody(final, request.body);
    if (!body.ok) return refuse(request, reply, '/circular', body.mistake);
    const done = body.value.final ? '通报已定稿，并重新生成' : '通报已改回草稿，并重新生成';
    return decide(context, request, reply, '/circular', { kind: 'circular-final', final: body.value.final }, done);
  });

  app.post('/actions/circular-meta', async (request, reply) => {
    const body = parseBody(meta, request.body);
    if (!body.ok) return refuse(request, reply, '/circular', body.mistake);
    return decide(context, request, reply, '/circular', { kind: 'circular-meta', ...body.value }, '已保存发文字号和成文日期，并重新生成');
  });
};

export const decisionRoutes: FastifyPluginAsync<RouteOptions> = async (app, options) => {
  await app.register(messageRoutes, options);
  await app.register(circularRoutes, options);
};
