/**
 * The clerk's decisions: 认定 / 无关 / 撤销 on the 待核实 page, the circular's lists, 定稿 and its
 * number and date. Each form checked by its schema (a reason is required wherever the file and
 * the documents want one), the decision made through actions/decide.ts (data lock, the message
 * must be stored, a final circular is not edited, decisions.yaml edited and checked, the runner),
 * journalled, answered with the page it came from and a flash message that names the message as
 * the clerk knows it (the outputs are written behind the page: the 输出 page says what changed).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { CIRCULAR, documentFileName } from '../../../documents/documents.js';
import { applyDecision, type DecisionResult } from '../actions/decide.js';
import type { CircularList, DecisionEdit } from '../actions/decisions-edit.js';
import type { ConsoleContext, RouteOptions } from '../console-context.js';
import { circularSummary, finalLines } from '../pages/circular-summary.js';
import { findMessage, messageText } from '../pages/message-name.js';
import { actionFlash, back, journal, refuse } from './answers.js';
import { messageId, parseBody, rosterUnit, text } from './body.js';

/** Runs a decision; one the console or decisions.yaml's schema refuses comes back as the flash. */
async function decide(
  context: ConsoleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  to: string,
  edit: DecisionEdit,
  done: string,
  after: () => Promise<string[]> | string[] = () => [],
) {
  let result: DecisionResult;
  try {
    result = await applyDecision(context.state, edit);
  } catch (error) {
    if (isHuizongError(error) && (error.code === 'CONFIG' || error.code === 'LOCKED')) {
      await journal(context, request, edit.kind, { ...edit, kind: undefined, refused: error.message });
      return refuse(request, reply, to, `未保存：${error.message}`, error.details);
    }
    throw error;
  }
  await journal(context, request, edit.kind, { ...edit, kind: undefined });
  return back(request, reply, to, actionFlash(done, result, context.state.currentContext, await after()));
}

/** The message a form names, as the clerk knows it (sender, subject, time, id). */
async function nameOf(context: ConsoleContext, id: string): Promise<string> {
  const record = findMessage((await context.state.current()).result.messages, id);
  return record ? messageText(record) : `编号为 ${id} 的来信`;
}

/** A reason: required, as the README and the 通报 page say. */
const reason = (what: string) => text().refine((value) => value !== '', { error: `请写明${what}的理由` });

const CIRCULAR_DONE: Record<CircularList, (unit: string) => string> = {
  add: (unit) => `已增加通报${unit}`,
  remove: (unit) => `已从通报名单中去掉${unit}（不写入通报）`,
  exempt: (unit) => `已对${unit}免予通报（通报中写明免予通报）`,
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
const messageRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  const roster = () => new Set(context.state.currentContext.campaign.roster.map((unit) => unit.name));
  const assign = z.object({ message: messageId, unit: rosterUnit(roster), reason: reason('认定') });
  const ignore = z.object({ message: messageId, reason: reason('认定为无关邮件') });
  const forget = z.object({ message: messageId });
  const page = links.to('/pending');

  app.post('/actions/assign', async (request, reply) => {
    const body = parseBody(assign, request.body);
    if (!body.ok) return refuse(request, reply, page, `未认定：${body.mistake}`);
    const { message, unit } = body.value;
    const done = `已把${await nameOf(context, message)}认定为${unit}的来信，并重新汇总`;
    return decide(context, request, reply, page, { kind: 'assign', ...body.value }, done);
  });

  app.post('/actions/ignore', async (request, reply) => {
    const body = parseBody(ignore, request.body);
    if (!body.ok) return refuse(request, reply, page, `未认定：${body.mistake}`);
    const done = `已把${await nameOf(context, body.value.message)}认定为无关邮件，并重新汇总`;
    return decide(context, request, reply, page, { kind: 'ignore', ...body.value }, done);
  });

  app.post('/actions/forget-message', async (request, reply) => {
    const body = parseBody(forget, request.body);
    if (!body.ok) return refuse(request, reply, page, body.mistake);
    const { message } = body.value;
    const done = `已撤销对${await nameOf(context, message)}的认定，并重新汇总`;
    return decide(context, request, reply, page, { kind: 'forget-message', message }, done);
  });
};

/** The 通报 page's lists, 定稿, number and date. */
const circularRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context, links }) => {
  const roster = () => new Set(context.state.currentContext.campaign.roster.map((unit) => unit.name));
  const list = z.object({
    list: text().pipe(z.enum(['add', 'remove', 'exempt'], { error: '操作有误' })),
    unit: rosterUnit(roster),
    reason: text().refine((value) => value !== '', { error: '请写明理由' }),
  });
  const unlist = z.object({ unit: rosterUnit(roster) });
  const final = z.object({ final: text().transform((value) => value === 'true') });
  const meta = z.object({ number: circularNumber, date: circularDate });
  const page = links.to('/circular');

  app.post('/actions/circular', async (request, reply) => {
    const body = parseBody(list, request.body);
    if (!body.ok) return refuse(request, reply, page, `未保存：${body.mistake}`);
    const edit = { kind: 'circular-list', ...body.value } as const;
    return decide(context, request, reply, page, edit, `${CIRCULAR_DONE[edit.list](edit.unit)}，并重新生成通报`);
  });

  app.post('/actions/circular-unlist', async (request, reply) => {
    const body = parseBody(unlist, request.body);
    if (!body.ok) return refuse(request, reply, page, body.mistake);
    const { unit } = body.value;
    const done = `已撤销对${unit}的决定，改按规则处理，并重新生成通报`;
    return decide(context, request, reply, page, { kind: 'circular-unlist', unit }, done);
  });

  app.post('/actions/circular-final', async (request, reply) => {
    const body = parseBody(final, request.body);
    if (!body.ok) return refuse(request, reply, page, body.mistake);
    const { campaign } = context.state.currentContext;
    const finalName = documentFileName(campaign, CIRCULAR, false);
    const draftName = documentFileName(campaign, CIRCULAR, true);
    if (body.value.final)
      return decide(context, request, reply, page, { kind: 'circular-final', final: true }, '通报已定稿', async () =>
        finalLines(circularSummary(await context.state.current())),
      );
    return decide(
      context,
      request,
      reply,
      page,
      { kind: 'circular-final', final: false },
      `通报已改回草稿：《${draftName}》随之重新生成，名单、发文字号和成文日期可以再改`,
      () => [`先前定稿的《${finalName}》仍在输出文件夹中，已不是最新；改好后再按“定稿”会重新生成它`],
    );
  });

  app.post('/actions/circular-meta', async (request, reply) => {
    const body = parseBody(meta, request.body);
    if (!body.ok) return refuse(request, reply, page, `未保存：${body.mistake}`);
    return decide(context, request, reply, page, { kind: 'circular-meta', ...body.value }, '已保存发文字号和成文日期，并重新生成通报');
  });
};

export const decisionRoutes: FastifyPluginAsync<RouteOptions> = async (app, options) => {
  await app.register(messageRoutes, options);
  await app.register(circularRoutes, options);
};
