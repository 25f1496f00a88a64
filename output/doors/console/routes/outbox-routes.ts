/**
 * 发信: the page, the question before any send (how many mails, to whom), the send itself in the
 * background with its progress, and 确认已收到. Everything about mail goes through
 * output/mail/outbox.ts (the same functions as `huizong receipts/remind/outbox`) by way of
 * actions/mail-job.ts, which holds the data lock, refuses the bundled demo campaign and explains
 * a failure; this module journals each action.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { confirmSent, listOutbox, planMail } from '../../../mail/outbox.js';
import { smtpConfigured } from '../../../mail/smtp-settings.js';
import { refuseReadOnly, withConsoleLock } from '../actions/guards.js';
import { MAIL_LABEL, MailJobs, type MailKind, mailPlanFor, planFingerprint, type SendRequest } from '../actions/mail-job.js';
import type { RouteOptions } from '../console-context.js';
import { confirmBody, confirmResendBody, outboxBody } from '../pages/outbox-page.js';
import { pageData, sendPage } from '../pages/page-reply.js';
import type { Flash } from '../security/sessions.js';
import { back as backToPage, journal } from './answers.js';
import { parseBody } from './body.js';

const ENTRY = /^(receipt|reminder|documents)-[0-9a-f]{16}$/;
const entryField = z.preprocess(
  (value) => (typeof value === 'string' ? value : ''),
  z.string().regex(ENTRY, { error: '发信记录编号有误' }),
);
const kindField = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.enum(['receipt', 'reminder'], { error: '表单有误' }));
const sendForm = z.union([
  z.object({
    kind: kindField,
    plan: z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().regex(/^[0-9a-f]{16}$/)),
  }),
  z.object({ entry: entryField }),
]);

interface OutboxRouteOptions extends RouteOptions {
  /** The campaign's one batch at a time. */
  jobs: MailJobs;
}

const backTo = (request: FastifyRequest, reply: FastifyReply, links: RouteOptions['links'], flash: Flash) =>
  backToPage(request, reply, links.to('/outbox'), flash);

/** The page, and the batch's progress for its script. */
const pageRoutes: FastifyPluginAsync<OutboxRouteOptions> = async (app, { context, links, jobs }) => {
  app.get('/outbox', async (request, reply) => {
    const data = await pageData(context, request, links);
    const { context: command, result, decisions } = data.snapshot;
    const outboxContext = {
      campaign: command.campaign,
      dataDir: command.dataDir,
    };
    const state = { result, decisions };
    const view = {
      smtpConfigured: smtpConfigured(command.campaign.file.smtp),
      receipts: await planMail(outboxContext, state, 'receipt', data.now),
      reminders: await planMail(outboxContext, state, 'reminder', data.now),
      outbox: await listOutbox(command.dataDir),
      job: jobs.current,
    };
    return sendPage(context, request, reply, data, {
      title: '发信',
      nav: 'outbox',
      live: 'note',
      body: outboxBody(data, view),
    });
  });

  app.get('/outbox/job', async (_request, reply) => {
    const job = jobs.current;
    return reply.header('Cache-Control', 'no-store').send(
      job
        ? {
            running: job.result === null,
            done: job.done,
            total: job.total,
            lines: job.lines.length,
          }
        : { running: false },
    );
  });
};

/** The question before a send: how many mails to whom, or which one again. */
const confirmRoutes: FastifyPluginAsync<OutboxRouteOptions> = async (app, { context, links, jobs }) => {
  app.get<{ Querystring: { kind?: unknown; entry?: unknown } }>('/outbox/confirm', async (request, reply) => {
    const back = (flash: Flash) => backTo(request, reply, links, flash);
    const data = await pageData(context, request, links);
    if (data.readOnly) return back({ kind: 'info', text: data.readOnly === 'archived' ? '已归档的活动不发邮件' : '示例活动不发邮件' });
    if (jobs.running) return back({ kind: 'info', text: '正在发送，发完后才能再发' });
    if (!smtpConfigured(data.snapshot.context.campaign.file.smtp)) return back({ kind: 'error', text: '没有配置发信服务器，不能发送' });
    const entryId = typeof request.query.entry === 'string' && ENTRY.test(request.query.entry) ? request.query.entry : null;
    if (entryId) {
      const found = (await listOutbox(data.snapshot.context.dataDir)).find((view) => view.entry.id === entryId);
      if (!found) return back({ kind: 'error', text: '发信记录中没有这一封' });
      const body = confirmResendBody(data, found.entry, found.state);
      return sendPage(context, request, reply, data, {
        title: '确认重发',
        nav: 'outbox',
        live: 'note',
        body,
      });
    }
    const kind = request.query.kind === 'receipt' || request.query.kind === 'reminder' ? (request.query.kind as MailKind) : null;
    if (!kind) return reply.callNotFound();
    const plan = await mailPlanFor(context.state, kind, data.now);
    if (plan.templateIssues.length > 0)
      return back({
        kind: 'error',
        text: '邮件模板有误，不能发送',
        details: plan.templateIssues,
      });
    if (plan.planned.length + plan.retries.length === 0)
      return back({
        kind: 'info',
        text: `现在没有要发的${MAIL_LABEL[kind]}`,
      });
    const body = confirmBody(data, kind, plan, planFingerprint(plan));
    return sendPage(context, request, reply, data, {
      title: `确认发送${MAIL_LABEL[kind]}`,
      nav: 'outbox',
      live: 'note',
      body,
    });
  });
};

/** The send confirmed (in the background), and 确认已收到. */
const actionRoutes: FastifyPluginAsync<OutboxRouteOptions> = async (app, { context, links, jobs }) => {
  app.post('/actions/send', async (request, reply) => {
    const body = parseBody(sendForm, request.body);
    if (!body.ok)
      return backTo(request, reply, links, {
        kind: 'error',
        text: body.mistake,
      });
    const sendRequest: SendRequest =
      'entry' in body.value ? { entry: body.value.entry } : { kind: body.value.kind as MailKind, plan: body.value.plan };
    const action = 'entry' in sendRequest ? 'outbox-resend' : sendRequest.kind === 'receipt' ? 'send-receipts' : 'send-reminders';
    const started = jobs.start(context.state, sendRequest, context.log, (result) =>
      journal(context, request, action, {
        ...sendRequest,
        outcome: result.text,
        failure: result.failure?.what ?? null,
      }),
    );
    if (!started)
      return backTo(request, reply, links, {
        kind: 'info',
        text: '正在发送，发完后才能再发',
      });
    return reply.redirect(`${links.to('/outbox')}#send-job`, 303);
  });

  app.post('/actions/outbox-confirm', async (request, reply) => {
    const body = parseBody(z.object({ entry: entryField }), request.body);
    if (!body.ok)
      return backTo(request, reply, links, {
        kind: 'error',
        text: body.mistake,
      });
    const { entry } = body.value;
    let flash: Flash;
    try {
      flash = await withConsoleLock(context.state, async () => {
        refuseReadOnly(context.state.currentContext);
        const confirmed = await confirmSent(context.state.currentContext.dataDir, entry);
        return {
          kind: 'ok',
          text: `已确认${confirmed.unit ?? ''}收到《${confirmed.subject}》，不再重发`,
        } as Flash;
      });
    } catch (error) {
      if (!isHuizongError(error) || !['CONFIG', 'LOCKED', 'USAGE'].includes(error.code)) throw error;
      await journal(context, request, 'outbox-confirm', {
        entry,
        refused: error.message,
      });
      return backTo(request, reply, links, {
        kind: 'error',
        text: `未确认：${error.message}`,
        details: error.details,
      });
    }
    await journal(context, request, 'outbox-confirm', {
      entry,
      outcome: flash.text,
    });
    return backTo(request, reply, links, flash);
  });
};

export const outboxRoutes: FastifyPluginAsync<RouteOptions> = async (app, options) => {
  const withJobs = { ...options, jobs: new MailJobs() };
  await app.register(pageRoutes, withJobs);
  await app.register(confirmRoutes, withJobs);
  await app.register(actionRoutes, withJobs);
};
