/**
 * Sending from the 发信 page: never at one click. The page first shows what would go (how many
 * mails, to whom: mailPlanFor), the clerk confirms exactly that plan (its fingerprint travels
 * with the form; if new mail changed it meanwhile nothing is sent and the clerk is asked again),
 * and the batch then runs in the background under the data lock while the page shows how far it
 * is (one line per mail, as output/mail/send-batch.ts logs it) and, at the end, the result: what
 * was sent, and for a failure what failed, the server's own words and what to check
 * (smtp-failure.ts). One batch at a time per campaign.
 */
import { createHash } from 'node:crypto';
import { HuizongError, isHuizongError } from '../../../../intake/kernel/errors.js';
import { formatBeijing } from '../../../../intake/kernel/time.js';
import { listOutbox, type PlanView, planMail, resendEntry, type SendReport, sendMail } from '../../../mail/outbox.js';
import type { OutboxEntry } from '../../../mail/outbox-journal.js';
import { resolveSmtpSettings } from '../../../mail/smtp-settings.js';
import type { ConsoleState } from '../state/console-state.js';
import { refuseReadOnly, withConsoleLock } from './guards.js';
import { answerFailure, connectFailure, type SendFailure } from './smtp-failure.js';

export type MailKind = PlanView['kind'];
export const MAIL_LABEL: Record<MailKind, string> = { receipt: '回执', reminder: '催报' };

/** What the clerk confirmed: a kind and the plan seen, or one outbox entry to send again. */
export type SendRequest = { kind: MailKind; plan: string } | { entry: string };

export interface SendResult {
  kind: 'ok' | 'error' | 'info';
  text: string;
  failure: SendFailure | null;
  /** More to know (the Sent-folder copies). */
  notes: string[];
}

export interface MailJob {
  /** What is being sent, in words: "回执", "催报", "重发《…》". */
  label: string;
  /** Mails in the batch, once the plan is known. */
  total: number | null;
  /** Mails handed to the server so far (each with its line). */
  done: number;
  lines: string[];
  startedAt: string;
  finishedAt: string | null;
  result: SendResult | null;
}

/** The plan's identity: the same mails (by journal id) give the same fingerprint. */
export function planFingerprint(plan: Pick<PlanView, 'planned' | 'retries'>): string {
  const ids = [...plan.retries.map((entry) => entry.id), ...plan.planned.map((mail) => mail.id)].sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16);
}

/** What would be sent now, as the confirm page shows it (nothing is sent, nothing written). */
export async function mailPlanFor(state: ConsoleState, kind: MailKind, now: Date = new Date()): Promise<PlanView> {
  const snapshot = await state.current();
  const place = { campaign: snapshot.context.campaign, dataDir: snapshot.context.dataDir };
  return planMail(place, { result: snapshot.result, decisions: snapshot.decisions }, kind, now);
}

const PLAN_CHANGED = '要发送的邮件与确认时不同了（刚收到新来信、作了认定，或已有人发过），没有发送';

function server(state: ConsoleState): string {
  try {
    const settings = resolveSmtpSettings(state.currentContext.campaign.file.smtp);
    return `${settings.host}:${settings.port}`;
  } catch {
    return '（未配置）';
  }
}

/** The batch's failure, if any: the entry its last attempt (made in this batch) did not send. */
async function batchFailure(dataDir: string, since: string, report: SendReport): Promise<SendFailure | null> {
  if (report.stoppedBy === null && report.sent.length === report.attempted) return null;
  const failed = (await listOutbox(dataDir))
    .map((view) => view.entry)
    .filter((entry: OutboxEntry) => {
      const last = entry.attempts.at(-1);
      return last !== undefined && last.startedAt >= since && last.outcome !== 'sent';
    })
    .sort((a, b) => a.attempts.at(-1)!.startedAt.localeCompare(b.attempts.at(-1)!.startedAt));
  const entry = failed.at(-1);
  if (entry) return answerFailure(entry, entry.attempts.at(-1)!, report.notTried);
  // The connection was lost between two mails and could not be opened again.
  return report.stoppedBy
    ? { what: `发信中途断开，未能重新连接：${report.stoppedBy}`, server: null, check: ['过一会儿再按发送，没发出的会照常发出'] }
    : null;
}

function resultOf(label: string, report: SendReport, failure: SendFailure | null): SendResult {
  const notes = report.copies?.failure ? [`发出的邮件未能存入“已发送”文件夹：${report.copies.failure}（下次发送时再存）`] : [];
  if (report.attempted === 0) return { kind: 'info', text: `没有要发的${label}`, failure: null, notes };
  const parts = [
    `已发送${label} ${report.sent.length} 封`,
    report.deferred > 0 ? `${report.deferred} 封稍后重试` : '',
    report.rejected > 0 ? `${report.rejected} 封被拒收` : '',
    report.unknown > 0 ? `${report.unknown} 封可能已发送` : '',
    report.notTried > 0 ? `${report.notTried} 封未发` : '',
  ].filter((part) => part !== '');
  return { kind: failure ? 'error' : 'ok', text: parts.join('，'), failure, notes };
}

export class MailJobs {
  private job: MailJob | null = null;

  get current(): MailJob | null {
    return this.job;
  }

  get running(): boolean {
    return this.job !== null && this.job.finishedAt === null;
  }

  /** Starts the batch in the background; false when one is running already. */
  start(state: ConsoleState, request: SendRequest, log: (line: string) => void, journal: (result: SendResult) => Promise<void>): boolean {
    if (this.running) return false;
    const label = 'kind' in request ? MAIL_LABEL[request.kind] : '邮件';
    const job: MailJob = { label, total: null, done: 0, lines: [], startedAt: new Date().toISOString(), finishedAt: null, result: null };
    this.job = job;
    const lineOf = (line: string) => {
      job.done++;
      job.lines.push(`${formatBeijing(new Date())} ${line}`);
      log(line);
    };
    void this.run(state, request, job, lineOf).then(async (result) => {
      job.result = result;
      job.finishedAt = new Date().toISOString();
      await journal(result).catch((error: unknown) => log(`控制台未能记下发信结果：${String(error)}`));
    });
    return true;
  }

  private async run(state: ConsoleState, request: SendRequest, job: MailJob, log: (line: string) => void): Promise<SendResult> {
    const since = job.startedAt;
    try {
      return await withConsoleLock(state, async () => {
        refuseReadOnly(state.currentContext);
        // Current inside the lock: the plan includes mail taken in a moment ago.
        const snapshot = await state.current();
        const place = { campaign: snapshot.context.campaign, dataDir: snapshot.context.dataDir };
        if ('entry' in request) {
          job.total = 1;
          const report = await resendEntry(place, request.entry, { log });
          return resultOf(job.label, report, await batchFailure(place.dataDir, since, report));
        }
        const report = await sendMail(place, { result: snapshot.result, decisions: snapshot.decisions }, request.kind, {
          log,
          onPlan: (plan) => {
            // What the clerk confirmed, or nothing: the connection is not even opened.
            if (planFingerprint(plan) !== request.plan) throw new HuizongError('CONFIG', PLAN_CHANGED);
            job.total = plan.planned.length + plan.retries.length;
          },
        });
        return resultOf(job.label, report, await batchFailure(place.dataDir, since, report));
      });
    } catch (error) {
      if (isHuizongError(error) && error.code === 'MAILBOX')
        return { kind: 'error', text: `没有发出${job.label}`, failure: connectFailure(error, server(state)), notes: [] };
      if (isHuizongError(error) && ['CONFIG', 'LOCKED', 'USAGE'].includes(error.code))
        return { kind: 'error', text: `未发送：${error.message}`, failure: null, notes: [...error.details] };
      log(`发信时出错：${(error as Error).stack ?? String(error)}`);
      return {
        kind: 'error',
        text: `发信时出现程序错误，已停止（已发出的记在发信记录中）`,
        failure: null,
        notes: ['详情已记录在控制台的运行记录中'],
      };
    }
  }
}
