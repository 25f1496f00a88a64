/**
 * 发信: the page and its four buttons. Everything about mail goes through output/mail/outbox.ts
 * (the same functions as `huizong receipts/remind/outbox`); this module only holds the data lock
 * around a send, refuses the bundled demo campaign, journals the action and says what happened.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { confirmSent, listOutbox, planMail, resendEntry, type SendReport, sendMail } from '../../../mail/outbox.js';
import { smtpConfigured } from '../../../mail/smtp-settings.js';
import { refuseBundled, withConsoleLock } from '../actions/guards.js';
import type { ConsoleContext, RouteOptions } from '../console-context.js';
import { outboxBody } from '../pages/outbox-page.js';
import { pageData, sendPage } from '../pages/page-reply.js';
import type { Flash } from '../security/sessions.js';
import { back as backTo, journal } from './answers.js';
import { parseBody } from './body.js';

const PAGE = '/outbox';
const entryForm = z.object({
  entry: z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z.string().regex(/^(receipt|reminder|documents)-[0-9a-f]{16}$/, { error: '发信记录编号有误' }),
  ),
});

const back = (request: FastifyRequest, reply: FastifyReply, flash: Flash) => backTo(request, reply, PAGE, flash);

/** What a batch did, in the clerk's words (the batch's own log lines as details). */
function reportFlash(label: string, report: SendReport, lines: readonly string[]): Flash {
  if (report.attempted === 0) return { kind: 'info', text: `没有要发的${label}`, details: lines };
  const parts = [
    `已发送${label} ${report.sent.length} 封`,
    report.deferred > 0 ? `${report.deferred} 封稍后重试` : '',
    report.rejected > 0 ? `${report.rejected} 封被拒收` : '',
    report.unknown > 0 ? `${report.unknown} 封可能已发送` : '',
    report.notTried > 0 ? `${report.notTried} 封未发` : '',
  ].filter((part) => part !== '');
  const trouble = report.stoppedBy !== null || report.sent.length < report.attempted;
  return {
    kind: trouble ? 'error' : 'ok',
    text: `${parts.join('，')}${report.stoppedBy ? `。${report.stoppedBy}` : ''}`,
    details: lines,
  };
}

/** Runs one mail action under the data lock; a configuration mistake or a busy lock comes back as the flash. */
async function mailAction(
  context: ConsoleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  action: string,
  details: Record<string, unknown>,
  work: (log: (line: string) => void, lines: readonly string[]) => Promise<Flash>,
) {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    context.log(line);
  };
  let flash: Flash;
  try {
    flash = await withConsoleLock(context.state, async () => {
      refuseBundled(context.state.currentContext.campaign);
      return work(log, lines);
    });
  } catch (error) {
    if (isHuizongError(error) && ['CONFIG', 'LOCKED', 'USAGE'].includes(error.code)) {
      await journal(context, request, action, { ...details, refused: error.message });
      return back(request, reply, { kind: 'error', text: `未发送：${error.message}`, details: error.details });
    }
    throw error;
  }
  await journal(context, request, action, { ...details, outcome: flash.text });
  return back(request, reply, flash);
}

export const outboxRoutes: FastifyPluginAsync<RouteOptions> = async (app, { context }) => {
  app.get(PAGE, async (request, reply) => {
    const data = await pageData(context, request);
    const { context: command, result, decisions } = data.snapshot;
    const outboxContext = { campaign: command.campaign, dataDir: command.dataDir };
    const state = { result, decisions };
    const view = {
      smtpConfigured: smtpConfigured(command.campaign.file.smtp),
      receipts: await planMail(outboxContext, state, 'receipt', data.now),
      reminders: await planMail(outboxContext, state, 'reminder', data.now),
      outbox: await listOutbox(command.dataDir),
    };
    return sendPage(context, request, reply, data, { title: '发信', nav: 'outbox', live: 'note', body: outboxBody(data, view) });
  });

  for (const { path, kind, label, action } of [
    { path: '/actions/send-receipts', kind: 'receipt', label: '回执', action: 'send-receipts' },
    { path: '/actions/send-reminders', kind: 'reminder', label: '催报', action: 'send-reminders' },
  ] as const) {
    app.post(path, async (request, reply) =>
      mailAction(context, request, reply, action, {}, async (log, lines) => {
        // Current inside the lock: the state a send plans from includes mail taken in a moment ago.
        const snapshot = await context.state.current();
        const outboxContext = { campaign: snapshot.context.campaign, dataDir: snapshot.context.dataDir };
        const report = await sendMail(outboxContext, { result: snapshot.result, decisions: snapshot.decisions }, kind, { log });
        return reportFlash(label, report, lines);
      }),
    );
  }

  app.post('/actions/outbox-confirm', async (request, reply) => {
    const body = parseBody(entryForm, request.body);
    if (!body.ok) return back(request, reply, { kind: 'error', text: body.mistake });
    const { entry } = body.value;
    return mailAction(context, request, reply, 'outbox-confirm', { entry }, async () => {
      const confirmed = await confirmSent(context.state.currentContext.dataDir, entry);
      return { kind: 'ok', text: `已确认${confirmed.unit ?? ''}收到《${confirmed.subject}》，不再重发` };
    });
  });

  app.post('/actions/outbox-resend', async (request, reply) => {
    const body = parseBody(entryForm, request.body);
    if (!body.ok) return back(request, reply, { kind: 'error', text: body.mistake });
    const { entry } = body.value;
    return mailAction(context, request, reply, 'outbox-resend', { entry }, async (log, lines) => {
      const { campaign, dataDir } = context.state.currentContext;
      const report = await resendEntry({ campaign, dataDir }, entry, { log });
      return reportFlash('邮件', report, lines);
    });
  });
};
