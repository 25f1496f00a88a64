/**
 * 发信: the page and its four buttons. Everything about mail goes through output/mail/outbox.ts
 * (the same functions as `huizong receipts/remind/outbox`); this module only holds the data lock
 * around a send, refuses the bundled demo campaign, journals the action and says what happened.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isHuizongError } from '../../../../intake/kernel/errors.js';
import { confirmSent, listOutbox, planMail, resendEntry, type SendReport, sendMail } from '../../../mail/outbox.js';
import { smtpConfigured } from '../../../mail/smtp-settings.js';
import { refuseBundled, withDataLock } from '../console-actions.js';
import type { ConsoleContext } from '../console-context.js';
import { appendJournal } from '../journal.js';
import { outboxBody } from '../pages/outbox-page.js';
import type { Flash } from '../sessions.js';
import { pageData, sendPage } from './page-routes.js';

type Body = Record<string, unknown>;
const PAGE = '/outbox';
const ENTRY_ID = /^(receipt|reminder|documents)-[0-9a-f]{16}$/;

function back(request: FastifyRequest, reply: FastifyReply, flash: Flash) {
  request.session.flash = flash;
  return reply.redirect(PAGE, 303);
}

async function journal(context: ConsoleContext, request: FastifyRequest, action: string, details: Record<string, unknown>): Promise<void> {
  await appendJournal(context.state.currentContext.dataDir, { at: new Date().toISOString(), address: request.ip, action, details });
}

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
    flash = await withDataLock(context.state.currentContext.dataDir, async () => {
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

export function registerOutboxRoutes(app: FastifyInstance, context: ConsoleContext): void {
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
    app.post<{ Body: Body }>(path, async (request, reply) =>
      mailAction(context, request, reply, action, {}, async (log, lines) => {
        // Current inside the lock: the state a send plans from includes mail taken in a moment ago.
        const snapshot = await context.state.current();
        const outboxContext = { campaign: snapshot.context.campaign, dataDir: snapshot.context.dataDir };
        const report = await sendMail(outboxContext, { result: snapshot.result, decisions: snapshot.decisions }, kind, { log });
        return reportFlash(label, report, lines);
      }),
    );
  }

  app.post<{ Body: Body }>('/actions/outbox-confirm', async (request, reply) => {
    const entry = typeof request.body.entry === 'string' ? request.body.entry : '';
    if (!ENTRY_ID.test(entry)) return back(request, reply, { kind: 'error', text: '发信记录编号有误' });
    return mailAction(context, request, reply, 'outbox-confirm', { entry }, async () => {
      const confirmed = await confirmSent(context.state.currentContext.dataDir, entry);
      return { kind: 'ok', text: `已确认${confirmed.unit ?? ''}收到《${confirmed.subject}》，不再重发` };
    });
  });

  app.post<{ Body: Body }>('/actions/outbox-resend', async (request, reply) => {
    const entry = typeof request.body.entry === 'string' ? request.body.entry : '';
    if (!ENTRY_ID.test(entry)) return back(request, reply, { kind: 'error', text: '发信记录编号有误' });
    return mailAction(context, request, reply, 'outbox-resend', { entry }, async (log, lines) => {
      const { campaign, dataDir } = context.state.currentContext;
      const report = await resendEntry({ campaign, dataDir }, entry, { log });
      return reportFlash('邮件', report, lines);
    });
  });
}
